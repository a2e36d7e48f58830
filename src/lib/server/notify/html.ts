/** The HTML part of a message: the same paragraphs as the text part, escaped, links made clickable. */
import { m } from '../../i18n';

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A link runs over the characters RFC 3986 allows unescaped in a URL and stops at the first other
 * one. Reasons and titles are typed by people, and Chinese text puts no space after a URL:
 * `https://x.org/a，请改天再来` must link `https://x.org/a`, not the sentence after it.
 */
const URL_IN_TEXT = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g;

/** ASCII punctuation that ends a sentence more often than a URL, as most linkifiers drop it. */
const TRAILING_PUNCTUATION = /[.,;:!?']+$/;

/** The URL without what only closes the sentence around it; a `)` stays when the URL opened one. */
export function trimUrl(candidate: string): string {
	let url = candidate;
	for (;;) {
		const before = url;
		url = url.replace(TRAILING_PUNCTUATION, '');
		if (url.endsWith(')') && count(url, '(') < count(url, ')')) url = url.slice(0, -1);
		if (url === before) return url;
	}
}

const count = (text: string, char: string) => text.split(char).length - 1;

/** Escaped text with each http(s) URL in it as a link. */
export function linkify(text: string): string {
	let html = '';
	let last = 0;
	for (const match of text.matchAll(URL_IN_TEXT)) {
		const url = trimUrl(match[0]);
		// "https://" alone, or followed only by punctuation, is not a link.
		if (!/^https?:\/\/[^/?#]/.test(url)) continue;
		const start = match.index;
		const escaped = escapeHtml(url);
		html += `${escapeHtml(text.slice(last, start))}<a href="${escaped}">${escaped}</a>`;
		last = start + url.length;
	}
	return html + escapeHtml(text.slice(last));
}

function paragraph(text: string): string {
	return `<p>${linkify(text).replace(/\n/g, '<br>')}</p>`;
}

export function htmlMail(paragraphs: string[], footer: string): string {
	return `<!doctype html><html lang="zh-CN"><body style="font:16px/1.6 sans-serif;color:#1a1a1a">${paragraphs.map(paragraph).join('')}<p style="color:#666;font-size:13px">${linkify(footer).replace(/\n/g, '<br>')}</p><p>${escapeHtml(m.mail.signature)}</p></body></html>`;
}
