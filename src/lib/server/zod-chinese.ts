/**
 * The words zod uses when a schema gives none of its own. Every user-facing rule should name its field
 * in its own message (名称不超过 60 字); this is the net under a rule that forgets, so that what reaches
 * the page is still Chinese and still says what to do, never "Too big: expected string to have <=200
 * characters". zod's bundled zh-CN locale reads as a type checker ("数值过大：期望 string <=3 字符"),
 * which is why these are written out. Imported by validation.ts and text/single-line.ts, which every
 * domain schema uses, so it is in force before any input is parsed.
 */
import { z } from 'zod';
import type { $ZodErrorMap } from 'zod/v4/core';
import { dm } from '../i18n/domain';

type Issue = Parameters<$ZodErrorMap>[0];

function limit(issue: Issue & { origin?: string; maximum?: unknown; minimum?: unknown }, bound: unknown, over: boolean): string {
	const n = String(bound);
	switch (issue.origin) {
		case 'string':
			return over ? dm.validation.maxChars(n) : Number(bound) <= 1 ? dm.validation.required : dm.validation.minChars(n);
		case 'array':
		case 'set':
			return over ? dm.validation.maxItems(n) : Number(bound) <= 1 ? dm.validation.chooseOne : dm.validation.minItems(n);
		default:
			return over ? dm.validation.atMost(n) : dm.validation.atLeast(n);
	}
}

export function chineseMessage(issue: Issue): string {
	switch (issue.code) {
		case 'too_big':
			return limit(issue, issue.maximum, true);
		case 'too_small':
			return limit(issue, issue.minimum, false);
		case 'invalid_type':
			return issue.input === undefined || issue.input === null ? dm.validation.required : dm.validation.badFormat;
		case 'invalid_value':
		case 'invalid_union':
			return dm.validation.chooseGiven;
		case 'invalid_format':
			return issue.format === 'email' ? dm.validation.badEmail : dm.validation.badFormat;
		case 'not_multiple_of':
			return dm.validation.wholeNumber;
		default:
			return dm.validation.otherwise;
	}
}

z.config({ customError: chineseMessage });
