/**
 * The real Tencent SDK against a stand-in on 127.0.0.1: what it sends is checked as Tencent would check
 * it, the signature recomputed here from the secret key by Tencent's published algorithm (API 3.0
 * "Signature v3": canonical request → string to sign → key derived from date, service and tc3_request).
 */
import { createHash, createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SmsSendError, type SmsProvider } from './provider';
import { providerFromEnv } from './provider-from-env';
import { startTencentStandIn, type StandInRequest, type TencentStandIn } from './tencent-stand-in';
import { tencentConfigFromEnv, tencentProvider } from './tencent';

const SECRET_ID = 'AKIDstandin0000000000000000000000000';
const SECRET_KEY = 'standInSecretKey0123456789abcdefgh';

let standIn: TencentStandIn;
beforeEach(async () => {
	standIn = await startTencentStandIn();
});
afterEach(async () => {
	await standIn.stop();
});

const env = (): Record<string, string> => ({
	SMS_PROVIDER: 'tencent',
	TENCENT_SECRET_ID: SECRET_ID,
	TENCENT_SECRET_KEY: SECRET_KEY,
	SMS_SDK_APP_ID: '1400787878',
	SMS_SIGN_NAME: '沙坪坝区人民医院',
	SMS_TEMPLATE_EVENT_CANCELLED: '2101001',
	SMS_TEMPLATE_VERIFICATION_CODE: '2101009',
	SMS_ENDPOINT: standIn.url
});
const provider = (): SmsProvider => providerFromEnv(env());
const cancelled = { phone: '13812341234', templateId: '2101001', params: { event: '周六义诊', time: '12月12日上午' }, signName: '沙坪坝区人民医院', reference: 'msg1' };

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/** Tencent's TC3-HMAC-SHA256, step by step from its documentation, for a POST with content-type and host signed. */
function expectedSignature(r: StandInRequest, secretKey: string, service: string, timestamp: number): string {
	const canonicalHeaders = `content-type:${r.headers['content-type']}\nhost:${r.headers.host}\n`;
	const canonicalRequest = ['POST', '/', '', canonicalHeaders, 'content-type;host', sha256(r.body)].join('\n');
	const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
	const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/${service}/tc3_request`, sha256(canonicalRequest)].join('\n');
	const secretDate = hmac(`TC3${secretKey}`, date);
	const secretService = hmac(secretDate, service);
	const secretSigning = hmac(secretService, 'tc3_request');
	return createHmac('sha256', secretSigning).update(stringToSign, 'utf8').digest('hex');
}

describe('Tencent Cloud SMS through the official SDK', () => {
	it('sends SendSms, signed with TC3-HMAC-SHA256, with the template, signature, +86 number and parameters', async () => {
		const sent = await provider().send(cancelled);
		expect(sent).toEqual({ messageId: expect.stringMatching(/^2640:\d+$/), fee: 1 });

		expect(standIn.requests).toHaveLength(1);
		const r = standIn.requests[0]!;
		expect(r.method).toBe('POST');
		expect(r.path).toBe('/');
		expect(r.headers['x-tc-action']).toBe('SendSms');
		expect(r.headers['x-tc-version']).toBe('2021-01-11');
		expect(r.headers['x-tc-region']).toBe('ap-guangzhou');
		// Addressed as the real service, so the signature is the one Tencent would check.
		expect(r.headers.host).toBe('sms.tencentcloudapi.com');
		expect(r.headers['content-type']).toBe('application/json');
		expect(r.json).toEqual({
			PhoneNumberSet: ['+8613812341234'],
			SmsSdkAppId: '1400787878',
			TemplateId: '2101001',
			SignName: '沙坪坝区人民医院',
			TemplateParamSet: ['周六义诊', '12月12日上午'],
			SessionContext: 'msg1'
		});

		const timestamp = Number(r.headers['x-tc-timestamp']);
		expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
		const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
		const authorization = String(r.headers.authorization);
		const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/(\w+)\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(
			authorization
		);
		expect(match, authorization).not.toBeNull();
		const [, secretId, scopeDate, service, signature] = match!;
		expect([secretId, scopeDate, service]).toEqual([SECRET_ID, date, 'sms']);
		expect(signature).toBe(expectedSignature(r, SECRET_KEY, 'sms', timestamp));
		// The recomputation can tell: another key, or a body changed by one character, signs differently.
		expect(signature).not.toBe(expectedSignature(r, `${SECRET_KEY}x`, 'sms', timestamp));
		expect(signature).not.toBe(expectedSignature({ ...r, body: r.body.replace('13812341234', '13812341235') }, SECRET_KEY, 'sms', timestamp));
	});

	it('uses the region from SMS_REGION', async () => {
		await providerFromEnv({ ...env(), SMS_REGION: 'ap-beijing' }).send(cancelled);
		expect(standIn.requests[0]!.headers['x-tc-region']).toBe('ap-beijing');
	});

	it('reads one template id per kind from the environment', () => {
		const p = provider();
		expect(p.templateId('event_cancelled')).toBe('2101001');
		expect(p.templateId('verification_code')).toBe('2101009');
		expect(p.templateId('sitting_moved')).toBeNull();
	});

	it('maps a number over its daily limit to a retryable error', async () => {
		standIn.answer = () => ({ refuseNumber: 'LimitExceeded.PhoneNumberDailyLimit' });
		const error = await provider()
			.send(cancelled)
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SmsSendError);
		expect(error).toMatchObject({ retryable: true, code: 'LimitExceeded.PhoneNumberDailyLimit' });
	});

	it('maps a template Tencent does not know to a permanent error', async () => {
		standIn.answer = () => ({ refuseRequest: 'FailedOperation.TemplateIncorrectOrUnapproved' });
		const error = await provider()
			.send(cancelled)
			.catch((e: unknown) => e);
		expect(error).toMatchObject({ retryable: false, code: 'FailedOperation.TemplateIncorrectOrUnapproved' });
		expect((error as Error).message).toContain('template is not approved');
	});

	it('maps a refused number to a permanent error and a refused signature (our keys) to a retryable one', async () => {
		standIn.answer = () => ({ refuseNumber: 'InvalidParameterValue.IncorrectPhoneNumber' });
		expect(await provider().send(cancelled).catch((e: unknown) => e)).toMatchObject({ retryable: false });
		standIn.answer = () => ({ refuseRequest: 'AuthFailure.SignatureFailure' });
		expect(await provider().send(cancelled).catch((e: unknown) => e)).toMatchObject({ retryable: true, code: 'AuthFailure.SignatureFailure' });
	});

	it('retries an outage: a gateway error, or nobody listening', async () => {
		standIn.answer = () => ({ httpStatus: 502 });
		const gateway = await provider()
			.send(cancelled)
			.catch((e: unknown) => e);
		expect(gateway).toMatchObject({ retryable: true, code: null });
		expect((gateway as Error).message).toContain('502');

		const url = standIn.url;
		await standIn.stop();
		const down = await tencentProvider({ ...tencentConfigFromEnv(env()), endpoint: url })
			.send(cancelled)
			.catch((e: unknown) => e);
		expect(down).toMatchObject({ retryable: true });
		expect((down as Error).message).toMatch(/ECONNREFUSED/);
		standIn = await startTencentStandIn();
	});

	it('refuses to start without the keys it needs, naming the variable', () => {
		const { TENCENT_SECRET_KEY: _omit, ...rest } = env();
		expect(() => providerFromEnv(rest)).toThrow('TENCENT_SECRET_KEY');
		expect(() => providerFromEnv({ ...env(), SMS_PROVIDER: 'carrier-pigeon' })).toThrow('SMS_PROVIDER=carrier-pigeon');
		expect(providerFromEnv({}).kind).toBe('box');
	});
});
