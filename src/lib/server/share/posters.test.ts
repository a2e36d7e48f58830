import { eq } from 'drizzle-orm';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/audit';
import { sites, surveys } from '../db/schema';
import { createEvent } from '../events/events';
import { DEMO_OPEN_SURVEY_CODE } from '../seed/demo-surveys';
import { setSurveyOpenIn } from '../surveys/surveys';
import { demoId } from '../seed/seed-demo';
import { makeScheduleWorld } from '../testing/factories';
import { createTestDb, type TestDb } from '../testing/test-db';
import { clearPosterCache } from './poster-cache';
import { POSTER_WIDTH } from './poster-layout';
import { POSTER_MAX_HEIGHT } from './render-png';
import { centerPoster, eventPoster, eventsListPoster, expertPoster, homePoster, surveyPoster } from './posters';
import { eventsListTarget, resolveShortLink } from './short-links';
import { createDemoDb } from '../testing/demo-db';

const TODAY = '2026-11-25';
const ORIGIN = 'https://yizhen.example.org';
const ctx = { origin: ORIGIN, today: () => TODAY };
const XINQIAO = demoId('site:xinqiao');

let t: TestDb;
beforeEach(async () => {
	clearPosterCache();
	t = await createDemoDb(TODAY);
});
afterEach(() => t.cleanup());

/** Decodes the PNG as any image reader would, and reads its QR code the way a phone camera does. */
function readPoster(png: Buffer): { width: number; height: number; qr: string | null } {
	expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const image = PNG.sync.read(png);
	const qr = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
	return { width: image.width, height: image.height, qr: qr?.data ?? null };
}

describe('center week poster', () => {
	it('is a 750 px PNG whose QR code is the center’s short link', async () => {
		const poster = await centerPoster(t.db, XINQIAO, null, ctx);
		expect(poster).not.toBeNull();
		const read = readPoster(poster!.png);
		expect(read.width).toBe(POSTER_WIDTH);
		expect(read.height).toBeGreaterThan(800);
		expect(read.height).toBeLessThanOrEqual(POSTER_MAX_HEIGHT);
		expect(read.qr).toBe(`${ORIGIN}/c/${XINQIAO}`);
	});

	it('comes from the cache until the schedule changes, then is drawn again', async () => {
		const first = await centerPoster(t.db, XINQIAO, null, ctx);
		const again = await centerPoster(t.db, XINQIAO, null, ctx);
		expect(first!.cached).toBe(false);
		expect(again!.cached).toBe(true);
		expect(again!.etag).toBe(first!.etag);
		expect(again!.png.equals(first!.png)).toBe(true);

		await t.db.update(sites).set({ phone: '023-65219999' }).where(eq(sites.id, XINQIAO));
		const changed = await centerPoster(t.db, XINQIAO, null, ctx);
		expect(changed!.cached).toBe(false);
		expect(changed!.etag).not.toBe(first!.etag);

		const tomorrow = await centerPoster(t.db, XINQIAO, null, { ...ctx, today: () => '2026-11-26' });
		expect(tomorrow!.cached).toBe(false);
	});

	it('draws one poster for many simultaneous requests', async () => {
		const all = await Promise.all(Array.from({ length: 5 }, () => centerPoster(t.db, XINQIAO, null, ctx)));
		expect(new Set(all.map((p) => p!.png)).size).toBe(1);
	});

	it('opens next week’s page from next week’s poster, and refuses weeks far away', async () => {
		const next = await centerPoster(t.db, XINQIAO, '2026-12-03', ctx);
		const qr = readPoster(next!.png).qr!;
		expect(qr).toBe(`${ORIGIN}/c/${XINQIAO}?week=2026-11-30`);
		// The short link leads to the page the poster shows, week and all.
		expect(await resolveShortLink(t.db, 'center', XINQIAO, new URL(qr).searchParams)).toBe(`/centers/${XINQIAO}?week=2026-11-30`);
		await expect(centerPoster(t.db, XINQIAO, '2027-06-01', ctx)).rejects.toMatchObject({ status: 400, field: 'week' });
		await expect(centerPoster(t.db, XINQIAO, '2026-01-01', ctx)).rejects.toMatchObject({ status: 400 });
	});

	it('stays a phone-sized image however busy the week is', async () => {
		// Its own database: the demo data already has the departments makeScheduleWorld creates.
		const busy = await createTestDb();
		try {
			const world = await makeScheduleWorld(busy.db);
			for (let hour = 7; hour < 19; hour++) {
				const hh = String(hour).padStart(2, '0');
				await world.rotation({ rrule: 'FREQ=DAILY', startTime: `${hh}:00`, endTime: `${hh}:50`, expertId: hour % 2 ? world.expert.id : world.colleague.id });
			}
			const read = readPoster((await centerPoster(busy.db, world.site.id, null, ctx))!.png);
			expect(read.width).toBe(POSTER_WIDTH);
			expect(read.height).toBeLessThanOrEqual(POSTER_MAX_HEIGHT);
			expect(read.qr).toBe(`${ORIGIN}/c/${world.site.id}`);
		} finally {
			busy.cleanup();
		}
	});

	it('is not made for an unknown, malformed or closed center', async () => {
		expect(await centerPoster(t.db, 'nosuchcenter', null, ctx)).toBeNull();
		expect(await centerPoster(t.db, '../../etc/passwd', null, ctx)).toBeNull();
		expect(await centerPoster(t.db, 'x'.repeat(10_000), null, ctx)).toBeNull();
		await t.db.update(sites).set({ active: false }).where(eq(sites.id, XINQIAO));
		expect(await centerPoster(t.db, XINQIAO, null, ctx)).toBeNull();
	});
});

