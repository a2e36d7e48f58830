/**
 * A crowd registering for the last places of a free clinic at once, against the built server over
 * real HTTP: the no-overbooking journey and `npm run bench:registrations` both use it.
 *
 * The server runs on its own database (a temporary file with the demo data and one event that has
 * `capacity - open` places already taken), so the rush neither disturbs nor depends on other tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { todayIn, addDays } from '../../src/lib/calendar-date';
import { openDatabase } from '../../src/lib/server/db/client';
import { applyMigrations } from '../../src/lib/server/db/migrate';
import { registrations } from '../../src/lib/server/db/schema';
import { createEvent } from '../../src/lib/server/events/events';
import { registerForEvent } from '../../src/lib/server/events/registration';
import { demoId, seedDemoData } from '../../src/lib/server/seed/seed-demo';

export interface RushServer {
	origin: string;
	eventId: string;
	/** A second event without a place limit, for warming the server up without touching the rush's places. */
	warmUpEventId: string;
	databaseUrl: string;
	stop(): Promise<void>;
}

const rushPhone = (n: number) => `137${String(n).padStart(8, '0')}`;

/** `processes` > 1 serves the rush from that many processes on the one database (WEB_PROCESSES). */
export async function startRushServer(options: { capacity: number; open: number; processes?: number }): Promise<RushServer> {
	const dir = mkdtempSync(join(tmpdir(), 'yizhen-rush-'));
	const databaseUrl = `file:${join(dir, 'rush.db')}`;
	const today = todayIn('Asia/Shanghai');
	const { db, close } = await openDatabase({ url: databaseUrl });
	await applyMigrations(db);
	await seedDemoData(db, { today });
	const eventId = await createEvent(db, { userId: null, name: '测试' }, {
		kind: 'free_clinic',
		siteId: demoId('site:xinqiao'),
		title: '周末义诊：抢名额',
		date: addDays(today, 3),
		startTime: '08:30',
		endTime: '11:30',
		capacity: options.capacity
	});
	const warmUpEventId = await createEvent(db, { userId: null, name: '测试' }, {
		kind: 'free_clinic',
		siteId: demoId('site:xinqiao'),
		title: '周末义诊：预热用',
		date: addDays(today, 4),
		startTime: '14:30',
		endTime: '16:00',
		capacity: null
	});
	for (let i = 0; i < options.capacity - options.open; i++) {
		await registerForEvent(db, eventId, { name: `已报名${i}`, phone: rushPhone(i), ageBand: '60_69', consent: true }, today, null);
	}
	close();

	const port = 5100 + Math.floor(Math.random() * 800);
	const origin = `http://127.0.0.1:${port}`;
	const processes = options.processes ?? 1;
	const entry = processes > 1 ? ['--import', 'tsx', 'scripts/serve.ts'] : ['build/index.js'];
	const server: ChildProcess = spawn(process.execPath, entry, {
		env: {
			...process.env,
			WEB_PROCESSES: String(processes),
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATABASE_URL: databaseUrl,
			OUTBOX_WORKER: 'off',
			// Every request of the rush comes from 127.0.0.1; the per-phone limit still applies.
			REGISTRATION_LIMIT_PER_IP: '100000',
			// BENCH_SERVER_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server alone.
			NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? ''
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; ; i++) {
		try {
			if ((await fetch(`${origin}/healthz`)).ok) break;
		} catch {
			// not listening yet
		}
		if (i > 150) throw new Error('rush server did not start');
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		origin,
		eventId,
		warmUpEventId,
		databaseUrl,
		async stop() {
			const exited = new Promise((r) => server.once('exit', r));
			server.kill('SIGTERM');
			await exited;
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

export interface RushOutcome {
	statuses: number[];
	/** Where each 303 pointed: the resident's private manage page. */
	locations: string[];
	/** Each request's time from send to the end of its response. */
	latenciesMs: number[];
	elapsedMs: number;
}

/** `n` different residents post the registration form at once, as a browser without JavaScript does. */
export async function rush(server: RushServer, n: number, firstPhone = 50_000_000, eventId = server.eventId): Promise<RushOutcome> {
	const started = performance.now();
	const responses = await Promise.all(
		Array.from({ length: n }, (_, i) => {
			const sent = performance.now();
			return fetch(`${server.origin}/events/${eventId}?/register`, {
				method: 'POST',
				redirect: 'manual',
				// A browser without JavaScript asks for HTML and gets the 303; SvelteKit answers `*/*` with JSON.
				headers: { origin: server.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ name: `居民${i}`, phone: rushPhone(firstPhone + i), ageBand: '60_69', community: '新桥社区', consent: 'on' })
			}).then(async (res) => {
				await res.arrayBuffer();
				return { status: res.status, location: res.headers.get('location') ?? '', ms: performance.now() - sent };
			});
		})
	);
	return {
		statuses: responses.map((r) => r.status),
		locations: responses.map((r) => r.location),
		latenciesMs: responses.map((r) => r.ms),
		elapsedMs: performance.now() - started
	};
}

/** What the database holds for the event after the rush. */
export async function rushResult(server: RushServer) {
	const { db, close } = await openDatabase({ url: server.databaseUrl });
	try {
		const rows = await db.select().from(registrations).where(eq(registrations.eventId, server.eventId));
		return {
			registered: rows.filter((r) => r.status === 'registered').length,
			waitlisted: rows.filter((r) => r.status === 'waitlisted').length,
			rows: rows.length,
			distinctPhones: new Set(rows.map((r) => r.phone)).size
		};
	} finally {
		close();
	}
}
