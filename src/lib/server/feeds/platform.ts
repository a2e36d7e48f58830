/**
 * Which phone asks, read from its User-Agent: the system, the maker when the string names it, and
 * whether it is WeChat's built-in browser. It decides which ways to subscribe come first; a guess
 * that is wrong only changes the order, so an unknown string is simply "other".
 */
export type PhoneSystem = 'ios' | 'mac' | 'harmony' | 'android' | 'other';
/** Honor phones carry Huawei's model codes and calendar; OnePlus and realme are OPPO's. */
export type PhoneBrand = 'huawei' | 'xiaomi' | 'oppo' | 'vivo';

export interface Platform {
	system: PhoneSystem;
	brand: PhoneBrand | null;
	/** WeChat's browser (MicroMessenger) will not hand a calendar link or a file to the phone. */
	inWeChat: boolean;
}

/**
 * The model as Android puts it in the first parentheses: `(Linux; Android 13; 2211133C Build/TKQ1…; wv)`
 * or `(Linux; U; Android 11; zh-cn; M2102K1C Build/…)`. Chrome's reduced string says only `K`.
 */
function androidModelOf(ua: string): string | null {
	const parts = /\(([^)]*)\)/.exec(ua)?.[1]?.split(';').map((p) => p.trim()) ?? [];
	const android = parts.findIndex((p) => /^Android\b/i.test(p));
	if (android < 0) return null;
	const model = parts
		.slice(android + 1)
		.find((p) => p !== '' && !/^(?:[a-z]{2}[-_][a-z]{2}|wv|U|K|HarmonyOS|HMSCore.*)$/i.test(p));
	return model ? model.replace(/\s*Build\/.*$/i, '').trim() || null : null;
}

const BRANDS: { brand: PhoneBrand; words: RegExp; models: RegExp }[] = [
	{
		brand: 'huawei',
		words: /HUAWEI|HONOR|HarmonyOS|OpenHarmony|HMSCore|HuaweiBrowser/i,
		// ALN-AL00 (Mate 60 Pro), NOH-AN00, BAH3-W09, JSN-L21
		models: /^[A-Z]{3}\d?-(?:AL|AN|TL|LX|L|W|BD|BX|DL|UL|CL|TN)\d{1,2}[A-Z]?$/
	},
	{
		brand: 'xiaomi',
		words: /Xiaomi|Redmi|MiuiBrowser|\bMIUI\b|HyperOS|\bPOCO\b/i,
		// MI 9, 2211133C (Xiaomi 13), 23049RAD8C, M2102K1C
		models: /^MI\s|^M?2\d{3}[0-9A-Z]{3,7}$/i
	},
	{
		brand: 'oppo',
		words: /\bOPPO\b|HeyTap|OnePlus|realme/i,
		// PEEM00, PHB110, CPH2451, RMX3706
		models: /^P[A-Z]{2}[A-Z0-9]\d{2}$|^CPH\d{4}$|^RMX\d{4}$/
	},
	{
		brand: 'vivo',
		words: /\bvivo\b|VivoBrowser|iQOO/i,
		// V2055A, V2229A, V1938CT
		models: /^V[12]\d{3}[A-Z]{1,2}$/
	}
];

export function platformOf(userAgent: string | null): Platform {
	const ua = userAgent ?? '';
	const inWeChat = /MicroMessenger/i.test(ua);
	let system: PhoneSystem = 'other';
	if (/iPhone|iPad|iPod/i.test(ua)) system = 'ios';
	// iPadOS Safari asks as a Mac; both subscribe with webcal:// the same way.
	else if (/Macintosh/i.test(ua)) system = 'mac';
	else if (/HarmonyOS|OpenHarmony/i.test(ua)) system = 'harmony';
	else if (/Android/i.test(ua)) system = 'android';

	let brand: PhoneBrand | null = null;
	if (system === 'android' || system === 'harmony') {
		const model = androidModelOf(ua);
		brand = BRANDS.find((b) => b.words.test(ua) || (model !== null && b.models.test(model)))?.brand ?? null;
	}
	return { system, brand, inWeChat };
}

export function inWeChat(request: Request): boolean {
	return platformOf(request.headers.get('user-agent')).inWeChat;
}
