/** The HTML part of a message: the same paragraphs as the text part, escaped, links made clickable. */
import { m } from '../../i18n';

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function paragraph(text: string): string {
	const escaped = escapeHtml(text).replace(/\n/g, '<br>');
	// Only our own http(s) links appear in messages; make them tappable.
	return `<p>${escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)}</p>`;
}

export function htmlMail(paragraphs: string[], footer: string): string {
	return `<!doctype html><html lang="zh-CN"><body style="font:16px/1.6 sans-serif;color:#1a1a1a">${paragraphs.map(paragraph).join('')}<p style="color:#666;font-size:13px">${escapeHtml(footer)}</p><p>${escapeHtml(m.mail.signature)}</p></body></html>`;
}
