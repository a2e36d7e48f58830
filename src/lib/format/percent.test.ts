import { describe, expect, it } from 'vitest';
import { formatPercent } from './percent';

describe('a share as a percentage', () => {
	it('keeps one decimal, rounded', () => {
		expect(formatPercent(5 / 12)).toBe('41.7%');
		expect(formatPercent(0.2356)).toBe('23.6%');
		expect(formatPercent(0.2354)).toBe('23.5%');
		expect(formatPercent(1)).toBe('100.0%');
		expect(formatPercent(0)).toBe('0.0%');
	});

	it('gives a dash when nobody answered', () => {
		expect(formatPercent(null)).toBe('—');
	});
});
