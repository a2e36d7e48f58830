import { describe, expect, it } from 'vitest';
import { m } from '../../i18n';
import { describeRecurrence, occurrenceDates, parseRecurrence } from './recurrence';

describe('parseRecurrence', () => {
	it('normalizes a rule and keeps its parts', () => {
		const rule = parseRecurrence('rrule:freq=weekly;byday=tu,th');
		expect(rule.text).toBe('FREQ=WEEKLY;BYDAY=TU,TH');
		expect(rule.byDay.map((d) => d.day)).toEqual(['TU', 'TH']);
	});

	it.each([
		['', '请填写重复规则'],
		['garbage', '无法识别'],
		['FREQ=YEARLY', '频率只能是'],
		['FREQ=WEEKLY;INTERVAL=0;BYDAY=MO', '间隔必须是'],
		['FREQ=WEEKLY;BYDAY=1MO', '只能用于每月规则'],
		['FREQ=MONTHLY', '第几个星期几'],
		['FREQ=MONTHLY;BYMONTHDAY=32', '每月日期无法识别'],
		['FREQ=WEEKLY;BYDAY=MO;FREQ=DAILY', '出现了两次'],
		['FREQ=WEEKLY;BYDAY=MO;BYHOUR=9', '不支持 BYHOUR'],
		['FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231', '结束日期请填在“结束日期”里']
	])('rejects %j with a reason', (text, reason) => {
		expect(() => parseRecurrence(text)).toThrow(reason);
	});
});

describe('occurrenceDates', () => {
	it('clips to the validity range', () => {
		const dates = occurrenceDates('FREQ=DAILY', { validFrom: '2026-12-30', validUntil: '2027-01-01' }, '2026-12-01', '2027-01-31');
		expect(dates).toEqual(['2026-12-30', '2026-12-31', '2027-01-01']);
	});

	it('finds the last Friday of each month', () => {
		const dates = occurrenceDates('FREQ=MONTHLY;BYDAY=-1FR', { validFrom: '2026-01-01', validUntil: null }, '2026-10-01', '2026-12-31');
		expect(dates).toEqual(['2026-10-30', '2026-11-27', '2026-12-25']);
	});
});

describe('describeRecurrence', () => {
	it.each([
		['FREQ=WEEKLY;BYDAY=TH,TU', '每周二、周四'],
		['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '每周一至周五'],
		['FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', '隔周周三'],
		['FREQ=MONTHLY;BYDAY=1SA', '每月第一个周六'],
		['FREQ=MONTHLY;BYMONTHDAY=15', '每月15日'],
		['FREQ=DAILY', '每天']
	])('says %s as %s', (rule, words) => {
		expect(describeRecurrence(rule)).toBe(words);
	});
});

describe('the rotation editor’s examples of a custom rule', () => {
	it('are rules the parser takes, and mean what the editor says they mean', () => {
		const examples = m.console.rotationEditor.rruleExamples;
		expect(examples.length).toBeGreaterThanOrEqual(3);
		for (const { rule, meaning } of examples) {
			expect(parseRecurrence(rule).text).toBe(rule);
			expect(describeRecurrence(rule), rule).toBe(meaning);
		}
	});
});
