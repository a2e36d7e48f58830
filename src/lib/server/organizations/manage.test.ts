import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { auditLog, organizations, swapDayRosters } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { listSittings } from '../schedule/sittings';
import { organizationForEditing, setSwapDayChoice, updateOrganization } from './manage';
import { demoActors } from '../testing/demo-actors';
import { demoDbForEachTest } from '../testing/demo-db';

/** 陈家桥医院's organizer. */
const organizer: Actor = demoActors.cjqOrganizer;
/** 区人民医院's organizer: 陈家桥医院 is a sibling, not below them. */
const rmOrganizer: Actor = demoActors.rmOrganizer;
const t = demoDbForEachTest('2026-11-25');

describe('which roster a swapped working day follows', () => {
	it('follows the hospital default, then the date-specific choice, and says which days are swapped', async () => {
		const cjq = demoId('org:cjq');
		// Sunday 20 September 2026 is a swapped working day; 陈家桥医院's default is Friday's roster.
		const at = (date: string) => listSittings(t.db, { from: date, to: date, siteIds: [demoId('site:xiyong')] });
		expect((await at('2026-09-20')).sittings.map((s) => s.expert.name)).toEqual(['胡娜']); // 西永: 胡娜 on Fridays
		await setSwapDayChoice(t.db, organizer, cjq, '2026-09-20', '3');
		expect((await at('2026-09-20')).sittings.map((s) => s.expert.name)).toEqual(['贺建平']); // Wednesdays
		await updateOrganization(t.db, organizer, cjq, { name: '重庆市沙坪坝区陈家桥医院', shortName: '陈家桥医院', swapDayFollowsWeekday: '' });
		await setSwapDayChoice(t.db, organizer, cjq, '2026-09-20', '');
		expect((await at('2026-09-20')).sittings).toEqual([]);

		await expect(setSwapDayChoice(t.db, organizer, cjq, '2026-09-21', '1')).rejects.toThrow('不是调休上班日');
		const { swapDays } = await organizationForEditing(t.db, organizer, cjq, '2026-01-01');
		expect(swapDays.map((d) => d.date)).toContain('2026-10-10');
	});
});

describe('who may keep an organization\'s settings', () => {
	const cjq = demoId('org:cjq');
	const orgRow = () => t.db.select().from(organizations).where(eq(organizations.id, cjq)).get();
	const swapChoices = () => t.db.select().from(swapDayRosters).where(eq(swapDayRosters.organizationId, cjq));
	const auditCount = async () => (await t.db.select().from(auditLog)).length;

	it('refuses another hospital\'s organizer a 403 on both writes and the settings page, and changes nothing', async () => {
		const [before, choices, entries] = [await orgRow(), await swapChoices(), await auditCount()];
		await expect(updateOrganization(t.db, rmOrganizer, cjq, { name: '改名的医院', shortName: '', swapDayFollowsWeekday: '' })).rejects.toMatchObject({ status: 403 });
		await expect(setSwapDayChoice(t.db, rmOrganizer, cjq, '2026-09-20', '3')).rejects.toMatchObject({ status: 403 });
		// Refused before the form is read: an empty one is a 403 too, not a 400 about its fields.
		await expect(updateOrganization(t.db, rmOrganizer, cjq, {})).rejects.toMatchObject({ status: 403 });
		await expect(setSwapDayChoice(t.db, rmOrganizer, cjq, '', '')).rejects.toMatchObject({ status: 403 });
		await expect(organizationForEditing(t.db, rmOrganizer, cjq, '2026-01-01')).rejects.toMatchObject({ status: 403 });
		expect(await orgRow()).toEqual(before);
		expect(await swapChoices()).toEqual(choices);
		expect(await auditCount()).toBe(entries);
	});

	it('lets the own organizer change them and read the page, and answers 404 for an unknown organization', async () => {
		await updateOrganization(t.db, organizer, cjq, { name: '重庆市沙坪坝区陈家桥医院', shortName: '陈家桥', swapDayFollowsWeekday: '5' });
		await setSwapDayChoice(t.db, organizer, cjq, '2026-09-20', '3');
		const page = await organizationForEditing(t.db, organizer, cjq, '2026-01-01');
		expect(page.org.shortName).toBe('陈家桥');
		expect(page.swapDays.find((d) => d.date === '2026-09-20')?.followsWeekday).toBe(3);
		expect(page.trail.map((e) => e.who)).toEqual(['刘建华', '刘建华']);
		await expect(setSwapDayChoice(t.db, organizer, 'no-such-org', '2026-09-20', '3')).rejects.toMatchObject({ status: 404 });
		await expect(setSwapDayChoice(t.db, organizer, cjq, '2026-09-20', '9')).rejects.toMatchObject({ status: 400 });
	});
});
