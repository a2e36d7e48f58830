import { describe, expect, it } from 'vitest';
import { htmlMail, linkify } from './html';

describe('links in mail', () => {
	it('end a link at Chinese punctuation and text typed right after the URL', () => {
		expect(linkify('https://yizhen.example.org/e/abc，请改天再来。')).toBe(
			'<a href="https://yizhen.example.org/e/abc">https://yizhen.example.org/e/abc</a>，请改天再来。'
		);
		expect(linkify('（见 https://x.org/a）')).toBe('（见 <a href="https://x.org/a">https://x.org/a</a>）');
		expect(linkify('详情https://x.org/a请看')).toBe('详情<a href="https://x.org/a">https://x.org/a</a>请看');
	});

	it('leave closing ASCII punctuation out of the link, but keep a bracket the URL opened', () => {
		expect(linkify('See https://x.org/a.')).toBe('See <a href="https://x.org/a">https://x.org/a</a>.');
		expect(linkify('(see https://x.org/a), then https://x.org/b?!')).toBe(
			'(see <a href="https://x.org/a">https://x.org/a</a>), then <a href="https://x.org/b">https://x.org/b</a>?!'
		);
		expect(linkify('https://zh.wikipedia.org/wiki/A_(B)')).toBe('<a href="https://zh.wikipedia.org/wiki/A_(B)">https://zh.wikipedia.org/wiki/A_(B)</a>');
	});

	it('keep a query string whole and escaped, and stop at markup and spaces', () => {
		expect(linkify('https://x.org/r?a=1&b=2 明天')).toBe('<a href="https://x.org/r?a=1&amp;b=2">https://x.org/r?a=1&amp;b=2</a> 明天');
		expect(linkify('<b>https://x.org/a"onmouseover="x</b>')).toBe(
			'&lt;b&gt;<a href="https://x.org/a">https://x.org/a</a>&quot;onmouseover=&quot;x&lt;/b&gt;'
		);
		expect(linkify('只有 https:// 没有地址')).toBe('只有 https:// 没有地址');
	});

	it('puts each paragraph in <p>, with line breaks kept', () => {
		expect(htmlMail(['第一行\nhttps://x.org/a，第二行'], '页脚')).toContain('<p>第一行<br><a href="https://x.org/a">https://x.org/a</a>，第二行</p>');
	});

	it('links the footer too (the settings page, the unsubscribe link), with its line breaks kept', () => {
		const html = htmlMail(['正文'], '可在账号设置里选择：https://x.org/console/account#mail\n退订：https://x.org/u/<t>');
		expect(html).toContain('可在账号设置里选择：<a href="https://x.org/console/account#mail">https://x.org/console/account#mail</a><br>退订：<a href="https://x.org/u/">https://x.org/u/</a>&lt;t&gt;</p>');
	});
});
