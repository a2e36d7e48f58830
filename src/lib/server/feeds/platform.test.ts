import { describe, expect, it } from 'vitest';
import { platformOf } from './platform';
import { subscribeGuide } from './subscribe-guide';

/** User-Agent strings as these phones and browsers send them. */
const UA = {
	wechatAndroidXiaomi:
		'Mozilla/5.0 (Linux; Android 13; 2211133C Build/TKQ1.220905.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/1110005 MMWEBSDK/20230805 MMWEBID/6286 MicroMessenger/8.0.42.2460(0x28002A3B) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
	wechatAndroidVivo:
		'Mozilla/5.0 (Linux; Android 12; V2055A Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5061 MMWEBSDK/20230701 MMWEBID/8812 MicroMessenger/8.0.47.2560(0x28002F3B) WeChat/arm64 Weixin NetType/4G Language/zh_CN ABI/arm64',
	wechatHuawei:
		'Mozilla/5.0 (Linux; Android 10; NOH-AN00 Build/HUAWEINOH-AN00; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5043 MMWEBSDK/20230504 MMWEBID/2585 MicroMessenger/8.0.37.2380(0x2800253D) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
	huaweiBrowserHarmonyOS:
		'Mozilla/5.0 (Linux; Android 12; HarmonyOS; ALN-AL00; HMSCore 6.12.0.302) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.5.302 Mobile Safari/537.36',
	harmonyNext:
		'Mozilla/5.0 (Phone; OpenHarmony 4.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36 ArkWeb/4.1.6.1 Mobile HuaweiBrowser/5.0.3.300',
	honorChrome:
		'Mozilla/5.0 (Linux; Android 13; PGT-AN10 Build/HONORPGT-AN10; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/114.0.5735.196 Mobile Safari/537.36',
	miuiBrowser:
		'Mozilla/5.0 (Linux; U; Android 11; zh-cn; M2102K1C Build/RKQ1.201112.002) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.127 Mobile Safari/537.36 XiaoMi/MiuiBrowser/17.5.110310 swan-mibrowser',
	oppoHeyTap:
		'Mozilla/5.0 (Linux; U; Android 13; zh-cn; PHB110 Build/TP1A.220905.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/115.0.5790.168 Mobile Safari/537.36 HeyTapBrowser/40.8.33.1',
	samsungChrome:
		'Mozilla/5.0 (Linux; Android 14; SM-S9180) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
	chromeAndroidReduced: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
	iPhoneSafari:
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
	iPhoneWeChat:
		'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.48(0x18003029) NetType/WIFI Language/zh_CN',
	macSafari:
		'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
	desktopChrome:
		'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'
};

