/**
 * Access before anything: 陈家桥's organizer on 区人民医院's event gets a 403 with nothing changed, even
 * with a form that would not validate (so a refusal never says whether the rest would have passed);
 * 区人民医院's own organizer gets the form's error, or the work done.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { auditLog, events, registrations } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { type TestDb } from '../testing/test-db';
import { cancelEvent } from './cancellation';
import { copyEvent, createOrganizerEvent, updateEvent } from './manage';
import { eventForEditing } from './organizer-events';
import { erasePerson, exportEventRegistrants, exportPersonData, listRegistrants, personOverview } from './people';
import { demoActors } from '../testing/demo-actors';
import { createDemoDb } from '../testing/demo-db';

const TODAY = '2026-11-25';
const rmOrganizer: Actor = demoActors.rmOrganizer;
const cjqOrganizer: Actor = demoActors.cjqOrganizer;
const CLINIC = demoId('event:clinic-this-saturday');
const FORBIDDEN = { status: 403 };

let t: TestDb;
let registrationId: string;
beforeEach(async () => {
	t = await createDemoDb(TODAY);
	registrationId = (await t.db.select({ id: registrations.id }).from(registrations).where(eq(registrations.eventId, CLINIC)).get())!.id;
});
afterEach(() => t.cleanup());

/** Everything a refused call could have touched. */
const snapshot = async () => ({
	events: await t.db.select().from(events),
	registrations: await t.db.select().from(registrations),
	audit: await t.db.select().from(auditLog)
});

describe('an event of another hospital', () => {
	it('is refused to its edit page and every change, before the form is read', async () => {
		const before = await snapshot();
		let formRead = false;
		const brokenForm = () => {
			formRead = true;
			return { kind: 'free_clinic' as const, siteId: '', title: '', date: 'x', startTime: '', endTime: '' };
		};
		await expect(eventForEditing(t.db, cjqOrganizer, CLINIC)).rejects.toMatchObject(FORBIDDEN);
		await expect(updateEvent(t.db, cjqOrganizer, CLINIC, brokenForm, { expectedVersion: -1, today: TODAY })).rejects.toMatchObject(FORBIDDEN);
		expect(formRead).toBe(false);
		await expect(cancelEvent(t.db, cjqOrganizer, CLINIC, { reason: '' })).rejects.toMatchObject(FORBIDDEN);
		await expect(copyEvent(t.db, cjqOrganizer, CLINIC, { date: 'x' }, { today: TODAY })).rejects.toMatchObject(FORBIDDEN);
		// A new event at another hospital's center: the site is checked before the rest of the form.
		await expect(
			createOrganizerEvent(t.db, cjqOrganizer, { kind: 'free_clinic', siteId: demoId('site:xinqiao'), title: '', date: 'x', startTime: '', endTime: '' }, { today: TODAY })
		).rejects.toMatchObject(FORBIDDEN);
		// Copying one's own event to another hospital's center is refused the same way.
		await expect(copyEvent(t.db, rmOrganizer, CLINIC, { date: 'x', siteId: demoId('site:jingkou') }, { today: TODAY })).rejects.toMatchObject(FORBIDDEN);
		expect(await snapshot()).toEqual(before);
	});

	it("lets the event's own organizer open it, and answers their broken forms with the form's error", async () => {
		const page = await eventForEditing(t.db, rmOrganizer, CLINIC);
		expect(page.found.event.id).toBe(CLINIC);
		expect(Array.isArray(page.trail)).toBe(true);
		await expect(cancelEvent(t.db, rmOrganizer, CLINIC, { reason: '' })).rejects.toMatchObject({ status: 400, field: 'reason' });
		await expect(copyEvent(t.db, rmOrganizer, CLINIC, { date: 'x' }, { today: TODAY })).rejects.toMatchObject({ status: 400, field: 'date' });
		await expect(
			updateEvent(t.db, rmOrganizer, CLINIC, () => ({ kind: 'free_clinic', siteId: demoId('site:xinqiao'), title: '', date: 'x', startTime: '', endTime: '' }), {
				expectedVersion: page.found.event.version,
				today: TODAY
			})
		).rejects.toMatchObject({ status: 400 });
		await cancelEvent(t.db, rmOrganizer, CLINIC, { reason: '场地临时维修' });
		expect((await t.db.select().from(events).where(eq(events.id, CLINIC)).get())!.status).toBe('cancelled');
	});
});

describe("another hospital's registrants", () => {
	it('are refused in the list, both downloads, the person page and erasure, with nothing written', async () => {
		const before = await snapshot();
		const ref = { eventId: CLINIC, registrationId };
		await expect(listRegistrants(t.db, cjqOrganizer, CLINIC)).rejects.toMatchObject(FORBIDDEN);
		await expect(exportEventRegistrants(t.db, cjqOrganizer, CLINIC)).rejects.toMatchObject(FORBIDDEN);
		await expect(personOverview(t.db, cjqOrganizer, ref)).rejects.toMatchObject(FORBIDDEN);
		await expect(exportPersonData(t.db, cjqOrganizer, ref)).rejects.toMatchObject(FORBIDDEN);
		// Not confirmed: the owner would be asked to confirm; a stranger is refused first.
		await expect(erasePerson(t.db, cjqOrganizer, ref, { confirmed: false, today: TODAY })).rejects.toMatchObject(FORBIDDEN);
		await expect(erasePerson(t.db, cjqOrganizer, ref, { confirmed: true, today: TODAY })).rejects.toMatchObject(FORBIDDEN);
		expect(await snapshot()).toEqual(before);
	});

	it('are open to their own organizer, who confirms before erasing, and only through the registration\'s own event', async () => {
		const ref = { eventId: CLINIC, registrationId };
		expect((await listRegistrants(t.db, rmOrganizer, CLINIC)).map((r) => r.id)).toContain(registrationId);
		expect((await exportEventRegistrants(t.db, rmOrganizer, CLINIC)).filename).toContain('.csv');
		expect((await personOverview(t.db, rmOrganizer, ref)).registrations.length).toBeGreaterThan(0);
		expect(JSON.parse((await exportPersonData(t.db, rmOrganizer, ref)).body).person).not.toBeNull();
		// Another event the organizer may see (新桥's past lecture): the registration is still not found through it.
		const otherEvent = demoId('event:lecture-salt-past');
		await expect(personOverview(t.db, rmOrganizer, { eventId: otherEvent, registrationId })).rejects.toMatchObject({ status: 404 });
		await expect(erasePerson(t.db, rmOrganizer, ref, { confirmed: false, today: TODAY })).rejects.toMatchObject({ status: 400, field: 'confirm' });
		expect((await t.db.select().from(registrations).where(eq(registrations.id, registrationId)).get())!.erasedAt).toBeNull();
		expect((await erasePerson(t.db, rmOrganizer, ref, { confirmed: true, today: TODAY })).erased).toBeGreaterThan(0);
	});
});
