import { describe, expect, it } from 'vitest';
import { PatternInput, patternToRrule, rruleToPattern } from './pattern';
import { describeRecurrence } from './recurrence';

describe('rotation editor patterns', () => {
	it.each([
		[{ frequency: 'weekly', weekdays: ['TU', 'TH'] }, '每周二、周四'],
		[{ frequency: 'biweekly', weekdays: ['WE'] }, '隔周周三'],
		[{ frequency: 'monthly', weekdays: ['SA'], ordinal: '1' }, '每月第一个周六'],
		[{ frequency: 'monthly', weekdays: ['FR'], ordinal: '-1' }, '每月最后一个周五']
	])('turns %o into a rule read back as %s, and back into the same fields', (fields, words) => {
		const rule = patternToRrule(PatternInput.parse(fields));
		expect(describeRecurrence(rule)).toBe(words);
		const back = rruleToPattern(rule);
		expect(back.frequency).toBe(fields.frequency);
		expect(back.weekdays).toEqual(fields.weekdays);
	});

	it('opens rules the fields cannot show as custom text, and asks for a day', () => {
		expect(rruleToPattern('FREQ=DAILY').frequency).toBe('custom');
		expect(rruleToPattern('FREQ=MONTHLY;BYMONTHDAY=15').frequency).toBe('custom');
		const missing = PatternInput.safeParse({ frequency: 'weekly', weekdays: [] });
		expect(missing.success).toBe(false);
		expect(missing.error?.issues[0]?.message).toBe('请至少选择一天');
	});
});
