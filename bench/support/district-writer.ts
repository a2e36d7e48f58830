/**
 * The district bench's organizer (bench/district.ts): a process of its own that, while told to write,
 * changes one random center's schedule N times a second, as an organizer's browser would through
 * another server process. In the load generator's own process each write blocked it: libSQL's file
 * driver runs a statement synchronously, and a new connection commits with synchronous=FULL, ~10 ms
 * (up to 90) a write on this machine. The app's connections use NORMAL (db/client.ts); so does this.
 *
 * Messages from the parent: { write: perSecond } starts, { write: 0 } stops and answers { writes }.
 */
import { createClient } from '@libsql/client';
import { addDays } from '../../src/lib/calendar-date';

const [dbFile, today] = process.argv.slice(2) as [string, string];
const client = createClient({ url: `file:${dbFile}` });
await client.execute('PRAGMA synchronous = NORMAL');
const rotationsBySite = new Map<string, string[]>();
for (const row of (await client.execute('select site_id, id from rotations where active = 1')).rows) {
	const list = rotationsBySite.get(String(row[0])) ?? [];
	list.push(String(row[1]));
	rotationsBySite.set(String(row[0]), list);
}
const sites = [...rotationsBySite.keys()];
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

let timer: NodeJS.Timeout | null = null;
let writes = 0;

/** A sitting at a random site is cancelled, or restored if it was: what an organizer does. */
async function writeOnce() {
	const rotation = pick(rotationsBySite.get(pick(sites))!);
	const date = addDays(today, 1 + Math.floor(Math.random() * 13));
	await client.execute({
		sql: `insert into sitting_overrides (id, rotation_id, original_date, cancelled, reason) values (?, ?, ?, 1, '压测')
			on conflict (rotation_id, original_date) do update set cancelled = 1 - cancelled, sequence = sequence + 1`,
		args: [`bench-${rotation}-${date}`, rotation, date]
	});
	writes++;
}

process.on('message', (message: { write: number }) => {
	if (timer) clearInterval(timer);
	timer = null;
	if (message.write > 0) {
		writes = 0;
		timer = setInterval(() => void writeOnce(), 1000 / message.write);
	} else {
		process.send!({ writes });
	}
});
process.on('disconnect', () => {
	if (timer) clearInterval(timer);
	client.close();
	process.exit(0);
});
process.send!({ ready: true });
