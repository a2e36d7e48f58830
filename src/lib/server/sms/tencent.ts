/**
 * Tencent Cloud SMS (腾讯云短信), through Tencent's own Node SDK (`tencentcloud-sdk-nodejs-sms`, API
 * 2021-01-11 SendSms). Why Tencent: it publishes and maintains an official Node SDK that signs every
 * request with TC3-HMAC-SHA256 (nothing of ours to get wrong), it is the provider most hospitals'
 * 挂号短信 and 停诊通知 already go through, and 通知类 templates with a hospital's 签名 are its everyday
 * business. Alibaba's SDK would fit the same seam (provider.ts).
 *
 * Errors: the SDK throws for a whole request refused (Response.Error) and reports a refused number in
 * SendStatusSet[0].Code. Rate limits, balance, outages and our own credentials are worth retrying
 * (fixed by waiting or by the operator); a template, signature or number the provider refuses is not.
 */
import { Agent } from 'node:http';
import { createConnection } from 'node:net';
import { sms } from 'tencentcloud-sdk-nodejs-sms';
import type { SmsKind } from './kinds';
import { signNameFromEnv, SmsSendError, templateIdsFromEnv, type SmsProvider } from './provider';

type Env = Record<string, string | undefined>;

export const TENCENT_HOST = 'sms.tencentcloudapi.com';
export const DEFAULT_REGION = 'ap-guangzhou';
/** Far below the worker's lease (worker.ts LEASE_MS), so a hung request fails and is retried by its own worker. */
export const REQUEST_TIMEOUT_SECONDS = 10;

export interface TencentSmsConfig {
	secretId: string;
	secretKey: string;
	sdkAppId: string;
	signName: string;
	templateIds: Partial<Record<SmsKind, string>>;
	region?: string;
	/**
	 * SMS_ENDPOINT. A host (`sms.internal.tencentcloudapi.com`, or `https://host[:port]`) is where the SDK
	 * sends and what it signs for. An `http://host:port` address is a stand-in (tests, a local recorder):
	 * requests are still addressed and signed to sms.tencentcloudapi.com, exactly as Tencent receives
	 * them, but go over plain HTTP to that address. The SDK signs for the service named by the host's
	 * first label, so pointing it at `127.0.0.1` itself would sign for a service "127" no server knows.
	 */
	endpoint?: string;
}

/** Refusals that the same message will meet again however long we wait. */
const PERMANENT = [
	/^FailedOperation\.(TemplateIncorrectOrUnapproved|SignatureIncorrectOrUnapproved|TemplateParamSetNotMatchApprovedTemplate|ContainSensitiveWord|PhoneNumberInBlacklist|MissingTemplateToModify|NotEnterpriseCertification)$/,
	/^FailedOperation\.(MarketingSendTimeConstraint|TemplateUnapprovedOrNotExist|SignatureNotExist)$/,
	/^InvalidParameterValue\.(IncorrectPhoneNumber|TemplateParameterFormatError|TemplateParameterLengthLimit|ProhibitedUseUrlInTemplateParameter|ContentLengthLimit|TemplateWithDirtyWords|MissingSignature|SignNameLengthTooLong)$/,
	/^UnsupportedOperation\.(ContainDomesticAndInternationalPhoneNumber|UnsupportedRegion|ChineseMainlandTemplateToGlobalPhone|GlobalTemplateToChineseMainlandPhone)$/
];

export function isPermanentTencentCode(code: string): boolean {
	return PERMANENT.some((re) => re.test(code));
}

function standInAgent(address: URL): Agent {
	const agent = new Agent({ keepAlive: false });
	agent.createConnection = () => createConnection({ host: address.hostname, port: Number(address.port || 80) });
	return agent;
}

function httpProfile(endpoint: string | undefined) {
	const value = endpoint?.trim();
	const base = { reqTimeout: REQUEST_TIMEOUT_SECONDS, reqMethod: 'POST' as const };
	if (!value) return { ...base, endpoint: TENCENT_HOST, protocol: 'https://' };
	if (value.startsWith('http://')) return { ...base, endpoint: TENCENT_HOST, protocol: 'http://', agent: standInAgent(new URL(value)) };
	return { ...base, endpoint: value.replace(/^https:\/\//, '').replace(/\/+$/, ''), protocol: 'https://' };
}

function failure(error: unknown): SmsSendError {
	const { code, httpCode, message } = (error ?? {}) as { code?: unknown; httpCode?: unknown; message?: unknown };
	const text = typeof message === 'string' && message ? message : String(error);
	if (typeof code === 'string' && code.includes('.')) {
		return new SmsSendError(`${code} ${text}`, { retryable: !isPermanentTencentCode(code), code, cause: error });
	}
	// A reply that was no API answer (HTTP 5xx, a proxy's page) or no reply at all (refused, timed out).
	const what = typeof httpCode === 'number' ? `HTTP ${httpCode}` : typeof code === 'string' ? code : '';
	return new SmsSendError([what, text].filter(Boolean).join(' '), { retryable: true, code: null, cause: error });
}

export function tencentProvider(config: TencentSmsConfig): SmsProvider {
	const client = new sms.v20210111.Client({
		credential: { secretId: config.secretId, secretKey: config.secretKey },
		region: config.region || DEFAULT_REGION,
		profile: { signMethod: 'TC3-HMAC-SHA256', httpProfile: httpProfile(config.endpoint) }
	});
	return {
		kind: 'tencent',
		signName: config.signName,
		templateId: (kind) => config.templateIds[kind] ?? null,
		async send(message) {
			let status;
			try {
				const response = await client.SendSms({
					PhoneNumberSet: [`+86${message.phone}`],
					SmsSdkAppId: config.sdkAppId,
					TemplateId: message.templateId,
					SignName: message.signName,
					TemplateParamSet: Object.values(message.params),
					SessionContext: message.reference
				});
				status = response.SendStatusSet?.[0];
			} catch (error) {
				throw failure(error);
			}
			if (!status) throw new SmsSendError('SendSms answered without a status for the number', { retryable: true });
			if (status.Code !== 'Ok') throw failure({ code: status.Code, message: status.Message });
			return { messageId: status.SerialNo ?? '', fee: status.Fee };
		}
	};
}

/** The configuration SMS_PROVIDER=tencent reads; refuses to start without the keys it cannot send without. */
export function tencentConfigFromEnv(env: Env = process.env): TencentSmsConfig {
	const need = (name: string) => {
		const value = env[name]?.trim();
		if (!value) throw new Error(`SMS_PROVIDER=tencent needs ${name}`);
		return value;
	};
	return {
		secretId: need('TENCENT_SECRET_ID'),
		secretKey: need('TENCENT_SECRET_KEY'),
		sdkAppId: need('SMS_SDK_APP_ID'),
		signName: need('SMS_SIGN_NAME') && signNameFromEnv(env),
		templateIds: templateIdsFromEnv(env),
		region: env.SMS_REGION?.trim() || DEFAULT_REGION,
		endpoint: env.SMS_ENDPOINT?.trim() || undefined
	};
}
