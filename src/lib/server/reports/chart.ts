/**
 * A bar chart by month as plain geometry, drawn by the page as inline SVG: it renders on the server,
 * shows without JavaScript and prints. The scale's top is a "nice" number (1, 2, 2.5 or 5 × 10ⁿ) so
 * gridlines fall on round values a reader can read off. Pure.
 */
export interface Bar {
	x: number;
	y: number;
	width: number;
	height: number;
	/** '3月' under the bar */
	label: string;
	/** The value printed above the bar; empty for 0 so a quiet month stays quiet. */
	valueText: string;
	/** For the SVG <title>: 2026年3月：受益人次 120 */
	title: string;
}

export interface BarChart {
	width: number;
	height: number;
	/** The plot area's left and bottom, for the axis lines. */
	left: number;
	bottom: number;
	right: number;
	bars: Bar[];
	gridlines: { y: number; text: string }[];
	/** What the chart shows, for the SVG's accessible name. */
	caption: string;
}

/** The smallest 1/2/2.5/5 × 10ⁿ at or above the value (at least 1). */
export function niceCeiling(value: number): number {
	if (value <= 1) return 1;
	const magnitude = 10 ** Math.floor(Math.log10(value));
	for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
	return 10 * magnitude;
}

const HEIGHT = 220;
const TOP = 20;
const BOTTOM = 190;
const LEFT = 48;
const RIGHT_PAD = 8;

export function monthBarChart(
	rows: readonly { month: string; label: string; value: number }[],
	caption: string,
	format: (n: number) => string = (n) => n.toLocaleString('zh-CN')
): BarChart {
	// Wide enough for three years of months, narrow enough for a single month to look like a bar.
	const slot = rows.length > 24 ? 18 : rows.length > 12 ? 26 : 44;
	const width = LEFT + Math.max(rows.length, 1) * slot + RIGHT_PAD;
	const top = niceCeiling(Math.max(0, ...rows.map((r) => r.value)));
	const scale = (BOTTOM - TOP) / top;
	// Across a year boundary the month alone is ambiguous: January (and the first bar) carry the year.
	const short = (month: string, i: number) => (i === 0 || month.endsWith('-01') ? `${month.slice(2, 4)}年${Number(month.slice(5))}月` : `${Number(month.slice(5))}月`);
	return {
		width,
		height: HEIGHT,
		left: LEFT,
		bottom: BOTTOM,
		right: width - RIGHT_PAD,
		caption,
		gridlines: [0, 0.25, 0.5, 0.75, 1].map((f) => ({ y: BOTTOM - f * top * scale, text: format(f * top) })),
		bars: rows.map((r, i) => {
			const height = r.value * scale;
			return {
				x: LEFT + i * slot + slot * 0.15,
				y: BOTTOM - height,
				width: slot * 0.7,
				height,
				label: rows.length > 24 && i % 3 !== 0 && !r.month.endsWith('-01') ? '' : short(r.month, i),
				valueText: r.value ? format(r.value) : '',
				title: `${r.label}：${caption} ${format(r.value)}`
			};
		})
	};
}
