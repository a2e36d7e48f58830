import { describe, expect, it } from 'vitest';
import { metricsAccess } from './metrics-access';

describe('metricsAccess', () => {
	const token = 'a-long-random-metrics-token-0123456789';

	it('is off until METRICS_TOKEN is set, whatever is sent', () => {
		expect(metricsAccess(`Bearer ${token}`, undefined)).toBe('off');
		expect(metricsAccess(null, '')).toBe('off');
	});

	it('lets in the bearer of the token and no one else', () => {
		expect(metricsAccess(`Bearer ${token}`, token)).toBe('allowed');
		expect(metricsAccess(`bearer ${token}`, token)).toBe('allowed');
		expect(metricsAccess(`Bearer ${token}x`, token)).toBe('denied');
		expect(metricsAccess(`Basic ${Buffer.from(`x:${token}`).toString('base64')}`, token)).toBe('denied');
		expect(metricsAccess(null, token)).toBe('denied');
	});
});