describe('the phone, from its User-Agent', () => {
	it('knows WeChat on Android and on the iPhone, and the phone underneath', () => {
		expect(platformOf(UA.wechatAndroidXiaomi)).toEqual({ system: 'android', brand: 'xiaomi', inWeChat: true });
		expect(platformOf(UA.wechatAndroidVivo)).toEqual({ system: 'android', brand: 'vivo', inWeChat: true });
		expect(platformOf(UA.wechatHuawei)).toEqual({ system: 'android', brand: 'huawei', inWeChat: true });
		expect(platformOf(UA.iPhoneWeChat)).toEqual({ system: 'ios', brand: null, inWeChat: true });
	});

	it('knows HarmonyOS, on Android underneath or not, as Huawei', () => {
		expect(platformOf(UA.huaweiBrowserHarmonyOS)).toEqual({ system: 'harmony', brand: 'huawei', inWeChat: false });
		expect(platformOf(UA.harmonyNext)).toEqual({ system: 'harmony', brand: 'huawei', inWeChat: false });
	});

	it('knows the maker by its name in the string or by its model code', () => {
		expect(platformOf(UA.miuiBrowser)).toEqual({ system: 'android', brand: 'xiaomi', inWeChat: false });
		expect(platformOf(UA.oppoHeyTap)).toEqual({ system: 'android', brand: 'oppo', inWeChat: false });
		expect(platformOf(UA.honorChrome).brand).toBe('huawei');
		// Model codes alone, with no maker's word anywhere in the string.
		expect(platformOf('Mozilla/5.0 (Linux; Android 14; 23127PN0CC) Chrome/120 Mobile').brand).toBe('xiaomi');
		expect(platformOf('Mozilla/5.0 (Linux; Android 13; PFFM10) Chrome/120 Mobile').brand).toBe('oppo');
		expect(platformOf('Mozilla/5.0 (Linux; Android 13; V2229A) Chrome/120 Mobile').brand).toBe('vivo');
		expect(platformOf('Mozilla/5.0 (Linux; Android 12; ELS-AN00) Chrome/120 Mobile').brand).toBe('huawei');
	});

	it('names no maker it cannot see', () => {
		expect(platformOf(UA.samsungChrome)).toEqual({ system: 'android', brand: null, inWeChat: false });
		expect(platformOf(UA.chromeAndroidReduced)).toEqual({ system: 'android', brand: null, inWeChat: false });
	});

	it('knows Apple devices and computers', () => {
		expect(platformOf(UA.iPhoneSafari)).toEqual({ system: 'ios', brand: null, inWeChat: false });
		expect(platformOf(UA.macSafari)).toEqual({ system: 'mac', brand: null, inWeChat: false });
		expect(platformOf(UA.desktopChrome)).toEqual({ system: 'other', brand: null, inWeChat: false });
		expect(platformOf(null)).toEqual({ system: 'other', brand: null, inWeChat: false });
		expect(platformOf('')).toEqual({ system: 'other', brand: null, inWeChat: false });
	});
});

const guideFor = (ua: string) => subscribeGuide(platformOf(ua));
const before = (ways: string[], a: string, b: string) => ways.indexOf(a) >= 0 && ways.indexOf(a) < ways.indexOf(b);

describe('what the subscribe page offers first', () => {
	it('inside WeChat on an Android phone: open in the browser first, then the phone\'s own calendar, the file, and Google only after them', () => {
		const guide = guideFor(UA.wechatAndroidXiaomi);
		expect(guide.openInBrowserFirst).toBe(true);
		expect(guide.ways[0]).toBe('xiaomi');
		expect(before(guide.ways, 'download', 'google')).toBe(true);
		expect(before(guide.ways, 'google', 'apple')).toBe(true);
	});

	it("puts each maker's own calendar first", () => {
		expect(guideFor(UA.huaweiBrowserHarmonyOS).ways[0]).toBe('huawei');
		expect(guideFor(UA.wechatHuawei).ways[0]).toBe('huawei');
		expect(guideFor(UA.oppoHeyTap).ways[0]).toBe('oppoVivo');
		expect(guideFor(UA.wechatAndroidVivo).ways[0]).toBe('oppoVivo');
		expect(guideFor(UA.samsungChrome).ways[0]).toBe('androidSystem');
		expect(guideFor(UA.huaweiBrowserHarmonyOS).openInBrowserFirst).toBe(false);
	});

	it('gives the iPhone Apple first, with the WeChat step when inside WeChat', () => {
		expect(guideFor(UA.iPhoneSafari)).toMatchObject({ openInBrowserFirst: false, ways: expect.arrayContaining(['apple']) });
		expect(guideFor(UA.iPhoneSafari).ways[0]).toBe('apple');
		expect(guideFor(UA.iPhoneWeChat).openInBrowserFirst).toBe(true);
		expect(guideFor(UA.iPhoneWeChat).ways[0]).toBe('apple');
		expect(guideFor(UA.macSafari).ways[0]).toBe('apple');
	});

	it('never leads with Google, and always keeps every way for the next device', () => {
		for (const [name, ua] of Object.entries(UA)) {
			const { ways } = guideFor(ua);
			expect(ways[0], name).not.toBe('google');
			expect(new Set(ways).size, name).toBe(ways.length);
			for (const way of ['download', 'apple', 'google', 'outlook']) expect(ways, name).toContain(way);
		}
		// A computer in China: Google is the last resort.
		expect(guideFor(UA.desktopChrome).ways.at(-1)).toBe('google');
	});
});
