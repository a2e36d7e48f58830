import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseOrThrow } from './validation';

/** The first issue's message, as parseOrThrow would put it on the page. */
function messageOf(schema: z.ZodType, input: unknown): string {
	try {
		parseOrThrow(schema, input);
	} catch (e) {
		return (e as Error).message;
	}
	throw new Error('parsed');
}

describe('a rule without its own message', () => {
	it('still tells the user, in Chinese, what to do', () => {
		expect(messageOf(z.string().max(200), 'x'.repeat(201))).toBe('不超过 200 字');
		expect(messageOf(z.string().min(2), 'x')).toBe('至少 2 字');
		expect(messageOf(z.string().min(1), '')).toBe('请填写这一项');
		expect(messageOf(z.array(z.string()).max(3), ['a', 'b', 'c', 'd'])).toBe('不超过 3 项');
		expect(messageOf(z.number().max(500), 501)).toBe('不能大于 500');
		expect(messageOf(z.number().int(), 1.5)).toBe('填写的格式不对');
		expect(messageOf(z.string(), undefined)).toBe('请填写这一项');
		expect(messageOf(z.enum(['a', 'b']), 'c')).toBe('请从给出的选项中选择');
		expect(messageOf(z.email(), 'not-mail')).toBe('邮箱地址格式不对，如 name@example.com');
	});

	it('gives way to a rule’s own message', () => {
		expect(messageOf(z.string().max(2, '名称不超过 2 字'), 'xyz')).toBe('名称不超过 2 字');
	});
});
