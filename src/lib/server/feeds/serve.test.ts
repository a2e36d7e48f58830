import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { users } from '../db/schema';
import { createEvent } from '../events/events';
import { makeScheduleWorld } from '../testing/factories';
import { createTestDb, type TestDb } from '../testing/test-db';
import { parseWithIcalJs } from './parse-twice';
import { clearFeedCache } from './publish';
import { eventsCalendar, parseEventFilter, privateCalendar, siteCalendar } from './serve';
import { rotateExpertFeedToken } from './tokens';

const req = { origin: 'http://127.0.0.1', today: '2026-11-25' };
let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
	clearFeedCache();
});
afterEach(() => t.cleanup());

describe('event feed filters', () => {
	it('reads type, site and department, each optional', () => {
		expect(parseEventFilter(new URLSearchParams(''))).toEqual({ kind: null, siteId: null, departmentId: null });
		expect(parseEventFilter(new URLSearchParams('type=lecture&site=abc123&department='))).toEqual({ kind: 'lecture', siteId: 'abc123', departmentId: null });
	});

	it('refuses what does not parse with a 400 and a message that says what is allowed', () => {
		expect(() => parseEventFilter(new URLSearchParams('type=party'))).toThrow(expect.objectContaining({ status: 400, message: expect.stringContaining('lecture') }));
		expect(() => parseEventFilter(new URLSearchParams('site=../../etc'))).toThrow(expect.objectContaining({ status: 400, field: 'site' }));
		expect(() => parseEventFilter(new URLSearchParams('when=tomorrow'))).toThrow(expect.objectContaining({ status: 400, message: expect.stringContaining('when') }));
	});
});

describe('serving feeds', () => {
	it('filters events by type and site; an unknown site or id is null (404), never an error', async () => {
		const world = await makeScheduleWorld(t.db);
		const actor = { userId: null, name: '周晓梅' };
		const base = { siteId: world.site.id, date: '2026-12-05', startTime: '08:30', endTime: '11:30' };
		const clinic = await createEvent(t.db, actor, { ...base, kind: 'free_clinic', title: '周末义诊' });
		await createEvent(t.db, actor, { ...base, kind: 'lecture', title: '高血压讲座', topic: '高血压', speakerName: '李医生', startTime: '14:30', endTime: '15:30' });
		await createEvent(t.db, actor, { ...base, siteId: world.otherSite.id, kind: 'free_clinic', title: '别处义诊' });
		const feed = await eventsCalendar(t.db, new URLSearchParams(`type=free_clinic&site=${world.site.id}`), req);
		const parsed = parseWithIcalJs(feed!.body);
		expect(parsed.items.map((i) => i.uid)).toEqual([`${clinic}@event.yizhen`]);
		expect(parsed.calendar.getFirstPropertyValue('x-wr-calname')).toBe('义诊和健康讲座（义诊 · 新桥社区卫生服务中心）');
		expect(await eventsCalendar(t.db, new URLSearchParams('site=unknown1'), req)).toBeNull();
		expect(await siteCalendar(t.db, 'unknown1', req)).toBeNull();
		expect(await siteCalendar(t.db, '<script>', req)).toBeNull();
		expect(await privateCalendar(t.db, 'abc', req)).toBeNull();
	});

	it('serves an expert feed by its token until the token is rotated', async () => {
		const world = await makeScheduleWorld(t.db);
		await world.rotation({ rrule: 'FREQ=WEEKLY;BYDAY=TU' });
		await t.db.insert(users).values({ id: 'user-likang', email: 'likang@yizhen.example', name: '李康' });
		const likang: Actor = { userId: 'user-likang', name: '李康', isAdmin: false, organizerOf: [], volunteerOf: [], expertIds: [world.expert.id] };
		const { token } = await rotateExpertFeedToken(t.db, likang, world.expert.id);
		const feed = await privateCalendar(t.db, token, req);
		expect(parseWithIcalJs(feed!.body).items.length).toBeGreaterThan(20);
		await rotateExpertFeedToken(t.db, likang, world.expert.id);
		expect(await privateCalendar(t.db, token, req)).toBeNull();
	});
});
