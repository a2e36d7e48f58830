import { describe, expect, it } from 'vitest';
import { fitParam, paramNames, paramProblems, providerTemplate, segmentsOf, signed, SMS_KINDS, SMS_TEMPLATES, smsText, type SmsKind } from './kinds';
import { DEFAULT_SIGN_NAME } from './provider';

const ORIGIN = 'https://yizhen.example.org';
/** The longest value each parameter may hold. */
function longest(kind: SmsKind): Record<string, string> {
	const rules = SMS_TEMPLATES[kind].params as Record<string, { max: number }>;
	return Object.fromEntries(
		Object.entries(rules).map(([name, rule]) => [name, name === 'code' ? '123456' : name === 'token' ? 'a'.repeat(rule.max) : '康'.repeat(rule.max)])
	);
}

describe('SMS templates', () => {
	it('are one SMS segment with the signature and every parameter at its longest, except those that carry a link (two at most)', () => {
		for (const kind of SMS_KINDS) {
			const text = signed(DEFAULT_SIGN_NAME, smsText(kind, longest(kind), ORIGIN));
			expect(paramProblems(kind, longest(kind)), kind).toEqual([]);
			if (paramNames(kind).includes('token')) expect(segmentsOf(text), `${kind}: ${text}`).toBeLessThanOrEqual(2);
			else expect([...text].length, `${kind}: ${text}`).toBeLessThanOrEqual(70);
		}
	});

	it('are registered with the provider with {1}, {2} … in the order parameters are sent', () => {
		const template = providerTemplate('sitting_substituted', ORIGIN);
		expect(paramNames('sitting_substituted')).toEqual(['expert', 'time', 'site', 'substitute', 'token']);
		expect(template.indexOf('{2}')).toBeLessThan(template.indexOf('{3}'));
		expect(template.indexOf('{3}')).toBeLessThan(template.indexOf('{1}'));
		expect(template.indexOf('{1}')).toBeLessThan(template.indexOf('{4}'));
		for (const kind of SMS_KINDS) {
			const t = providerTemplate(kind, ORIGIN);
			paramNames(kind).forEach((_, i) => expect(t, kind).toContain(`{${i + 1}}`));
		}
		// The link is a constant of the template; only the token varies.
		expect(providerTemplate('registration_confirmed', ORIGIN)).toContain(`${ORIGIN}/r/{3}`);
		// A follower's text stops by its own link (sms/follows.ts) or by replying TD.
		expect(providerTemplate('sitting_cancelled', ORIGIN)).toContain(`${ORIGIN}/f/{4}`);
		expect(providerTemplate('sitting_moved', ORIGIN)).toContain(`${ORIGIN}/f/{4}`);
		expect(providerTemplate('sitting_substituted', ORIGIN)).toContain(`${ORIGIN}/f/{5}`);
		for (const kind of ['sitting_cancelled', 'sitting_moved', 'sitting_substituted'] as const) expect(providerTemplate(kind, ORIGIN), kind).toContain('TD');
	});

	it('refuses parameters a provider would refuse', () => {
		const ok = { event: '周六义诊', time: '12月12日上午' };
		expect(paramProblems('event_cancelled', ok)).toEqual([]);
		expect(paramProblems('event_cancelled', { ...ok, time: '2026年12月12日星期六上午' })).toEqual(['time: longer than 12 characters']);
		expect(paramProblems('event_cancelled', { event: '周六义诊' })).toEqual(['time: missing']);
		expect(paramProblems('event_cancelled', { ...ok, extra: 'x' })).toEqual(['extra: not a parameter of event_cancelled']);
		expect(paramProblems('event_cancelled', { ...ok, event: 'www.x.cn' })).toHaveLength(1);
		expect(paramProblems('event_cancelled', { ...ok, event: '【医院】' })).toHaveLength(1);
		expect(paramProblems('verification_code', { code: '12345' })).toEqual(['code: not the expected form']);
		expect(paramProblems('registration_confirmed', { ...ok, token: 'ABC!' })).toEqual(['token: not the expected form']);
	});

	it('cuts a long name to fit, marking the cut', () => {
		expect(fitParam('沙坪坝区人民医院新桥社区卫生服务中心')).toBe('沙坪坝区人民医院新桥社…');
		expect([...fitParam('沙坪坝区人民医院新桥社区卫生服务中心')]).toHaveLength(12);
		expect(fitParam(' 新桥社区卫生服务中心 ')).toBe('新桥社区卫生服务中心');
	});

	it('counts billed segments as Chinese SMS are billed', () => {
		expect(segmentsOf('康'.repeat(70))).toBe(1);
		expect(segmentsOf('康'.repeat(71))).toBe(2);
		expect(segmentsOf('康'.repeat(134))).toBe(2);
		expect(segmentsOf('康'.repeat(135))).toBe(3);
	});
});
