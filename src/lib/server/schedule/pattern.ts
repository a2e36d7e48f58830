/**
 * The rotation editor's fields ("每周二、四", "隔周三", "每月第一个周六") to and from an RRULE, so an
 * organizer never types RFC 5545. Rules the fields cannot express are edited as text ('custom').
 */
import { z } from 'zod';
import { parseRecurrence } from './recurrence';

export const WEEKDAYS = [
	{ code: 'MO', label: '周一' },
	{ code: 'TU', label: '周二' },
	{ code: 'WE', label: '周三' },
	{ code: 'TH', label: '周四' },
	{ code: 'FR', label: '周五' },
	{ code: 'SA', label: '周六' },
	{ code: 'SU', label: '周日' }
] as const;
export const FREQUENCIES = [
	{ value: 'weekly', label: '每周' },
	{ value: 'biweekly', label: '隔周' },
	{ value: 'monthly', label: '每月第几个' },
	{ value: 'custom', label: '自定义规则（RRULE）' }
] as const;
export const ORDINALS = [
	{ value: '1', label: '第一个' },
	{ value: '2', label: '第二个' },
	{ value: '3', label: '第三个' },
	{ value: '4', label: '第四个' },
	{ value: '-1', label: '最后一个' }
] as const;

export interface Pattern {
	frequency: (typeof FREQUENCIES)[number]['value'];
	weekdays: string[];
	ordinal: string;
	rrule: string;
}

export const PatternInput = z
	.object({
		frequency: z.enum(['weekly', 'biweekly', 'monthly', 'custom'], { message: '请选择重复方式' }),
		weekdays: z.array(z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])).default([]),
		ordinal: z.enum(['1', '2', '3', '4', '-1']).default('1'),
		rrule: z.string().default('')
	})
	.refine((p) => p.frequency === 'custom' || p.weekdays.length > 0, { message: '请至少选择一天', path: ['weekdays'] })
	.refine((p) => p.frequency !== 'monthly' || p.weekdays.length === 1, { message: '每月第几个只能选一天', path: ['weekdays'] });

export function patternToRrule(p: z.output<typeof PatternInput>): string {
	switch (p.frequency) {
		case 'weekly':
			return `FREQ=WEEKLY;BYDAY=${p.weekdays.join(',')}`;
		case 'biweekly':
			return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${p.weekdays.join(',')}`;
		case 'monthly':
			return `FREQ=MONTHLY;BYDAY=${p.ordinal}${p.weekdays[0]}`;
		case 'custom':
			return p.rrule;
	}
}

/** The fields that show an existing rule; anything else opens as a custom rule. */
export function rruleToPattern(rrule: string): Pattern {
	const custom: Pattern = { frequency: 'custom', weekdays: [], ordinal: '1', rrule };
	let parsed;
	try {
		parsed = parseRecurrence(rrule);
	} catch {
		return custom;
	}
	if (parsed.byMonthDay.length > 0 || parsed.byDay.length === 0) return custom;
	const days = parsed.byDay.map((d) => d.day);
	if (parsed.freq === 'WEEKLY' && parsed.byDay.every((d) => d.nth === null)) {
		if (parsed.interval === 1) return { frequency: 'weekly', weekdays: days, ordinal: '1', rrule };
		if (parsed.interval === 2) return { frequency: 'biweekly', weekdays: days, ordinal: '1', rrule };
	}
	const only = parsed.byDay[0]!;
	if (parsed.freq === 'MONTHLY' && parsed.interval === 1 && parsed.byDay.length === 1 && only.nth !== null) {
		return { frequency: 'monthly', weekdays: [only.day], ordinal: String(only.nth), rrule };
	}
	return custom;
}
