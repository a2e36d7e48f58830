import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events, experts, sites } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { eventsListTarget, resolveShortLink, shortPathOf } from './short-links';
import { demoDbForEachTest } from '../testing/demo-db';

const t = demoDbForEachTest('2026-11-25');

const none = new URLSearchParams();

describe('short links', () => {
	it('lead a center, an expert and an event to their pages, and keep leading there after a rename', async () => {
		const center = demoId('site:xinqiao');
		const expert = demoId('expert:likangning');
		const event = demoId('event:clinic-this-saturday');
		expect(shortPathOf('center', center)).toBe(`/c/${center}`);
		expect(await resolveShortLink(t.db, 'center', center, none)).toBe(`/centers/${center}`);
		expect(await resolveShortLink(t.db, 'expert', expert, none)).toBe(`/experts/${expert}`);
		expect(await resolveShortLink(t.db, 'event', event, none)).toBe(`/events/${event}`);

		await t.db.update(sites).set({ name: '新桥街道社区卫生服务中心' }).where(eq(sites.id, center));
		await t.db.update(experts).set({ name: '李康宁（退休返聘）' }).where(eq(experts.id, expert));
		await t.db.update(events).set({ title: '改了名字的义诊' }).where(eq(events.id, event));
		expect(await resolveShortLink(t.db, 'center', center, none)).toBe(`/centers/${center}`);
		expect(await resolveShortLink(t.db, 'expert', expert, none)).toBe(`/experts/${expert}`);
		expect(await resolveShortLink(t.db, 'event', event, none)).toBe(`/events/${event}`);
	});

	it('finds nothing for an unknown id, an id of the wrong kind, a deactivated center or odd characters', async () => {
		const center = demoId('site:xinqiao');
		expect(await resolveShortLink(t.db, 'center', 'nosuchcenter', none)).toBeNull();
		expect(await resolveShortLink(t.db, 'expert', center, none)).toBeNull();
		expect(await resolveShortLink(t.db, 'event', '../admin', none)).toBeNull();
		expect(await resolveShortLink(t.db, 'center', 'x'.repeat(200), none)).toBeNull();
		await t.db.update(sites).set({ active: false }).where(eq(sites.id, center));
		expect(await resolveShortLink(t.db, 'center', center, none)).toBeNull();
	});

	it('carries a printed week to that week and drops every other parameter', async () => {
		const center = demoId('site:xinqiao');
		const search = new URLSearchParams({ week: '2026-11-30', next: 'https://evil.example/' });
		expect(await resolveShortLink(t.db, 'center', center, search)).toBe(`/centers/${center}?week=2026-11-30`);
		expect(await resolveShortLink(t.db, 'center', center, new URLSearchParams({ week: '//evil' }))).toBe(`/centers/${center}`);
		expect(eventsListTarget(new URLSearchParams({ kind: 'lecture', site: center, x: '1' }))).toBe(`/events?kind=lecture&site=${center}`);
		expect(eventsListTarget(none)).toBe('/events');
	});
});
