import { describe, expect, it } from 'vitest';
import { countAxisTicks, monthBarChart } from './chart';

describe('the axis of a count', () => {
	it('steps by whole numbers only: 1, 2 or 5 × 10ⁿ, up to the first tick at or above the largest bar', () => {
		expect(countAxisTicks(3)).toEqual([0, 1, 2, 3]);
		expect(countAxisTicks(7)).toEqual([0, 2, 4, 6, 8]);
		expect(countAxisTicks(10)).toEqual([0, 2, 4, 6, 8, 10]);
		expect(countAxisTicks(11)).toEqual([0, 5, 10, 15]);
		expect(countAxisTicks(240)).toEqual([0, 50, 100, 150, 200, 250]);
		expect(countAxisTicks(999)).toEqual([0, 200, 400, 600, 800, 1000]);
	});

	it('gives a chart of nothing, or of a single visit, the axis 0 and 1', () => {
		expect(countAxisTicks(0)).toEqual([0, 1]);
		expect(countAxisTicks(1)).toEqual([0, 1]);
		expect(countAxisTicks(Number.NaN)).toEqual([0, 1]);
	});

	it('never gives a fraction or more than five steps, whatever the largest count', () => {
		for (let max = 0; max <= 5000; max++) {
			const ticks = countAxisTicks(max);
			expect(ticks.every(Number.isInteger), `max ${max}: ${ticks.join(',')}`).toBe(true);
			expect(ticks.length - 1).toBeLessThanOrEqual(5);
			expect(ticks[0]).toBe(0);
			expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
			// The top is the first tick that reaches the largest bar: no empty band above it.
			expect(ticks[ticks.length - 2]!).toBeLessThan(Math.max(1, max));
		}
	});
});

describe('a month bar chart', () => {
	it('scales bars to the top tick, labels its gridlines with whole counts and leaves quiet months unlabelled', () => {
		const chart = monthBarChart(
			[
				{ month: '2025-12', label: '2025年12月', value: 3 },
				{ month: '2026-01', label: '2026年1月', value: 0 },
				{ month: '2026-02', label: '2026年2月', value: 7 }
			],
			'义诊期数'
		);
		expect(chart.bars.map((b) => b.label)).toEqual(['25年12月', '26年1月', '2月']);
		expect(chart.bars.map((b) => b.valueText)).toEqual(['3', '', '7']);
		expect(chart.gridlines.map((g) => g.text)).toEqual(['0', '2', '4', '6', '8']);
		// The top gridline (8) is where a bar of 8 would end; the bar of 7 stops 7/8 of the way up.
		const top = chart.gridlines[chart.gridlines.length - 1]!.y;
		expect(chart.gridlines[0]!.y).toBe(chart.bottom);
		expect(chart.bars[2]!.height).toBeCloseTo(((chart.bottom - top) * 7) / 8, 6);
		expect(chart.bars[0]!.height).toBeCloseTo((chart.bars[2]!.height * 3) / 7, 6);
		expect(chart.bars[1]!.height).toBe(0);
	});

	it('draws an axis of 0 and 1 for a period with nothing in it', () => {
		const chart = monthBarChart([{ month: '2026-03', label: '2026年3月', value: 0 }], '讲座场次');
		expect(chart.gridlines.map((g) => g.text)).toEqual(['0', '1']);
		expect(chart.bars[0]!.height).toBe(0);
	});
});
