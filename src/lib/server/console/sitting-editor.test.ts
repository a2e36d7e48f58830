import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { experts } from '../db/schema';
import type { Actor } from '../auth/policy';
import { centerWeek } from '../schedule/public-schedule';
import { applySittingAction } from '../schedule/sitting-actions';
import { demoId } from '../seed/seed-demo';
import { sittingForEditing } from './sitting-editor';
import { demoActors } from '../testing/demo-actors';
import { demoDbForEachTest } from '../testing/demo-db';

const t = demoDbForEachTest('2026-11-25');

const rmOrganizer: Actor = demoActors.rmOrganizer;
const cjqOrganizer: Actor = demoActors.cjqOrganizer;
/** 李康宁 at 新桥 (a 区人民医院 center) on a Tuesday morning. */
const tuesday = `${demoId('rotation:xinqiao-kangfu')}_2026-12-08`;

describe('a sitting’s console page', () => {
	it('shows the center’s organizer the sitting, its substitutes and its trail', async () => {
		await applySittingAction(t.db, rmOrganizer, tuesday, { action: 'quota', quota: 12 });
		// The morning the demo is seeded for, in Beijing: the sitting is still to come.
		const page = await sittingForEditing(t.db, rmOrganizer, tuesday, null, new Date('2026-11-25T02:00:00Z'));
		expect(page.sitting).toMatchObject({ id: tuesday, quota: 12, when: expect.stringContaining('12月8日') });
		const substitutes = page.substitutes.flatMap((g) => g.experts);
		expect(substitutes.some((e) => e.id === demoId('expert:likangning'))).toBe(false);
		// Experts of other hospitals too: substitutes come from the whole district.
		expect(substitutes.some((e) => e.id === demoId('expert:machao'))).toBe(true);
		expect(page.substitutes[0]).toMatchObject({ departmentName: '康复科', sameDepartment: true });
		expect(page.notice).toBeNull();
		expect(page.trail.map((e) => e.who)).toEqual(['周晓梅']);
		expect(page.visits.closedReason).toContain('还没有到');
	});

	it('asks before a substitute of another department, and takes them once confirmed', async () => {
		const chen = demoId('expert:chenzhiming');
		await expect(applySittingAction(t.db, rmOrganizer, tuesday, { action: 'substitute', substituteExpertId: chen })).rejects.toMatchObject({
			status: 409,
			field: 'confirmOtherDepartment',
			message: expect.stringContaining('由 陈志明（心内科 主任医师）替诊')
		});
		expect((await sittingForEditing(t.db, rmOrganizer, tuesday)).sitting.substituted).toBe(false);
		// Only the explicit confirmation counts, not any value the form might carry.
		await expect(
			applySittingAction(t.db, rmOrganizer, tuesday, { action: 'substitute', substituteExpertId: chen, confirmOtherDepartment: 'yes' as '1' })
		).rejects.toMatchObject({ status: 400 });
		await applySittingAction(t.db, rmOrganizer, tuesday, { action: 'substitute', substituteExpertId: chen, confirmOtherDepartment: '1' });
		expect((await sittingForEditing(t.db, rmOrganizer, tuesday)).sitting.expert).toMatchObject({ name: '陈志明', departmentName: '心内科' });
		// Residents read the substitute's own department, beside the one the sitting was planned for.
		const week = await centerWeek(t.db, demoId('site:xinqiao'), '2026-12-08', () => '2026-11-25');
		const card = week!.days.flatMap((d) => d.sittings).find((c) => c.id === tuesday);
		expect(card).toMatchObject({ expert: { name: '陈志明' }, expertDepartment: '心内科', department: '康复科', rosteredExpert: { name: '李康宁' } });
		// A colleague of the same department needs no confirmation.
		await applySittingAction(t.db, rmOrganizer, tuesday, { action: 'substitute', substituteExpertId: demoId('expert:zhoumin') });
	});

	it('shows, after the change, who was told and the phone of whoever was not', async () => {
		await t.db.update(experts).set({ contactPhone: '023-65210000' }).where(eq(experts.id, demoId('expert:chenzhiming')));
		const result = await applySittingAction(t.db, rmOrganizer, tuesday, {
			action: 'substitute',
			substituteExpertId: demoId('expert:chenzhiming'),
			confirmOtherDepartment: '1'
		});
		const page = await sittingForEditing(t.db, rmOrganizer, tuesday, result.noticeId);
		expect(page.notice!.told.map((p) => [p.name, p.emails])).toEqual([['李康宁', ['expert@yizhen.example']]]);
		expect(page.notice!.unreachable).toEqual([
			{ expertId: demoId('expert:chenzhiming'), name: '陈志明', title: '主任医师', reason: 'no_address', phone: '023-65210000' }
		]);
		// A notice of another sitting, named in the address, is not shown here.
		const other = `${demoId('rotation:xinqiao-kangfu')}_2026-12-10`;
		expect((await sittingForEditing(t.db, rmOrganizer, other, result.noticeId)).notice).toBeNull();
	});

	it('refuses an organizer of another hospital, and answers 404 for a sitting that does not exist', async () => {
		await expect(sittingForEditing(t.db, cjqOrganizer, tuesday)).rejects.toMatchObject({ status: 403 });
		await expect(sittingForEditing(t.db, rmOrganizer, 'nonsense')).rejects.toMatchObject({ status: 404 });
		await expect(sittingForEditing(t.db, rmOrganizer, 'nosuchrotation_2026-12-08')).rejects.toMatchObject({ status: 404 });
		// The rotation is real but sits on Tuesdays and Thursdays, not on this Wednesday.
		await expect(sittingForEditing(t.db, rmOrganizer, `${demoId('rotation:xinqiao-kangfu')}_2026-12-09`)).rejects.toMatchObject({ status: 404 });
	});
});
