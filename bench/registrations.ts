/**
 * `npm run bench:registrations`: how many registrations per second the built server takes when a
 * crowd goes for the last places of one event at once — the worst case, since every registration
 * for one event is a write that counts the places inside one transaction. Build first (`npm run build`).
 *
 * Each round starts a fresh server on its own database (demo data plus one event), sends `crowd`
 * registration forms at once over HTTP, and checks the outcome before printing the figures: a fast
 * run that overbooked would be no result at all.
 *
 * Every round runs twice: on a server that has just started ("cold": 5 requests before the crowd) and
 * on one that has already taken 1,000 registrations for another event ("warm"), as a district's
 * server has by the time a popular clinic opens. The JIT compiler has not yet optimised the
 * registration path of a cold server, which makes it up to half as fast.
 */
import { parseArgs } from 'node:util';
import { rush, rushResult, startRushServer } from '../tests/support/registration-rush';

// `npm run bench:registrations -- --processes 2`: the same rounds served by two processes on one database.
const { values: args } = parseArgs({ options: { processes: { type: 'string', default: '1' } } });
const processes = Number(args.processes);

const ROUNDS = [
	{ capacity: 100, open: 20, crowd: 200 },
	{ capacity: 500, open: 100, crowd: 500 },
	{ capacity: 2000, open: 200, crowd: 1000 }
];
const WARM_UP = { bursts: 5, size: 200 };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

// The load generator is a Node process too: its first thousand fetches run before its own JIT has
// optimised them, which the first round measured as the server's slowness. One throwaway server takes
// them first, so "cold" below is the server's coldness alone.
{
	const server = await startRushServer({ capacity: 100, open: 20, processes });
	try {
		for (let i = 0; i < WARM_UP.bursts; i++) await rush(server, WARM_UP.size, 70_000_000 + i * WARM_UP.size, server.warmUpEventId);
	} finally {
		await server.stop();
	}
}

console.log(`registrations under contention (one event, all at once, over HTTP to 127.0.0.1; ${processes} server process(es))`);
console.log('crowd  places-left  server  req/s   p50 ms  p99 ms  max ms  registered+waitlisted');
for (const round of ROUNDS) {
	for (const warm of [false, true]) {
		const server = await startRushServer({ capacity: round.capacity, open: round.open, processes });
		try {
			// Route modules loaded and statements seen once, outside the measurement.
			await rush(server, 5, 90_000_000);
			if (warm) {
				for (let i = 0; i < WARM_UP.bursts; i++) await rush(server, WARM_UP.size, 80_000_000 + i * WARM_UP.size, server.warmUpEventId);
			}
			const outcome = await rush(server, round.crowd);
			const result = await rushResult(server);
			const failed = outcome.statuses.filter((s) => s !== 303).length;
			const expectedRegistered = round.capacity;
			if (failed > 0 || result.registered !== expectedRegistered || result.distinctPhones !== result.rows) {
				console.error(`round ${JSON.stringify(round)} went wrong: ${failed} non-303 answers, ${JSON.stringify(result)}`);
				process.exitCode = 1;
			}
			const sorted = [...outcome.latenciesMs].sort((a, b) => a - b);
			const rate = round.crowd / (outcome.elapsedMs / 1000);
			console.log(
				`${String(round.crowd).padStart(5)}  ${String(round.open).padStart(11)}  ${(warm ? 'warm' : 'cold').padStart(6)}  ${rate.toFixed(0).padStart(5)}  ${percentile(sorted, 50).toFixed(0).padStart(6)}  ${percentile(sorted, 99).toFixed(0).padStart(6)}  ${sorted.at(-1)!.toFixed(0).padStart(6)}  ${result.registered}+${result.waitlisted}`
			);
		} finally {
			await server.stop();
		}
	}
}
