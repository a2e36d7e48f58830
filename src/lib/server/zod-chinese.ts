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

type Issue = Parameters<$ZodErrorMap>[0];

function limit(issue: Issue & { origin?: string; maximum?: unknown; minimum?: unknown }, bound: unknown, over: boolean): string {
	const n = String(bound);
	switch (issue.origin) {
		case 'string':
			return over ? `不超过 ${n} 字` : Number(bound) <= 1 ? '请填写这一项' : `至少 ${n} 字`;
		case 'array':
		case 'set':
			return over ? `不超过 ${n} 项` : Number(bound) <= 1 ? '请至少选择一项' : `至少 ${n} 项`;
		default:
			return over ? `不能大于 ${n}` : `不能小于 ${n}`;
	}
}

export function chineseMessage(issue: Issue): string {
	switch (issue.code) {
		case 'too_big':
			return limit(issue, issue.maximum, true);
		case 'too_small':
			return limit(issue, issue.minimum, false);
		case 'invalid_type':
			return issue.input === undefined || issue.input === null ? '请填写这一项' : '填写的格式不对';
		case 'invalid_value':
		case 'invalid_union':
			return '请从给出的选项中选择';
		case 'invalid_format':
			return issue.format === 'email' ? '邮箱地址格式不对，如 name@example.com' : '填写的格式不对';
		case 'not_multiple_of':
			return '请填写整数';
		default:
			return '填写的内容不符合要求，请检查后再提交';
	}
}

z.config({ customError: chineseMessage });
