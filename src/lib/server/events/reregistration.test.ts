import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { outboxMessages, registrations } from '../db/schema';
import { demoActors } from '../testing/demo-actors';
import { cancelEvent } from './cancellation';
import { registrationByLink } from './manage-link';
import { erasePerson } from './people';
import { cancelRegistration, placesTaken, registerForEvent } from './registration';
import { reregisterByLink } from './reregistration';
import { makeDemoClinic } from '../testing/demo-clinic';
import { demoDbForEachTest } from '../testing/demo-db';

const TODAY = '2026-11-25';
const t = demoDbForEachTest(TODAY);

const clinic = (capacity: number | null) => makeDemoClinic(t.db, capacity);
const person = (n: number, email = '') => ({ name: `居民${n}`, phone: `1370000${String(n).padStart(4, '0')}`, ageBand: '60_69', community: '新桥社区', email, consent: true });
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 25, 2, 0, seconds));
const statusOf = async (id: string) => (await t.db.select({ status: registrations.status }).from(registrations).where(eq(registrations.id, id)).get())!.status;
const mailsTo = (address: string) => t.db.select({ subject: outboxMessages.subject, text: outboxMessages.textBody }).from(outboxMessages).where(eq(outboxMessages.toAddress, address));

describe('coming back after cancelling', () => {
	it('takes a free place back on the same link, with the same details and code, and confirms it by mail', async () => {
		const eventId = await clinic(3);
		const mine = await registerForEvent(t.db, eventId, person(1, 'wang@example.com'), TODAY, null, at(1));
		await cancelRegistration(t.db, mine.manageToken, TODAY, at(2));
		const cancelled = (await registrationByLink(t.db, mine.manageToken, TODAY))!;
		expect(cancelled.rejoin).toEqual({ open: true, status: 'registered', seatsLeft: 3, waitlistPlace: null });

		expect(await reregisterByLink(t.db, mine.manageToken, TODAY, at(3))).toEqual({ status: 'registered', waitlistPosition: null, changed: true });
		const back = (await registrationByLink(t.db, mine.manageToken, TODAY))!;
		expect([back.status, back.name, back.checkInCode, back.rejoin]).toEqual(['registered', '居民1', mine.checkInCode, null]);
		expect(await t.db.select().from(registrations).where(eq(registrations.eventId, eventId))).toHaveLength(1);
		const mails = await mailsTo('wang@example.com');
		expect(mails.map((m) => m.subject)).toEqual(['报名成功：周末义诊', '报名成功：周末义诊']);
		// The second confirmation, from coming back, carries the same link as the first.
		expect(mails.filter((m) => m.text.includes(`/r/${mine.manageToken}`))).toHaveLength(2);
	});

	it('joins the back of the waitlist when the place went to someone waiting, and is promoted only after those ahead', async () => {
		const eventId = await clinic(2);
		const a = await registerForEvent(t.db, eventId, person(1), TODAY, null, at(1));
		const b = await registerForEvent(t.db, eventId, person(2), TODAY, null, at(2));
		const c = await registerForEvent(t.db, eventId, person(3), TODAY, null, at(3));
		const d = await registerForEvent(t.db, eventId, person(4), TODAY, null, at(4));
		expect([c.status, d.status]).toEqual(['waitlisted', 'waitlisted']);

		expect(await cancelRegistration(t.db, a.manageToken, TODAY, at(5))).toEqual({ promotedId: c.id });
		expect((await registrationByLink(t.db, a.manageToken, TODAY))!.rejoin).toEqual({ open: true, status: 'waitlisted', seatsLeft: 0, waitlistPlace: 2 });
		expect(await reregisterByLink(t.db, a.manageToken, TODAY, at(6))).toEqual({ status: 'waitlisted', waitlistPosition: 2, changed: true });
		expect((await registrationByLink(t.db, d.manageToken, TODAY))!.position).toBe(1);
		expect(await placesTaken(t.db, eventId)).toBe(2);

		// The next freed place goes to D, who waited while A was away; then to A.
		expect(await cancelRegistration(t.db, b.manageToken, TODAY, at(7))).toEqual({ promotedId: d.id });
		expect((await registrationByLink(t.db, a.manageToken, TODAY))!.position).toBe(1);
		expect(await cancelRegistration(t.db, c.manageToken, TODAY, at(8))).toEqual({ promotedId: a.id });
		expect(await statusOf(a.id)).toBe('registered');
	});

	it('refuses with a clear 409 when the event is cancelled or over, and says so on the page instead of offering it', async () => {
		const eventId = await clinic(10);
		const mine = await registerForEvent(t.db, eventId, person(1), TODAY, null, at(1));
		await cancelRegistration(t.db, mine.manageToken, TODAY, at(2));

		await expect(reregisterByLink(t.db, mine.manageToken, '2026-11-29', at(3))).rejects.toMatchObject({ status: 409, field: 'form', message: '这个活动已经结束，不能报名' });
		expect((await registrationByLink(t.db, mine.manageToken, '2026-11-29'))!.rejoin).toEqual({ open: false, reason: '这个活动已经结束，不能报名' });

		await cancelEvent(t.db, demoActors.rmOrganizer, eventId, { reason: '场地临时维修' });
		await expect(reregisterByLink(t.db, mine.manageToken, TODAY, at(4))).rejects.toMatchObject({ status: 409, message: '这个活动已取消：场地临时维修，不能报名' });
		expect((await registrationByLink(t.db, mine.manageToken, TODAY))!.rejoin).toMatchObject({ open: false, reason: expect.stringContaining('已取消') });
		expect(await statusOf(mine.id)).toBe('cancelled');
		await expect(reregisterByLink(t.db, 'not-a-token', TODAY)).rejects.toMatchObject({ status: 404 });
	});

	it('does nothing on a second tap, even two at once on two connections, and never overbooks the last place', async () => {
		const eventId = await clinic(2);
		const a = await registerForEvent(t.db, eventId, person(1, 'a@example.com'), TODAY, null, at(1));
		await registerForEvent(t.db, eventId, person(2), TODAY, null, at(2));
		await cancelRegistration(t.db, a.manageToken, TODAY, at(3));

		const { db: other, close } = await openDatabase({ url: t.url });
		// A's two taps and a newcomer, all at once, for the one place left.
		const [first, second, newcomer] = await Promise.all([
			reregisterByLink(t.db, a.manageToken, TODAY, at(4)),
			reregisterByLink(other, a.manageToken, TODAY, at(4)),
			registerForEvent(other, eventId, person(3), TODAY, null, at(4))
		]);
		expect([first.changed, second.changed].sort()).toEqual([false, true]);
		close();
		expect(first.status).toBe(second.status);
		expect([first.status, newcomer.status].sort()).toEqual(['registered', 'waitlisted']);
		expect(await placesTaken(t.db, eventId)).toBe(2);
		// One confirmation for the one change (the first one is from the original registration).
		expect(await mailsTo('a@example.com')).toHaveLength(2);
	});

	it('refuses when the phone already signed up again on the event page, or the person’s details were erased', async () => {
		const eventId = await clinic(10);
		const old = await registerForEvent(t.db, eventId, person(1), TODAY, null, at(1));
		await cancelRegistration(t.db, old.manageToken, TODAY, at(2));
		await registerForEvent(t.db, eventId, person(1), TODAY, null, at(3));
		await expect(reregisterByLink(t.db, old.manageToken, TODAY, at(4))).rejects.toMatchObject({ status: 409, message: expect.stringContaining('已经重新报名') });
		expect((await registrationByLink(t.db, old.manageToken, TODAY))!.rejoin).toMatchObject({ open: false });

		const gone = await registerForEvent(t.db, eventId, person(2), TODAY, null, at(5));
		await erasePerson(t.db, demoActors.rmOrganizer, { eventId, registrationId: gone.id }, { confirmed: true, today: TODAY });
		expect(await statusOf(gone.id)).toBe('cancelled');
		await expect(reregisterByLink(t.db, gone.manageToken, TODAY, at(6))).rejects.toMatchObject({ status: 409, message: expect.stringContaining('已按要求删除') });
		const live = await t.db.select().from(registrations).where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'registered')));
		expect(live).toHaveLength(1);
	});
});
