import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration';

describe('formatDuration', () => {
	it('says a span in the largest unit that reads well', () => {
		expect(formatDuration(40_000)).toBe('40 秒');
		expect(formatDuration(12 * 60_000)).toBe('12 分钟');
		expect(formatDuration(3 * 3_600_000)).toBe('3 小时');
		expect(formatDuration(47 * 3_600_000)).toBe('47 小时');
		expect(formatDuration(3 * 86_400_000)).toBe('3 天');
	});
});
