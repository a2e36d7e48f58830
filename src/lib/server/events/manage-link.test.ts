import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailRecipients } from '../db/schema';
import { unsubscribe } from '../notify/recipients';
import { demoId } from '../seed/seed-demo';
import { createEvent } from './events';
import { registrationByLink } from './manage-link';
import { cancelRegistration, registerForEvent } from './registration';
import { demoDbForEachTest } from '../testing/demo-db';

const TODAY = '2026-11-25';
const t = demoDbForEachTest(TODAY);

const lecture = (capacity: number) =>
	createEvent(t.db, { userId: null, name: '周晓梅' }, {
		kind: 'lecture',
		siteId: demoId('site:xinqiao'),
		title: '防跌倒小讲堂',
		date: '2026-11-28',
		startTime: '14:30',
		endTime: '15:30',
		capacity,
		topic: '居家防跌倒',
		speakerName: '社区康复师'
	});
const person = (n: number, email = '') => ({ name: `居民${n}`, phone: `1360000${String(n).padStart(4, '0')}`, ageBand: '70_79', email, consent: true });
const at = (ms: number) => new Date(Date.UTC(2026, 10, 25, 2) + ms);
const page = async (token: string) => (await registrationByLink(t.db, token, TODAY))!;

describe('the manage link of someone waiting', () => {
	it('shows their place in the queue and no check-in code until they are promoted', async () => {
		const eventId = await lecture(1);
		const first = await registerForEvent(t.db, eventId, person(1), TODAY, null, at(0));
		const waiting = await registerForEvent(t.db, eventId, person(2), TODAY, null, at(1000));
		const behind = await registerForEvent(t.db, eventId, person(3), TODAY, null, at(2000));

		expect(await page(first.manageToken)).toMatchObject({ status: 'registered', checkInCode: first.checkInCode, position: null, promoted: false });
		expect(await page(waiting.manageToken)).toMatchObject({ status: 'waitlisted', checkInCode: null, position: 1 });
		expect(await page(behind.manageToken)).toMatchObject({ status: 'waitlisted', checkInCode: null, position: 2 });

		await cancelRegistration(t.db, first.manageToken, TODAY, at(3000));
		expect(await page(waiting.manageToken)).toMatchObject({ status: 'registered', checkInCode: waiting.checkInCode, position: null, promoted: true });
		expect((await page(behind.manageToken)).position).toBe(1);
	});

	it('gives two people who signed up in the same millisecond two places, in the order they will be promoted', async () => {
		const eventId = await lecture(1);
		const first = await registerForEvent(t.db, eventId, person(1), TODAY, null, at(0));
		const x = await registerForEvent(t.db, eventId, person(2), TODAY, null, at(500));
		const y = await registerForEvent(t.db, eventId, person(3), TODAY, null, at(500));
		const places = [(await page(x.manageToken)).position, (await page(y.manageToken)).position];
		expect([...places].sort()).toEqual([1, 2]);
		const { promotedId } = await cancelRegistration(t.db, first.manageToken, TODAY, at(1000));
		expect(promotedId).toBe(places[0] === 1 ? x.id : y.id);
	});

	it('says how they will hear of a place: mail to their address, or this page when they gave none or stopped mail', async () => {
		const eventId = await lecture(1);
		await registerForEvent(t.db, eventId, person(1), TODAY, null, at(0));
		const withMail = await registerForEvent(t.db, eventId, person(2, 'Zhang.San@Example.com'), TODAY, null, at(1000));
		const without = await registerForEvent(t.db, eventId, person(3), TODAY, null, at(2000));
		const stopped = await registerForEvent(t.db, eventId, person(4, 'li@example.com'), TODAY, null, at(3000));
		const { unsubscribeToken } = (await t.db.select().from(mailRecipients).where(eq(mailRecipients.email, 'li@example.com')).get())!;
		await unsubscribe(t.db, unsubscribeToken);

		expect((await page(withMail.manageToken)).promotionNotice).toEqual({ by: 'mail', to: 'z***@example.com' });
		expect((await page(without.manageToken)).promotionNotice).toEqual({ by: 'page', why: 'no_email' });
		expect((await page(stopped.manageToken)).promotionNotice).toEqual({ by: 'page', why: 'mail_stopped' });
	});
});
