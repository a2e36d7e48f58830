import { describe, expect, it } from 'vitest';
import type { ShareMeta } from '../../share-meta';
import { shareForVisitor, WECHAT_BOOT_SOURCE, WECHAT_SHARE_APIS, WECHAT_SHARE_SCRIPT, WECHAT_SHARE_SCRIPT_PATH } from './wechat-client';

const WECHAT_UA = 'Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 Chrome/107.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560 WeChat/arm64';
const meta: ShareMeta = {
	title: '新桥社区卫生服务中心 · 近期健康讲座',
	description: '近两个月 3 场。',
	url: 'https://yizhen.example.org/events?kind=lecture',
	image: 'https://yizhen.example.org/events/poster.png?kind=lecture',
	posterPath: '/events/poster.png?kind=lecture'
};
const request = (ua: string) => new Request('https://yizhen.example.org/events', { headers: { 'user-agent': ua } });

describe('who gets the JS-SDK script', () => {
	it('is only WeChat’s browser, and only with an official account configured', () => {
		expect(shareForVisitor(meta, request(WECHAT_UA), true)).toMatchObject({ thumbnail: true, wechatScript: WECHAT_SHARE_SCRIPT_PATH });
		expect(shareForVisitor(meta, request(WECHAT_UA), false)).toMatchObject({ thumbnail: true, wechatScript: null });
		expect(shareForVisitor(meta, request('Mozilla/5.0 (iPhone) Safari/604.1'), true)).toMatchObject({ thumbnail: false, wechatScript: null });
		expect(WECHAT_SHARE_SCRIPT_PATH).toMatch(/^\/share\/wechat\.js\?v=[\w-]{12}$/);
	});
});

interface Call {
	name: string;
	args: unknown;
}

/** Runs the boot code from its text, as the browser gets it, against a page and a recording SDK. */
async function boot(config: unknown, href = 'https://yizhen.example.org/events?kind=lecture#top') {
	const calls: Call[] = [];
	const requested: string[] = [];
	let shared: () => void = () => undefined;
	const done = new Promise<void>((resolve) => (shared = resolve));
	const og: Record<string, string> = { title: meta.title, description: meta.description, url: meta.url, image: meta.image };
	const wx = {
		config: (args: unknown) => calls.push({ name: 'config', args }),
		ready: (callback: () => void) => callback(),
		updateAppMessageShareData: (args: unknown) => calls.push({ name: 'appMessage', args }),
		updateTimelineShareData: (args: unknown) => {
			calls.push({ name: 'timeline', args });
			shared();
		}
	};
	let fetched: () => void = () => undefined;
	const answered = new Promise<void>((resolve) => (fetched = resolve));
	const win = {
		location: { href },
		document: {
			querySelector: (selector: string) => {
				const property = /og:(\w+)/.exec(selector)?.[1] ?? '';
				return property in og ? { getAttribute: () => og[property] } : null;
			}
		},
		// The answer's body is read at once, so the page's promise chain is all microtasks: a timer
		// set here fires only after the chain has run to its end.
		fetch: async (url: string) => {
			requested.push(url);
			setTimeout(fetched);
			return { ok: true, json: () => ({ config }) };
		}
	};
	new Function('wx', 'win', 'apis', `(${WECHAT_BOOT_SOURCE})(wx, win, apis);`)(wx, win, WECHAT_SHARE_APIS);
	return { calls, requested, done, answered };
}

describe('the script in WeChat’s browser', () => {
	it('is one parseable script carrying the SDK', () => {
		expect(() => new Function(WECHAT_SHARE_SCRIPT)).not.toThrow();
		expect(WECHAT_SHARE_SCRIPT).toContain('preVerifyJSAPI');
	});

	it('signs the page without its fragment and gives WeChat the page’s own og: card', async () => {
		const config = { appId: 'wx0123456789abcdef', timestamp: 1764633600, nonceStr: 'abcdefghijklmnop', signature: 'f'.repeat(40) };
		const run = await boot(config);
		await run.done;
		expect(run.requested).toEqual([`/share/wx-config?url=${encodeURIComponent('https://yizhen.example.org/events?kind=lecture')}`]);
		expect(run.calls).toEqual([
			{ name: 'config', args: { debug: false, ...config, jsApiList: ['updateAppMessageShareData', 'updateTimelineShareData'] } },
			{ name: 'appMessage', args: { title: meta.title, desc: meta.description, link: meta.url, imgUrl: meta.image } },
			{ name: 'timeline', args: { title: meta.title, link: meta.url, imgUrl: meta.image } }
		]);
	});

	it('configures nothing when the server has no JS-SDK config for the page', async () => {
		const run = await boot(null);
		await run.answered;
		expect(run.requested).toHaveLength(1);
		expect(run.calls).toEqual([]);
	});
});
