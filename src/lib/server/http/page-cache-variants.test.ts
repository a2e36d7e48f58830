import { beforeEach, describe, expect, it } from 'vitest';
import { emptyDbForEachTest } from '../testing/each-test';
import { scopes } from '../schedule/cache-scopes';
import { cachedPage, clearPageCache } from './page-cache';
import { htmlClassAttribute, pageVariant, type TextSize } from './text-size';

/** A plain GET of `url`, as hooks.server.ts passes its event. */
const get = (url: URL) => ({ request: new Request(url), url });

const t = emptyDbForEachTest();
beforeEach(() => clearPageCache());

describe('the page cache with 长辈版 and WeChat', () => {
	it('never serves one visitor’s mode to another, whoever asks first', async () => {
		const url = new URL('http://localhost/centers/abc');
		// What hooks.server.ts does: the mode goes into the HTML and into the key, from the same values.
		const visit = async (textSize: TextSize, wechat: boolean) => {
			const render = async () =>
				new Response(`<html lang="zh-CN"${htmlClassAttribute(textSize, wechat)}>`, { headers: { 'content-type': 'text/html' } });
			return (await cachedPage(t.db, get(url), scopes.centerWeek('abc', null, '2026-12-07'), render, pageVariant({ wechat, textSize }))).text();
		};
		const visitors: [TextSize, boolean, string][] = [
			['large', false, '<html lang="zh-CN" class="large-text">'],
			['standard', false, '<html lang="zh-CN">'],
			['large', true, '<html lang="zh-CN" class="large-text in-wechat">'],
			['standard', true, '<html lang="zh-CN" class="in-wechat">']
		];
		// Twice round: the second round is served from the cache and must still match each visitor.
		for (let round = 0; round < 2; round++) {
			for (const [textSize, wechat, html] of visitors) expect(await visit(textSize, wechat), `${textSize} ${wechat}`).toBe(html);
			for (const [textSize, wechat, html] of [...visitors].reverse()) expect(await visit(textSize, wechat), `${textSize} ${wechat}`).toBe(html);
		}
	});
});
