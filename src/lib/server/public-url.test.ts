import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicOrigin } from './public-url';

describe('the public address', () => {
	it('is ORIGIN when set, reduced to its origin', () => {
		expect(publicOrigin({ ORIGIN: 'https://yizhen.example.org/' })).toBe('https://yizhen.example.org');
		expect(publicOrigin({ ORIGIN: ' http://10.0.0.5:8080 ', PORT: '3000' })).toBe('http://10.0.0.5:8080');
	});

	it('falls back to this machine’s local address on the configured port', () => {
		expect(publicOrigin({})).toBe('http://localhost:3000');
		expect(publicOrigin({ PORT: '4173' })).toBe('http://localhost:4173');
	});
});

/** Files under a folder, recursively. */
function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

describe('links that outlive the request', () => {
	// The request's origin is what the browser asked for; it may serve a same-site check (the text-size
	// switch's return path, WeChat's signature for the page being viewed, the door's offline upload),
	// never a link that is mailed, cached, printed or subscribed to.
	const ALLOWED = new Set([
		'src/routes/(public)/text-size/+server.ts',
		'src/routes/share/wx-config/+server.ts',
		'src/routes/console/checkin/[eventId]/ops/+server.ts'
	]);

	it('are never built from the request’s origin in a route', () => {
		const offenders = filesUnder('src/routes')
			.filter((path) => /\.(ts|svelte)$/.test(path) && !ALLOWED.has(path.replaceAll('\\', '/')))
			.filter((path) => /\burl\.origin\b|\burl\.host\b|headers\.get\(['"](host|x-forwarded-host|origin)['"]\)/.test(readFileSync(path, 'utf8')));
		expect(offenders).toEqual([]);
	});
});