describe('expert poster', () => {
	it('is a 750 px PNG whose QR code is the expert’s short link', async () => {
		const id = demoId('expert:likangning');
		const read = readPoster((await expertPoster(t.db, id, ctx))!.png);
		expect(read.width).toBe(POSTER_WIDTH);
		expect(read.qr).toBe(`${ORIGIN}/x/${id}`);
		expect(await expertPoster(t.db, 'nosuchexpert', ctx)).toBeNull();
	});
});

describe('event posters', () => {
	it('draw a free clinic, a lecture and a cancelled lecture, each with its own short link', async () => {
		for (const key of ['clinic-this-saturday', 'lecture-hypertension', 'lecture-cancelled']) {
			const id = demoId(`event:${key}`);
			const read = readPoster((await eventPoster(t.db, id, ctx))!.png);
			expect(read.width).toBe(POSTER_WIDTH);
			expect(read.qr).toBe(`${ORIGIN}/e/${id}`);
		}
		expect(await eventPoster(t.db, 'nosuchevent', ctx)).toBeNull();
	});
});

describe('events list poster', () => {
	it('is a 750 px PNG of one center’s lectures whose QR code is the list’s short link with the same filters', async () => {
		const poster = await eventsListPoster(t.db, { kind: 'lecture', siteId: XINQIAO }, ctx);
		const read = readPoster(poster!.png);
		expect(read.width).toBe(POSTER_WIDTH);
		expect(read.height).toBeLessThanOrEqual(POSTER_MAX_HEIGHT);
		expect(read.qr).toBe(`${ORIGIN}/e?kind=lecture&site=${XINQIAO}`);
		// The short link opens the page filtered as the poster was.
		expect(eventsListTarget(new URL(read.qr!).searchParams)).toBe(`/events?kind=lecture&site=${XINQIAO}`);

		const all = readPoster((await eventsListPoster(t.db, { kind: null, siteId: null }, ctx))!.png);
		expect(all.qr).toBe(`${ORIGIN}/e`);
	});

	it('stays phone-sized with many events, and is drawn again when an event is added', async () => {
		const before = await eventsListPoster(t.db, { kind: 'lecture', siteId: XINQIAO }, ctx);
		for (let day = 1; day <= 20; day++) {
			const date = `2026-12-${String(day).padStart(2, '0')}`;
			await createEvent(t.db, SYSTEM_ACTOR, { kind: 'lecture', siteId: XINQIAO, title: `糖尿病饮食讲座第${day}讲：主食怎么吃，水果能不能吃`, topic: '饮食', speakerName: '王医生', date, startTime: '14:30', endTime: '16:00', capacity: 40 });
		}
		const after = await eventsListPoster(t.db, { kind: 'lecture', siteId: XINQIAO }, ctx);
		expect(after!.cached).toBe(false);
		expect(after!.etag).not.toBe(before!.etag);
		const read = readPoster(after!.png);
		expect(read.width).toBe(POSTER_WIDTH);
		expect(read.height).toBeLessThanOrEqual(POSTER_MAX_HEIGHT);
		expect((await eventsListPoster(t.db, { kind: 'lecture', siteId: XINQIAO }, ctx))!.cached).toBe(true);
	});

	it('is not made for an unknown, malformed or closed center', async () => {
		expect(await eventsListPoster(t.db, { kind: null, siteId: 'nosuchcenter' }, ctx)).toBeNull();
		expect(await eventsListPoster(t.db, { kind: null, siteId: '../x' }, ctx)).toBeNull();
		await t.db.update(sites).set({ active: false }).where(eq(sites.id, XINQIAO));
		expect(await eventsListPoster(t.db, { kind: 'lecture', siteId: XINQIAO }, ctx)).toBeNull();
	});
});

