import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoId } from '../seed/seed-demo';
import { type TestDb } from '../testing/test-db';
import { createEvent } from './events';
import { registerForEvent } from './registration';
import { registrationAttempts } from '../db/schema';
import { REGISTRATION_WINDOW_MS, registrationLimitsFromEnv } from './registration-limit';
import { createDemoDb } from '../testing/demo-db';

const TODAY = '2026-11-25';
let t: TestDb;
let eventIds: string[];
beforeEach(async () => {
	t = await createDemoDb(TODAY);
	eventIds = [];
	for (let i = 0; i < 8; i++) {
		eventIds.push(
			await createEvent(t.db, { userId: null, name: '周晓梅' }, {
				kind: 'free_clinic',
				siteId: demoId('site:xinqiao'),
				title: `周末义诊 ${i}`,
				date: '2026-12-05',
				startTime: '08:30',
				endTime: '11:30',
				capacity: null
			})
		);
	}
});
afterEach(() => t.cleanup());

const person = (phone: string) => ({ name: '王秀兰', phone, ageBand: '60_69', consent: true });
const at = (minutes: number) => new Date(Date.parse('2026-11-25T02:00:00Z') + minutes * 60_000);

describe('registration rate limit', () => {
	it('lets one phone register five times in ten minutes, refuses the sixth with a 429 at the phone field, and lets it in again later', async () => {
		const source = { ip: '10.0.0.1', limits: { perPhone: 5, perIp: 100 } };
		for (let i = 0; i < 5; i++) await registerForEvent(t.db, eventIds[i]!, person('13800001111'), TODAY, source, at(i));
		await expect(registerForEvent(t.db, eventIds[5]!, person('13800001111'), TODAY, source, at(5))).rejects.toMatchObject({
			status: 429,
			field: 'phone',
			message: expect.stringContaining('太频繁')
		});
		// Another number from the same address is not held back by the first one's limit.
		await registerForEvent(t.db, eventIds[5]!, person('13800002222'), TODAY, source, at(5));
		const later = at(0 + REGISTRATION_WINDOW_MS / 60_000 + 1);
		await expect(registerForEvent(t.db, eventIds[6]!, person('13800001111'), TODAY, source, later)).resolves.toMatchObject({ status: 'registered' });
	});

	it('counts refused attempts too: a duplicate registration still costs the phone one', async () => {
		const source = { ip: '10.0.0.2', limits: { perPhone: 2, perIp: 100 } };
		await registerForEvent(t.db, eventIds[0]!, person('13800003333'), TODAY, source, at(0));
		await expect(registerForEvent(t.db, eventIds[0]!, person('13800003333'), TODAY, source, at(1))).rejects.toMatchObject({ status: 409 });
		await expect(registerForEvent(t.db, eventIds[1]!, person('13800003333'), TODAY, source, at(2))).rejects.toMatchObject({ status: 429 });
	});

	it('limits one address across many phones, and other addresses carry on', async () => {
		const limits = { perPhone: 5, perIp: 3 };
		for (let i = 0; i < 3; i++) await registerForEvent(t.db, eventIds[0]!, person(`1390000000${i}`), TODAY, { ip: '10.0.0.3', limits }, at(i));
		await expect(registerForEvent(t.db, eventIds[0]!, person('13900000009'), TODAY, { ip: '10.0.0.3', limits }, at(4))).rejects.toMatchObject({
			status: 429,
			field: 'form'
		});
		await expect(registerForEvent(t.db, eventIds[0]!, person('13900000009'), TODAY, { ip: '10.0.0.4', limits }, at(4))).resolves.toMatchObject({
			status: 'registered'
		});
	});

	it('forgets the attempts of a phone and an address once they leave the window, at the next attempt', async () => {
		const source = { ip: '10.0.0.5', limits: { perPhone: 5, perIp: 100 } };
		await registerForEvent(t.db, eventIds[0]!, person('13800004444'), TODAY, source, at(0));
		await registerForEvent(t.db, eventIds[1]!, person('13800004444'), TODAY, source, at(1));
		await registerForEvent(t.db, eventIds[2]!, person('13800004444'), TODAY, source, at(12));
		const rows = await t.db.select().from(registrationAttempts).orderBy(registrationAttempts.key);
		// Minutes 0 and 1 are more than ten minutes before minute 12: gone, for the address and the phone.
		expect(rows.map((r) => [r.key, (r.at.getTime() - at(0).getTime()) / 60_000])).toEqual([
			['ip:10.0.0.5', 12],
			['phone:13800004444', 12]
		]);
	});

	it('reads the per-address limit from the environment and ignores nonsense', () => {
		expect(registrationLimitsFromEnv({ REGISTRATION_LIMIT_PER_IP: '1000' }).perIp).toBe(1000);
		expect(registrationLimitsFromEnv({ REGISTRATION_LIMIT_PER_IP: 'many' }).perIp).toBe(60);
		expect(registrationLimitsFromEnv({}).perPhone).toBe(5);
	});
});
