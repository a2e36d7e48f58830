import { describe, expect, it } from 'vitest';
import { buildRule, parseQuota, parseSheetDate, parseSheetTime, parseSlot, parseWeekdays, slotLabel, splitCadence } from './formats';

describe('weekdays', () => {
	it.each([
		['周二', ['TU']],
		['周二、周四', ['TU', 'TH']],
		['二、四', ['TU', 'TH']],
		['二四', ['TU', 'TH']],
		['星期二', ['TU']],
		['礼拜天', ['SU']],
		['周日', ['SU']],
		['周一至周五', ['MO', 'TU', 'WE', 'TH', 'FR']],
		['周一到周三，周五', ['MO', 'TU', 'WE', 'FR']],
		['周1-5', ['MO', 'TU', 'WE', 'TH', 'FR']],
		['工作日', ['MO', 'TU', 'WE', 'TH', 'FR']],
		['周末', ['SA', 'SU']],
		['每周末', ['SA', 'SU']],
		['周四、周二、周四', ['TU', 'TH']],
		['ｗ', null],
		['周八', null],
		['周五至周一', null],
		['', null]
	])('%s', (text, expected) => expect(parseWeekdays(text)).toEqual(expected));
});

describe('dates', () => {
	it.each([
		['2026-12-01', '2026-12-01'],
		['2026/12/1', '2026-12-01'],
		['2026.12.1', '2026-12-01'],
		['2026年12月1日', '2026-12-01'],
		['２０２６年１２月１日', '2026-12-01'],
		['20261201', '2026-12-01'],
		['2026-02-30', null],
		['12/1/2026', null],
		['下月初', null]
	])('%s', (text, expected) => expect(parseSheetDate(text)).toBe(expected));
});

describe('times of day', () => {
	it.each([
		['08:30', '08:30'],
		['8:30', '08:30'],
		['８：３０', '08:30'],
		['08:30:00', '08:30'],
		['8点半', '08:30'],
		['14点', '14:00'],
		['下午2:30', '14:30'],
		['2:30 PM', '14:30'],
		['25:00', null],
		['8:75', null],
		['早', null]
	])('%s', (text, expected) => expect(parseSheetTime(text)).toBe(expected));
});

describe('slots', () => {
	it('reads the three slots with the hours of the district’s centers', () => {
		expect(parseSlot('上午')).toEqual({ startTime: '08:30', endTime: '11:30' });
		expect(parseSlot(' 下午 ')).toEqual({ startTime: '14:00', endTime: '17:00' });
		expect(parseSlot('全天')).toEqual({ startTime: '08:30', endTime: '17:00' });
		expect(parseSlot('傍晚')).toBeNull();
	});

	it('names a time range for summaries', () => {
		expect(['08:30–11:30', '14:00–17:00', '08:30–17:00', '18:30–20:00'].map((r) => slotLabel(r.slice(0, 5), r.slice(6)))).toEqual([
			'上午',
			'下午',
			'全天',
			'晚上'
		]);
	});
});

describe('cadence', () => {
	const rule = (weekdayText: string) => {
		const { cadence, rest } = splitCadence(weekdayText);
		const days = parseWeekdays(rest);
		return cadence && days ? buildRule(cadence, days) : null;
	};

	it.each([
		['每周二', 'FREQ=WEEKLY;BYDAY=TU'],
		['隔周周三', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE'],
		['双周三', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE'],
		['每两周周五', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR'],
		['每三周周一', 'FREQ=WEEKLY;INTERVAL=3;BYDAY=MO'],
		['每月第一个周六', 'FREQ=MONTHLY;BYDAY=1SA'],
		['每月第3个周四', 'FREQ=MONTHLY;BYDAY=3TH'],
		['每月最后一个周日', 'FREQ=MONTHLY;BYDAY=-1SU']
	])('%s', (text, expected) => expect(rule(text)).toBe(expected));

	it('leaves text without a cadence as it is', () => {
		expect(splitCadence('周二')).toEqual({ cadence: null, rest: '周二' });
		expect(splitCadence('单周')).toEqual({ cadence: null, rest: '单周' });
	});
});

describe('quota', () => {
	it.each([
		['20', { value: 20 }],
		['20个', { value: 20 }],
		['２０ 人', { value: 20 }],
		['', { value: null }],
		['不限', { value: null }],
		['二十', null],
		['-5', null],
		['2.5', null]
	])('%s', (text, expected) => expect(parseQuota(text)).toEqual(expected));
});
