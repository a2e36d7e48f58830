import { describe, expect, it } from 'vitest';
import { htmlClassAttribute, pageVariant, requestedTextSize, sameSiteReturnPath, textSizeOf } from './text-size';

const ORIGIN = 'https://yizhen.example.org';

describe('长辈版 (large text)', () => {
	it('reads the cookie strictly: only "large" turns it on', () => {
		expect(textSizeOf('large')).toBe('large');
		expect(textSizeOf(undefined)).toBe('standard');
		expect(textSizeOf('LARGE')).toBe('standard');
		expect(textSizeOf('large; path=/')).toBe('standard');
		expect(htmlClassAttribute('large')).toBe(' class="large-text"');
		expect(htmlClassAttribute('standard')).toBe('');
		expect(htmlClassAttribute('large', true)).toBe(' class="large-text in-wechat"');
		expect(htmlClassAttribute('standard', true)).toBe(' class="in-wechat"');
	});

	it('accepts only the two sizes from the toggle form', () => {
		expect(requestedTextSize('large')).toBe('large');
		expect(requestedTextSize('standard')).toBe('standard');
		expect(requestedTextSize('huge')).toBeNull();
		expect(requestedTextSize(null)).toBeNull();
	});

	it('goes back to the same page on this site, never to another site', () => {
		expect(sameSiteReturnPath('/centers/abc?week=2026-11-30')).toBe('/centers/abc?week=2026-11-30');
		expect(sameSiteReturnPath('/events')).toBe('/events');
		for (const evil of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '', null, '/%2F%2Fevil.example', '/\t/evil.example/', '/.//evil.example', new File(['/x'], 'back')]) {
			const path = sameSiteReturnPath(evil);
			expect(new URL(path, ORIGIN).origin, String(evil)).toBe(ORIGIN);
			expect(path.startsWith('//')).toBe(false);
		}
		expect(sameSiteReturnPath('//evil.example/x')).toBe('/');
		expect(sameSiteReturnPath('/.//evil.example')).toBe('/');
	});

	it('gives every combination of WeChat and text size its own cache variant', () => {
		const variants = [false, true].flatMap((wechat) => (['standard', 'large'] as const).map((textSize) => pageVariant({ wechat, textSize })));
		expect(new Set(variants).size).toBe(4);
		// The plain page keeps the key it had before 长辈版 existed, and WeChat's keeps 'wechat'.
		expect(pageVariant({ wechat: false, textSize: 'standard' })).toBe('');
		expect(pageVariant({ wechat: true, textSize: 'standard' })).toBe('wechat');
	});
});
