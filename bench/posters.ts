/**
 * `npm run bench:posters`: how long a poster takes to draw the first time in a process (font parse
 * included), drawn again after the data changed, and served from the cache, and how large the PNGs
 * are. Runs in-process on a temporary database with the demo data. `--out DIR` also writes the PNGs
 * there, to look at them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { sites } from '../src/lib/server/db/schema';
import { demoId, seedDemoData } from '../src/lib/server/seed/seed-demo';
import { centerPoster, eventPoster, expertPoster, type PosterImage } from '../src/lib/server/share/posters';
import { createTestDb } from '../src/lib/server/testing/test-db';

const TODAY = '2026-11-25';
const ctx = { origin: 'https://yizhen.example.org', today: () => TODAY };
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1] : null;
if (out) mkdirSync(out, { recursive: true });

const t = await createTestDb();
try {
	await seedDemoData(t.db, { today: TODAY });
	const posters: [string, () => Promise<PosterImage | null>][] = [
		['center-week', () => centerPoster(t.db, demoId('site:xinqiao'), null, ctx)],
		['expert', () => expertPoster(t.db, demoId('expert:likangning'), ctx)],
		['free-clinic', () => eventPoster(t.db, demoId('event:clinic-this-saturday'), ctx)],
		['lecture', () => eventPoster(t.db, demoId('event:lecture-hypertension'), ctx)],
		['lecture-cancelled', () => eventPoster(t.db, demoId('event:lecture-cancelled'), ctx)]
	];
	const time = async (work: () => Promise<PosterImage | null>) => {
		const started = performance.now();
		const poster = await work();
		return { ms: performance.now() - started, poster: poster! };
	};
	console.log('poster              first ms  redraw ms  cached ms  width×height  PNG KB');
	for (const [name, work] of posters) {
		const first = await time(work);
		// Any write bumps the schedule generation: the next request draws the poster again.
		await t.db.update(sites).set({ phone: `023-${Math.floor(Math.random() * 1e8)}` }).where(eq(sites.id, demoId('site:jingkou')));
		const redraw = await time(work);
		const cachedRuns: number[] = [];
		for (let i = 0; i < 20; i++) cachedRuns.push((await time(work)).ms);
		cachedRuns.sort((a, b) => a - b);
		const png = redraw.poster.png;
		const width = png.readUInt32BE(16);
		const height = png.readUInt32BE(20);
		console.log(
			`${name.padEnd(18)}  ${first.ms.toFixed(0).padStart(8)}  ${redraw.ms.toFixed(0).padStart(9)}  ${cachedRuns[10]!.toFixed(2).padStart(9)}  ${`${width}×${height}`.padStart(12)}  ${(png.length / 1024).toFixed(0).padStart(6)}`
		);
		if (out) writeFileSync(join(out, `${name}.png`), png);
	}
	console.log(`rss after all posters: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
} finally {
	t.cleanup();
}