describe('survey poster', () => {
	it('is a 750 px PNG whose QR code opens the survey', async () => {
		const poster = await surveyPoster(t.db, DEMO_OPEN_SURVEY_CODE, ctx);
		const read = readPoster(poster!.png);
		expect(read.width).toBe(POSTER_WIDTH);
		expect(read.height).toBeLessThanOrEqual(POSTER_MAX_HEIGHT);
		expect(read.qr).toBe(`${ORIGIN}/s/${DEMO_OPEN_SURVEY_CODE}`);
		expect((await surveyPoster(t.db, DEMO_OPEN_SURVEY_CODE, ctx))!.cached).toBe(true);
	});

	it('is drawn again when the survey is renamed, and is not made once it is closed or for an unknown code', async () => {
		const first = await surveyPoster(t.db, DEMO_OPEN_SURVEY_CODE, ctx);
		// Surveys do not move the schedule generation: the poster notices the change itself.
		await t.db.update(surveys).set({ title: '居民健康素养调查（冬季）' }).where(eq(surveys.code, DEMO_OPEN_SURVEY_CODE));
		const renamed = await surveyPoster(t.db, DEMO_OPEN_SURVEY_CODE, ctx);
		expect(renamed!.cached).toBe(false);
		expect(renamed!.etag).not.toBe(first!.etag);

		const survey = (await t.db.select({ id: surveys.id }).from(surveys).where(eq(surveys.code, DEMO_OPEN_SURVEY_CODE)).get())!;
		await setSurveyOpenIn(t.db, SYSTEM_ACTOR, survey.id, false);
		expect(await surveyPoster(t.db, DEMO_OPEN_SURVEY_CODE, ctx)).toBeNull();
		expect(await surveyPoster(t.db, 'zzzzzz', ctx)).toBeNull();
		expect(await surveyPoster(t.db, '../../etc', ctx)).toBeNull();
	});

	it('names the lecture of a lecture’s survey', async () => {
		const id = demoId('survey:lecture-salt:post');
		await setSurveyOpenIn(t.db, SYSTEM_ACTOR, id, true);
		const { code } = (await t.db.select({ code: surveys.code }).from(surveys).where(eq(surveys.id, id)).get())!;
		expect(readPoster((await surveyPoster(t.db, code, ctx))!.png).qr).toBe(`${ORIGIN}/s/${code}`);
	});
});

describe('home card', () => {
	it('is a 750 px PNG whose QR code opens the home page', async () => {
		const read = readPoster((await homePoster(t.db, ctx)).png);
		expect(read.width).toBe(POSTER_WIDTH);
		expect(read.height).toBeLessThanOrEqual(POSTER_MAX_HEIGHT);
		expect(read.qr).toBe(`${ORIGIN}/`);
	});
});
