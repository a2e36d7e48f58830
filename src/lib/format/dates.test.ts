import { describe, expect, it } from 'vitest';
import { formatDateRange, formatDateTime, formatDay, formatSittingWhen, formatTimeRange, slotOf } from './dates';

describe('dates as residents read them', () => {
	it('writes a sitting as 月日 周几 上午', () => {
		expect(formatSittingWhen('2026-11-28', '08:30')).toBe('11月28日 周六 上午');
		expect(formatSittingWhen('2026-12-01', '14:30')).toBe('12月1日 周二 下午');
		expect(formatSittingWhen('2026-11-30', '19:00')).toBe('11月30日 周一 晚上');
	});

	it('names each weekday of a week', () => {
		const days = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
		expect(days.map(formatDay)).toEqual([
			'11月30日 周一',
			'12月1日 周二',
			'12月2日 周三',
			'12月3日 周四',
			'12月4日 周五',
			'12月5日 周六',
			'12月6日 周日'
		]);
	});

	it('treats noon as the afternoon', () => {
		expect(slotOf('11:59')).toBe('上午');
		expect(slotOf('12:00')).toBe('下午');
	});

	it('calls a morning-to-afternoon sitting 全天, and a morning one 上午', () => {
		expect(slotOf('08:30', '17:00')).toBe('全天');
		expect(slotOf('08:30', '11:30')).toBe('上午');
		expect(formatSittingWhen('2026-11-30', '08:30', '17:00')).toBe('11月30日 周一 全天');
	});

	it('writes ranges compactly and names the year when it changes', () => {
		expect(formatTimeRange('08:30', '11:30')).toBe('08:30–11:30');
		expect(formatDateRange('2026-11-30', '2026-12-06')).toBe('11月30日–12月6日');
		expect(formatDateRange('2026-12-28', '2027-01-03')).toBe('12月28日–2027年1月3日');
	});

	it('writes an instant as Beijing 月日 and a 24-hour clock, without padding the day', () => {
		// 2026-12-07 18:05 UTC is 12月8日 02:05 in Beijing.
		expect(formatDateTime(new Date('2026-12-07T18:05:00Z'))).toBe('12月8日 02:05');
		expect(formatDateTime(new Date('2026-11-30T04:00:00Z'))).toBe('11月30日 12:00');
		expect(formatDateTime(new Date('2026-12-07T18:05:00Z'), 'UTC')).toBe('12月7日 18:05');
	});
});
