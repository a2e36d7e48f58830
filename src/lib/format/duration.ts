/** How long, as an operator reads it at a glance: 40 秒, 12 分钟, 3 小时, 2 天. */
export function formatDuration(ms: number): string {
	const seconds = Math.max(0, Math.round(ms / 1000));
	if (seconds < 60) return `${seconds} 秒`;
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return `${minutes} 分钟`;
	const hours = Math.round(minutes / 60);
	if (hours < 48) return `${hours} 小时`;
	return `${Math.round(hours / 24)} 天`;
}
