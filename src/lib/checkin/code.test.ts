import { describe, expect, it } from 'vitest';
import { readCode } from './code';

describe('reading a check-in code at the door', () => {
	it('forgives spaces, dashes and case in a typed code', () => {
		expect(readCode(' k7m 3qx ')).toBe('K7M3QX');
		expect(readCode('xk-42p')).toBe('XK42P');
	});

	it('takes the code out of a scanned registration link, wherever it stands in the query', () => {
		expect(readCode('https://yizhen.example/console/checkin/ev1?code=K7M3QX')).toBe('K7M3QX');
		expect(readCode('https://yizhen.example.org/r/x?lang=zh&code=xk%2D42p#top')).toBe('XK42P');
	});

	it('keeps escapes it cannot decode instead of failing, so the code simply matches nobody', () => {
		expect(readCode('https://yizhen.example.org/c?code=%E0%A4')).toBe('%E0%A4');
	});
});
