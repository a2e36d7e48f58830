/**
 * A bar chart by month as plain geometry, drawn by the page as inline SVG: it renders on the server,
 * shows without JavaScript and prints. Every figure charted is a count (期数, 场次, 人次), so the
 * gridlines fall on whole numbers a reader can read off: never "0.25 期". Pure.
 */
import { dm } from '../../i18n/domain';
/** One bar of a chart by month; coverage/compliance-chart.ts draws its bars so too. */
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

/** More gridlines than this crowd the 170 px plot and its 11 px labels. */
const MAX_STEPS = 5;

/**
 * The axis values for a count from 0 to at least `max`: the step is the smallest 1, 2 or 5 × 10ⁿ (never
 * below 1) that reaches `max` in at most five steps, so every tick is a whole number and the top tick is
 * the first one at or above the largest bar. A chart of nothing still has an axis: 0 and 1.
 */
export function countAxisTicks(max: number): number[] {
	// Guarded so that no input (NaN, Infinity) can keep the search below from ending.
	const top = Number.isFinite(max) && max > 1 ? Math.ceil(max) : 1;
	for (let magnitude = 1; ; magnitude *= 10) {
		for (const multiple of [1, 2, 5]) {
			const step = multiple * magnitude;
			const steps = Math.ceil(top / step);
			if (steps <= MAX_STEPS) return Array.from({ length: steps + 1 }, (_, i) => i * step);
		}
	}
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
	const ticks = countAxisTicks(Math.max(0, ...rows.map((r) => r.value)));
	const scale = (BOTTOM - TOP) / ticks[ticks.length - 1]!;
	// Across a year boundary the month alone is ambiguous: January (and the first bar) carry the year.
	const short = (month: string, i: number) => (i === 0 || month.endsWith('-01') ? dm.reports.labels.month(month.slice(2, 4), Number(month.slice(5))) : dm.reports.labels.monthShort(Number(month.slice(5))));
	return {
		width,
		height: HEIGHT,
		left: LEFT,
		bottom: BOTTOM,
		right: width - RIGHT_PAD,
		caption,
		gridlines: ticks.map((value) => ({ y: BOTTOM - value * scale, text: format(value) })),
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
