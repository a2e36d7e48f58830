/**
 * Compliance over time as plain geometry, one small bar chart per target, drawn by the page as inline
 * SVG: it renders on the server, shows without JavaScript and prints. The axis always runs 0–100%, so
 * charts of different targets read alike; a month with nothing judged (no target yet, all exempt, not
 * over) has no bar and says so in its title. Pure.
 */
import { m } from '../../i18n';
import type { ComplianceReport } from './compliance';
import type { Bar } from '../reports/chart';
import { dm } from '../../i18n/domain';

/**
 * A bar as every chart of the console draws it (reports/chart.ts); here January (and the first bar)
 * carry the year in the label, the value reads 80% or '—' for a month not judged, the title
 * 2026年3月 80%.
 */
export type PercentBar = Bar;

export interface PercentChart {
	targetId: string;
	/** The rule in words: the chart's <title>. */
	caption: string;
	/** Every month's figure in words: the chart's <desc>. */
	description: string;
	width: number;
	height: number;
	left: number;
	right: number;
	bottom: number;
	gridlines: { y: number; text: string }[];
	bars: PercentBar[];
}

const words = m.console.coverage.report;
const HEIGHT = 200;
const TOP = 18;
const BOTTOM = 172;
const LEFT = 44;
const RIGHT_PAD = 8;
const SLOT = 34;

export function percentText(value: number | null): string {
	return value === null ? '—' : `${Math.round(value * 100)}%`;
}

export function complianceCharts(report: Pick<ComplianceReport, 'trend' | 'trendMonths'>): PercentChart[] {
	const months = report.trendMonths;
	const width = LEFT + Math.max(months.length, 1) * SLOT + RIGHT_PAD;
	const scale = BOTTOM - TOP;
	const short = (key: string, i: number) => (i === 0 || key.endsWith('-01') ? dm.coverage.report.month(key.slice(2, 4), Number(key.slice(5))) : dm.coverage.report.monthShort(Number(key.slice(5))));
	return report.trend.map((series) => ({
		targetId: series.targetId,
		caption: series.ruleWords,
		description: words.chartDesc(series.ruleWords, months.map((mo, i) => words.chartPoint(mo.label, percentText(series.points[i] ?? null))).join('，')),
		width,
		height: HEIGHT,
		left: LEFT,
		right: width - RIGHT_PAD,
		bottom: BOTTOM,
		gridlines: [0, 0.5, 1].map((v) => ({ y: BOTTOM - v * scale, text: percentText(v) })),
		bars: months.map((mo, i) => {
			const value = series.points[i] ?? null;
			const height = (value ?? 0) * scale;
			return {
				x: LEFT + i * SLOT + SLOT * 0.15,
				y: BOTTOM - height,
				width: SLOT * 0.7,
				height,
				label: short(mo.key, i),
				valueText: percentText(value),
				title: words.chartPoint(mo.label, percentText(value))
			};
		})
	}));
}
