import { describe, expect, it } from 'vitest';
import { isCrossSiteForm } from './csrf';

const url = new URL('https://yizhen.example.org/events/abc?/register');
const post = (headers: Record<string, string>, at = url) => [new Request(at, { method: 'POST', headers }), at] as const;

describe('the cross-site form check', () => {
	it('refuses a form posted from another site or from nowhere, and allows our own', () => {
		expect(isCrossSiteForm(...post({ 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }))).toBe(true);
		expect(isCrossSiteForm(...post({ 'content-type': 'multipart/form-data; boundary=x' }))).toBe(true);
		expect(isCrossSiteForm(...post({ 'content-type': 'application/x-www-form-urlencoded', origin: 'https://yizhen.example.org' }))).toBe(false);
		// JSON cannot be sent cross-site without CORS; GET changes nothing.
		expect(isCrossSiteForm(...post({ 'content-type': 'application/json', origin: 'https://evil.example' }))).toBe(false);
		expect(isCrossSiteForm(new Request(url), url)).toBe(false);
	});

	it('lets a mail app post a one-click unsubscribe without an origin, and only that', () => {
		const unsubscribe = new URL('https://yizhen.example.org/unsubscribe/abcdefghijklmnopqrstuvwxyz234567');
		expect(isCrossSiteForm(...post({ 'content-type': 'application/x-www-form-urlencoded' }, unsubscribe))).toBe(false);
		const nested = new URL('https://yizhen.example.org/unsubscribe/abc/more');
		expect(isCrossSiteForm(...post({ 'content-type': 'application/x-www-form-urlencoded' }, nested))).toBe(true);
	});

	it('lets Tencent post an SMS reply to its secret path in any content type, and nothing below it', () => {
		const reply = new URL('https://yizhen.example.org/sms/reply/k3y-of-ours');
		expect(isCrossSiteForm(...post({ 'content-type': 'text/plain' }, reply))).toBe(false);
		const below = new URL('https://yizhen.example.org/sms/reply/k3y-of-ours/more');
		expect(isCrossSiteForm(...post({ 'content-type': 'text/plain' }, below))).toBe(true);
	});
});
