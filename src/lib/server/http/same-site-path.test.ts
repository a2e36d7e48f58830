import { describe, expect, it } from 'vitest';
import { sameSitePath } from './same-site-path';

const SITE = 'https://yizhen.example.org';

/** What a browser does with our Location header: resolve it against the page it is on. */
const followed = (location: string) => new URL(location, `${SITE}/login`);

describe('a return address from a link or a form', () => {
	it('keeps a path on this site with its query and fragment', () => {
		expect(sameSitePath('/console/events?site=abc&week=2026-11-30', '/console')).toBe('/console/events?site=abc&week=2026-11-30');
		expect(sameSitePath('/centers/abc#week', '/')).toBe('/centers/abc#week');
		expect(sameSitePath('/', '/console')).toBe('/');
	});

	it('falls back when there is nothing to go back to', () => {
		expect(sameSitePath(null, '/console')).toBe('/console');
		expect(sameSitePath(undefined, '/console')).toBe('/console');
		expect(sameSitePath('', '/console')).toBe('/console');
	});

	it.each([
		['a tab the browser drops', '/\t/evil.example/'],
		['a newline the browser drops', '/\n/evil.example/'],
		['a carriage return the browser drops', '/\r/evil.example/'],
		['a backslash the browser reads as a slash', '/\\evil.example'],
		['two backslashes', '\\\\evil.example'],
		['a backslash after a slash with a tab between', '/\t\\evil.example'],
		['a protocol-relative address', '//evil.example/x'],
		['three slashes', '///evil.example'],
		['an address on another site', 'https://evil.example/'],
		['another scheme with its slashes left out', 'https:evil.example'],
		['a script', 'javascript:alert(1)'],
		['a script behind a tab', 'java\tscript:alert(1)'],
		['a data address', 'data:text/html,<script>alert(1)</script>'],
		['a dot segment that leaves two slashes', '/.//evil.example'],
		['a parent segment that leaves two slashes', '/..//evil.example'],
		['encoded dot segments that leave two slashes', '/%2e%2e//evil.example'],
		['encoded dot segment, one dot', '/%2E//evil.example']
	])('never leaves the site: %s', (_, value) => {
		const location = sameSitePath(value, '/console');
		expect(location).toBe('/console');
		expect(followed(location).origin).toBe(SITE);
	});

	it.each([
		['an encoded tab', '/%09/evil.example/', '/%09/evil.example/'],
		['encoded slashes', '/%2F%2Fevil.example', '/%2F%2Fevil.example'],
		['an encoded backslash', '/%5Cevil.example', '/%5Cevil.example'],
		['encoded line breaks', '/a%0d%0aSet-Cookie:x=1', '/a%0d%0aSet-Cookie:x=1']
	])('keeps %s as an ordinary path on this site, still encoded', (_, value, expected) => {
		const location = sameSitePath(value, '/console');
		expect(location).toBe(expected);
		expect(followed(location).origin).toBe(SITE);
	});

	it('sends the parsed address, never the raw one with its control characters', () => {
		expect(sameSitePath('/events\n?type=lecture', '/')).toBe('/events?type=lecture');
		expect(sameSitePath('/centers/a b', '/')).toBe('/centers/a%20b');
		for (const value of ['/a\r\nLocation: https://evil.example', '/x\u0000y', '/事件?名=值']) {
			expect(sameSitePath(value, '/')).not.toMatch(/[\u0000-\u001f\u007f\s\\]/);
		}
	});
});
