import { describe, expect, it } from 'vitest';
import { hourIn, todayIn } from '../calendar-date';
import { dateTimeFormat } from './date-time-format';

const HOUR: Intl.DateTimeFormatOptions = { hour: '2-digit', hourCycle: 'h23' };
const instant = new Date('2026-12-07T23:30:00Z');

describe('shared date formatters', () => {
	it('are built once per locale and zone, and format exactly as a fresh one does', () => {
		const shanghai = dateTimeFormat('en-GB', HOUR, 'Asia/Shanghai');
		expect(dateTimeFormat('en-GB', HOUR, 'Asia/Shanghai')).toBe(shanghai);
		expect(shanghai.format(instant)).toBe(new Intl.DateTimeFormat('en-GB', { ...HOUR, timeZone: 'Asia/Shanghai' }).format(instant));
		expect(shanghai.format(instant)).toBe('07');

		const utc = dateTimeFormat('en-GB', HOUR, 'UTC');
		expect(utc).not.toBe(shanghai);
		expect(utc.format(instant)).toBe('23');
		expect(dateTimeFormat('zh-CN', HOUR, 'Asia/Shanghai')).not.toBe(shanghai);
		// Same fields, another object: its own entry, so one caller's options never leak into another's.
		expect(dateTimeFormat('en-GB', { ...HOUR }, 'Asia/Shanghai')).not.toBe(shanghai);
	});

	it('refuses an unknown time zone as Intl does, every time', () => {
		expect(() => dateTimeFormat('en-GB', HOUR, 'Mars/Olympus')).toThrow(RangeError);
		expect(() => dateTimeFormat('en-GB', HOUR, 'Mars/Olympus')).toThrow(RangeError);
	});

	it('leave todayIn as it was: each zone its own date, whichever zone was asked first', () => {
		const evening = new Date('2026-12-07T16:30:00Z');
		expect(todayIn('Asia/Shanghai', evening)).toBe('2026-12-08');
		expect(todayIn('UTC', evening)).toBe('2026-12-07');
		expect(todayIn('America/Los_Angeles', evening)).toBe('2026-12-07');
		expect(todayIn('Asia/Shanghai', new Date('2026-12-07T15:59:59Z'))).toBe('2026-12-07');
	});

	it('give each zone its own wall-clock hour, midnight as 0', () => {
		expect(hourIn('Asia/Shanghai', instant)).toBe(7);
		expect(hourIn('UTC', instant)).toBe(23);
		expect(hourIn('Asia/Urumqi', instant)).toBe(5);
		expect(hourIn('Asia/Shanghai', new Date('2026-12-07T16:00:00Z'))).toBe(0);
	});
});
