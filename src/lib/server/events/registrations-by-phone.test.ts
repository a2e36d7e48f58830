import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { m } from '../../i18n';
import { events, registrations } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { listSmsBox } from '../sms/outbox';
import { smsBoxProvider } from '../sms/provider';
import { requestPhoneCode, verifyPhoneCode, type PhoneCodePurpose } from '../sms/verification';
import { deliverDueSms } from '../sms/worker';
import { createEvent } from './events';
import { registrationByLink } from './manage-link';
import { cancelRegistration, registerForEvent } from './registration';
import { findMinePage, openRegistrationByPhone, RECENT_DAYS, registrationsOfPhoneSession } from './registrations-by-phone';
import { demoDbForEachTest } from '../testing/demo-db';

const TODAY = '2026-12-07';
const PHONE = '13912345678';
const t = demoDbForEachTest(TODAY);

const at = (seconds: number) => new Date(Date.parse('2026-12-07T02:00:00Z') + seconds * 1000);
const person = (name: string, phone = PHONE) => ({ name, phone, ageBand: '60_69', consent: true });
const register = (eventId: string, who = person('王秀兰'), today = TODAY) => registerForEvent(t.db, eventId, who, today, null, at(0));
const clinicOn = (date: string, title: string) =>
	createEvent(t.db, { userId: null, name: '周晓梅' }, {
		kind: 'free_clinic',
		siteId: demoId('site:xinqiao'),
		title,
		date,
		startTime: '08:30',
		endTime: '11:30',
		capacity: null
	});

/** The resident's way in: ask for a code, read it from the local SMS box, type it. */
async function provePhone(phone = PHONE, purpose: PhoneCodePurpose = 'find_registrations', now = at(10)): Promise<string> {
	const { challenge } = await requestPhoneCode(t.db, { phone, purpose, address: '10.0.0.1' }, undefined, now);
	await deliverDueSms(t.db, smsBoxProvider(), 'test', now);
	const [text] = await listSmsBox(t.db, { phone });
	return (await verifyPhoneCode(t.db, { challenge, code: text!.params.code!, purpose }, now)).token;
}

describe('the registrations of a proven phone', () => {
	it('lists this phone’s registrations only, soonest first, with the phone masked', async () => {
		await register(demoId('event:lecture-hypertension'));
		await register(demoId('event:clinic-this-saturday'));
		await register(demoId('event:clinic-this-saturday'), person('李建国', '13700001111'));
		const found = (await registrationsOfPhoneSession(t.db, await provePhone(), TODAY, at(20)))!;
		expect(found.maskedPhone).toBe('139****5678');
		expect(found.registrations.map((r) => r.eventId)).toEqual([demoId('event:clinic-this-saturday'), demoId('event:lecture-hypertension')]);
		const title = (await t.db.select({ title: events.title }).from(events).where(eq(events.id, demoId('event:clinic-this-saturday'))).get())!.title;
		expect(found.registrations[0]).toMatchObject({ eventTitle: title, siteName: '磁器口社区卫生服务中心', status: 'registered', past: false, eventCancelled: false });
		expect(found.registrations[0]!.when).toMatch(/^12月12日 周六 上午$/);
	});

	it(`shows cancelled registrations and events of the last ${RECENT_DAYS} days, and nothing older`, async () => {
		const recent = await clinicOn('2026-11-28', '上周的义诊');
		const old = await clinicOn('2026-10-31', '上个月初的义诊');
		await register(recent, person('王秀兰'), '2026-11-20');
		await register(old, person('王秀兰'), '2026-10-20');
		const mine = await register(demoId('event:clinic-next-saturday'));
		await cancelRegistration(t.db, mine.manageToken, TODAY, at(1));
		const found = (await registrationsOfPhoneSession(t.db, await provePhone(), TODAY, at(20)))!;
		expect(found.registrations.map((r) => [r.eventId, r.status, r.past])).toEqual([
			[recent, 'registered', true],
			[demoId('event:clinic-next-saturday'), 'cancelled', false]
		]);
	});

	it('is an empty list for a proven phone with no registrations, and nothing at all without a live session', async () => {
		const token = await provePhone('13700009999');
		expect((await registrationsOfPhoneSession(t.db, token, TODAY, at(20)))!.registrations).toEqual([]);
		expect(await registrationsOfPhoneSession(t.db, null, TODAY, at(20))).toBeNull();
		expect(await registrationsOfPhoneSession(t.db, 'not-a-session', TODAY, at(20))).toBeNull();
		expect(await registrationsOfPhoneSession(t.db, token, TODAY, at(10 + 30 * 60))).toBeNull();
	});

	it('takes no session proven for another purpose', async () => {
		await register(demoId('event:clinic-this-saturday'));
		const followToken = await provePhone(PHONE, 'follow');
		expect(await registrationsOfPhoneSession(t.db, followToken, TODAY, at(20))).toBeNull();
		await expect(openRegistrationByPhone(t.db, followToken, (await t.db.select().from(registrations).where(eq(registrations.phone, PHONE)).get())!.id, at(20))).rejects.toMatchObject({ status: 403 });
	});
});

