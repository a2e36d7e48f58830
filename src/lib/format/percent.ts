/** A share (0–1) as people read it in a report: one decimal, 41.7%; a dash where there is none to give. */
export function formatPercent(share: number | null): string {
	return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}
