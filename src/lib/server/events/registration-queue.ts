/**
 * Group commit for registrations: sign-ups that arrive while a registration transaction runs wait for
 * it, then go into the next transaction together (registration-group.ts), one per event. A lone
 * sign-up waits for nothing but the next turn of the event loop.
 *
 * Why: SQLite has one writer at a time, and when a clinic opens the whole crowd wants it at once. A
 * transaction per person made the crowd's throughput that of one registration after another (about
 * 200 a second here); a group costs little more than one of its members.
 *
 * A group that fails as a whole (the database refusing the insert, say the rare clash of check-in
 * codes) is retried one sign-up at a time, so one person's bad luck is nobody else's error.
 */
import type { Db } from '../db/client';
import { registerGroup, type SignUp, type SignUpOutcome } from './registration-group';
import type { RegistrationResult } from './registration';

/** A group larger than this waits for the next turn: one transaction should not hold the writer for long. */
const MAX_GROUP = 200;

interface Waiting extends SignUp {
	eventId: string;
	today: string;
	resolve(result: RegistrationResult): void;
	reject(error: unknown): void;
}

interface Queue {
	waiting: Waiting[];
	running: boolean;
}

const queues = new WeakMap<Db, Queue>();

export function queueSignUp(db: Db, eventId: string, signUp: SignUp, today: string): Promise<RegistrationResult> {
	let queue = queues.get(db);
	if (!queue) queues.set(db, (queue = { waiting: [], running: false }));
	const q = queue;
	return new Promise((resolve, reject) => {
		q.waiting.push({ ...signUp, eventId, today, resolve, reject });
		if (!q.running) {
			q.running = true;
			// The next turn, so that everyone whose request is already being read joins this group.
			setImmediate(() => void drain(db, q));
		}
	});
}

async function drain(db: Db, q: Queue): Promise<void> {
	try {
		while (q.waiting.length > 0) {
			const batch = q.waiting.splice(0, MAX_GROUP);
			for (const group of byEventAndDay(batch)) await commitGroup(db, group);
		}
	} finally {
		q.running = false;
	}
}

/** Arrival order kept within each group: it decides who gets the last places. */
function byEventAndDay(batch: Waiting[]): Waiting[][] {
	const groups = new Map<string, Waiting[]>();
	for (const w of batch) {
		const key = `${w.eventId} ${w.today}`;
		const group = groups.get(key);
		if (group) group.push(w);
		else groups.set(key, [w]);
	}
	return [...groups.values()];
}

async function commitGroup(db: Db, group: Waiting[]): Promise<void> {
	const { eventId, today } = group[0]!;
	let outcomes: SignUpOutcome[];
	try {
		outcomes = await db.transaction((tx) => registerGroup(tx, eventId, group, today));
	} catch (error) {
		if (group.length === 1) return group[0]!.reject(error);
		for (const one of group) await commitGroup(db, [one]);
		return;
	}
	outcomes.forEach((outcome, i) => (outcome.ok ? group[i]!.resolve(outcome.result) : group[i]!.reject(outcome.error)));
}