describe('opening one registration from the list', () => {
	it('gives it a new manage link that opens the manage page, and the old link stops working', async () => {
		const mine = await register(demoId('event:clinic-this-saturday'));
		const session = await provePhone();
		const { manageToken } = await openRegistrationByPhone(t.db, session, mine.id, at(20));
		expect(manageToken).not.toBe(mine.manageToken);
		expect((await registrationByLink(t.db, manageToken, TODAY))!).toMatchObject({ name: '王秀兰', status: 'registered', checkInCode: mine.checkInCode });
		expect(await registrationByLink(t.db, mine.manageToken, TODAY)).toBeNull();
		// The new link does what the old one did.
		await cancelRegistration(t.db, manageToken, TODAY, at(30));
		expect((await registrationByLink(t.db, manageToken, TODAY))!.status).toBe('cancelled');
	});

	it('refuses another phone’s registration with the same 404 as a made-up id, and leaves its link alone', async () => {
		const theirs = await register(demoId('event:clinic-this-saturday'), person('李建国', '13700001111'));
		const session = await provePhone();
		for (const id of [theirs.id, 'no-such-registration']) {
			await expect(openRegistrationByPhone(t.db, session, id, at(20))).rejects.toMatchObject({ status: 404, message: m.findMine.notMine });
		}
		expect(await registrationByLink(t.db, theirs.manageToken, TODAY)).not.toBeNull();
	});

	it('asks for a new code once the 30 minutes are over (403), and changes nothing', async () => {
		const mine = await register(demoId('event:clinic-this-saturday'));
		const session = await provePhone();
		await expect(openRegistrationByPhone(t.db, session, mine.id, at(10 + 30 * 60))).rejects.toMatchObject({ status: 403, message: m.findMine.expiredSession });
		await expect(openRegistrationByPhone(t.db, undefined, mine.id, at(20))).rejects.toMatchObject({ status: 403 });
		expect(await registrationByLink(t.db, mine.manageToken, TODAY)).not.toBeNull();
	});
});

describe('the find page’s step', () => {
	it('asks for the phone, then for the code (saying where it went), then lists', async () => {
		expect(await findMinePage(t.db, { session: null, challenge: null }, TODAY, at(0))).toEqual({ step: 'phone' });
		const { challenge } = await requestPhoneCode(t.db, { phone: PHONE, purpose: 'find_registrations', address: '10.0.0.1' }, undefined, at(0));
		expect(await findMinePage(t.db, { session: null, challenge }, TODAY, at(1))).toEqual({ step: 'code', maskedPhone: '139****5678' });
		// A code asked for following an expert is not this page's to wait for.
		const follow = await requestPhoneCode(t.db, { phone: '13700002222', purpose: 'follow', address: '10.0.0.1' }, undefined, at(0));
		expect(await findMinePage(t.db, { session: null, challenge: follow.challenge }, TODAY, at(1))).toEqual({ step: 'phone' });
		await deliverDueSms(t.db, smsBoxProvider(), 'test', at(2));
		const [text] = await listSmsBox(t.db, { phone: PHONE });
		const session = await verifyPhoneCode(t.db, { challenge, code: text!.params.code!, purpose: 'find_registrations' }, at(3));
		// The spent code is not waited for any more; the session lists.
		expect(await findMinePage(t.db, { session: null, challenge }, TODAY, at(4))).toEqual({ step: 'phone' });
		expect(await findMinePage(t.db, { session: session.token, challenge }, TODAY, at(4))).toMatchObject({ step: 'list', maskedPhone: '139****5678', registrations: [] });
	});
});
