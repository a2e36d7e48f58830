/** Absolute links in mail: a message is read far from the request that caused it. */
export function publicBaseUrl(env: Record<string, string | undefined> = process.env): string {
	const origin = env.ORIGIN?.trim();
	if (origin) return origin.replace(/\/+$/, '');
	return `http://localhost:${env.PORT?.trim() || '3000'}`;
}
