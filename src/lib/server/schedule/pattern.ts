/**
 * The rotation editor's fields ("每周二、四", "隔周三", "每月第一个周六") to and from an RRULE, so an
 * organizer never types RFC 5545. Rules the fields cannot express are edited as text ('custom').
 */
import { z } from 'zod';
import { parseRecurrence } from './recurrence';
import { dm } from '../../i18n/domain';

export const WEEKDAYS = [
	{ code: 'MO', label: dm.schedule.labels.weekdays.mo },
	{ code: 'TU', label: dm.schedule.labels.weekdays.tu },
	{ code: 'WE', label: dm.schedule.labels.weekdays.we },
	{ code: 'TH', label: dm.schedule.labels.weekdays.th },
	{ code: 'FR', label: dm.schedule.labels.weekdays.fr },
	{ code: 'SA', label: dm.schedule.labels.weekdays.sa },
	{ code: 'SU', label: dm.schedule.labels.weekdays.su }
] as const;
export const FREQUENCIES = [
	{ value: 'weekly', label: dm.schedule.labels.frequencies.weekly },
	{ value: 'biweekly', label: dm.schedule.labels.frequencies.biweekly },
	{ value: 'monthly', label: dm.schedule.labels.frequencies.monthly },
	{ value: 'custom', label: dm.schedule.labels.frequencies.custom }
] as const;
export const ORDINALS = [
	{ value: '1', label: dm.schedule.labels.ordinals.first },
	{ value: '2', label: dm.schedule.labels.ordinals.second },
	{ value: '3', label: dm.schedule.labels.ordinals.third },
	{ value: '4', label: dm.schedule.labels.ordinals.fourth },
	{ value: '-1', label: dm.schedule.labels.ordinals.last }
] as const;

export interface Pattern {
	frequency: (typeof FREQUENCIES)[number]['value'];
	weekdays: string[];
	ordinal: string;
	rrule: string;
}

export const PatternInput = z
	.object({
		frequency: z.enum(['weekly', 'biweekly', 'monthly', 'custom'], { message: dm.schedule.fields.chooseFrequency }),
		weekdays: z.array(z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])).default([]),
		ordinal: z.enum(['1', '2', '3', '4', '-1']).default('1'),
		rrule: z.string().default('')
	})
	.refine((p) => p.frequency === 'custom' || p.weekdays.length > 0, { message: dm.schedule.fields.chooseAtLeastOneDay, path: ['weekdays'] })
	.refine((p) => p.frequency !== 'monthly' || p.weekdays.length === 1, { message: dm.schedule.fields.monthlyOneDayOnly, path: ['weekdays'] });

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
