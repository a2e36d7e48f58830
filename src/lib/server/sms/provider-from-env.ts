import { publicOrigin } from '../public-url';
import { signNameFromEnv, smsBoxProvider, type SmsProvider } from './provider';
import { tencentConfigFromEnv, tencentProvider } from './tencent';

/** The provider SMS_PROVIDER names, or null for the local SMS box (unset). */
export function providerNameFromEnv(env: Record<string, string | undefined> = process.env): string | null {
	return env.SMS_PROVIDER?.trim().toLowerCase() || null;
}

/** Tencent Cloud SMS when SMS_PROVIDER=tencent, otherwise the local SMS box. */
export function providerFromEnv(env: Record<string, string | undefined> = process.env): SmsProvider {
	const name = providerNameFromEnv(env) ?? 'box';
	if (name === 'box') return smsBoxProvider(signNameFromEnv(env), publicOrigin(env));
	if (name === 'tencent') return tencentProvider(tencentConfigFromEnv(env));
	throw new Error(`SMS_PROVIDER=${name}: expected tencent, or unset for the local SMS box`);
}
