/**
 * The running server, as an operator sees it: health, security headers, the CSRF origin check, and a SIGTERM that lets in-flight requests finish. Not a browser journey, but it needs the
 * built server, so it runs here (desktop project only).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

test('every page carries security headers and a CSP, and /healthz answers', async ({ request }) => {
	const page = await request.get('/');
	expect(page.status()).toBe(200);
	const headers = page.headers();
	expect(headers['content-security-policy']).toContain("default-src 'self'");
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
	expect(headers['x-request-id']).toMatch(/^[\w-]+$/);

	const health = await request.get('/healthz');
	expect(health.status()).toBe(200);
	expect(await health.json()).toEqual({ status: 'ok', database: true });
});

test('a form posted from another origin is refused', async ({ request, baseURL }) => {
	const forged = await request.post('/find', {
		headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
		data: 'department=x'
	});
	expect(forged.status()).toBe(403);
	const sameOrigin = await request.post('/find', {
		headers: { origin: baseURL!, 'content-type': 'application/x-www-form-urlencoded' },
		data: 'department=x'
	});
	expect(sameOrigin.status()).not.toBe(403);
});

function startServer(port: number, databaseUrl: string): ChildProcess {
	// As `npm run serve` starts it, with no ORIGIN: the server the README starts, minus the demo data.
	const { ORIGIN: _origin, PROTOCOL_HEADER: _protocol, ...env } = process.env;
	return spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
		env: { ...env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl },
		stdio: ['ignore', 'pipe', 'pipe']
	});
}

async function waitForHealth(port: number): Promise<number> {
	// Up to 30 s: on a loaded two-core CI machine a cold start (imports, migrations) has taken 20 s.
	for (let i = 0; i < 300; i++) {
		try {
			const res = await fetch(`http://127.0.0.1:${port}/healthz`);
			return res.status;
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	throw new Error('server did not start');
}

test('on SIGTERM the server finishes a request already in flight, then exits', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'yizhen-sigterm-'));
	const port = 4300 + Math.floor(Math.random() * 500);
	const server = startServer(port, `file:${join(dir, 'db.sqlite')}`);
	try {
		expect(await waitForHealth(port)).toBe(200);
		const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));

		// A request whose body is still arriving when the signal comes.
		const response = new Promise<number>((resolve, reject) => {
			const req = httpRequest(
				{ host: '127.0.0.1', port, method: 'POST', path: '/healthz', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
				(res) => {
					res.resume();
					resolve(res.statusCode ?? 0);
				}
			);
			req.on('error', reject);
			req.write('{"part":');
			setTimeout(() => {
				server.kill('SIGTERM');
				setTimeout(() => req.end('1}'), 300);
			}, 200);
		});
		// The route has no POST handler: any HTTP answer (405) proves the request was served, not dropped.
		expect(await response).toBe(405);
		expect(await exited).toBe(0);
	} finally {
		server.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	}
});

test('/healthz says 503 while the database cannot be reached', async () => {
	const port = 4800 + Math.floor(Math.random() * 500);
	// A libSQL server URL where nothing listens.
	const server = startServer(port, 'http://127.0.0.1:9');
	try {
		expect(await waitForHealth(port)).toBe(503);
	} finally {
		server.kill('SIGKILL');
	}
});
