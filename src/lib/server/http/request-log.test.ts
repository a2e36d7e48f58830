import { describe, expect, it } from 'vitest';
import { formatRequestLog } from './request-log';

describe('formatRequestLog', () => {
	it('writes the route, not the path, and drops parameters that could carry secrets', () => {
		const line = formatRequestLog({
			requestId: 'r1',
			method: 'GET',
			routeId: '/feeds/private/[token].ics',
			params: { token: 'secret-token-value', id: 'abc' },
			status: 200,
			durationMs: 3.14159
		});
		expect(line).toMatch(/ req=r1 GET \/feeds\/private\/\[token\]\.ics id=abc 200 3\.1ms$/);
		expect(line).not.toContain('secret-token-value');
	});
});
