/** Which phone (or WeChat) asks: decides which way to subscribe is offered first. */
export type Platform = 'wechat' | 'apple' | 'android' | 'other';

/** WeChat's browser says MicroMessenger; it will not hand a calendar link or a file to the phone. */
export function platformOf(userAgent: string | null): Platform {
	const ua = userAgent ?? '';
	if (/MicroMessenger/i.test(ua)) return 'wechat';
	if (/iPhone|iPad|iPod|Macintosh/i.test(ua)) return 'apple';
	if (/Android/i.test(ua)) return 'android';
	return 'other';
}

export function inWeChat(request: Request): boolean {
	return platformOf(request.headers.get('user-agent')) === 'wechat';
}
