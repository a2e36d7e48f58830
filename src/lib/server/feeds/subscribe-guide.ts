/**
 * Which ways to subscribe the page shows, and in what order, for the phone in hand. Residents here
 * mostly hold Huawei, Honor, Xiaomi, OPPO and vivo phones, open links inside WeChat, and cannot reach
 * Google: the phone's own calendar comes first, the .ics file is the way that always works, Apple's
 * webcal:// leads on Apple devices, and Google stays below for those who can use it.
 */
import type { Platform } from './platform';

export type SubscribeWay =
	/** The maker's own calendar app, when the User-Agent names the maker. */
	| 'huawei'
	| 'xiaomi'
	| 'oppoVivo'
	/** An Android or HarmonyOS phone whose maker the User-Agent does not say. */
	| 'androidSystem'
	/** The .ics file to import: a copy of today's plan, for calendars without a subscribe option. */
	| 'download'
	| 'apple'
	| 'google'
	| 'outlook';

export interface SubscribeGuide {
	/** Inside WeChat nothing below works until the page is opened in the phone's browser: say that first. */
	openInBrowserFirst: boolean;
	ways: SubscribeWay[];
}

const SYSTEM_CALENDAR: Record<NonNullable<Platform['brand']>, SubscribeWay> = {
	huawei: 'huawei',
	xiaomi: 'xiaomi',
	oppo: 'oppoVivo',
	vivo: 'oppoVivo'
};

/** The phone's own ways first; the others stay below for the next device (an iPad, the computer at work). */
export function subscribeGuide(platform: Platform): SubscribeGuide {
	let ways: SubscribeWay[];
	switch (platform.system) {
		case 'android':
		case 'harmony':
			ways = [platform.brand ? SYSTEM_CALENDAR[platform.brand] : 'androidSystem', 'download', 'google', 'apple', 'outlook'];
			break;
		case 'ios':
			ways = ['apple', 'download', 'google', 'outlook'];
			break;
		case 'mac':
			ways = ['apple', 'outlook', 'download', 'google'];
			break;
		default:
			// A computer: Outlook and Apple subscribe by address; the file imports anywhere, Google last.
			ways = ['outlook', 'apple', 'download', 'google'];
	}
	return { openInBrowserFirst: platform.inWeChat, ways };
}
