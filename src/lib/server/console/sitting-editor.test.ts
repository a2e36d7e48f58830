import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { applySittingAction } from '../schedule/sitting-actions';
import { demoId, seedDemoData } from '../seed/seed-demo';
import { createTestDb, type TestDb } from '../testing/test-db';
import { sittingForEditing } from './sitting-editor';
import { demoActors } from '../testing/demo-actors';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
	await seedDemoData(t.db, { today: '2026-11-25' });
});
afterEach(() => t.cleanup());

const rmOrganizer: Actor = demoActors.rmOrganizer;
const cjqOrganizer: Actor = demoActors.cjqOrganizer;
/** 李康宁 at 新桥 (a 区人民医院 center) on a Tuesday morning. */
const tuesday = `${demoId('rotation:xinqiao-kangfu')}_2026-12-08`;

describe('a sitting’s console page', () => {
	it('shows the center’s organizer the sitting, its substitutes and its trail', async () => {
		await applySittingAction(t.db, rmOrganizer, tuesday, { action: 'quota', quota: 12 });
		const page = await sittingForEditing(t.db, rmOrganizer, tuesday);
		expect(page.sitting).toMatchObject({ id: tuesday, quota: 12, when: expect.stringContaining('12月8日') });
		expect(page.experts.some((e) => e.id === demoId('expert:likangning'))).toBe(false);
		// Experts of other hospitals too: substitutes come from the whole district.
		expect(page.experts.some((e) => e.id === demoId('expert:machao'))).toBe(true);
		expect(page.trail.map((e) => e.who)).toEqual(['周晓梅']);
		expect(page.visits.closedReason).toContain('还没有到');
	});

	it('refuses an organizer of another hospital, and answers 404 for a sitting that does not exist', async () => {
		await expect(sittingForEditing(t.db, cjqOrganizer, tuesday)).rejects.toMatchObject({ status: 403 });
		await expect(sittingForEditing(t.db, rmOrganizer, 'nonsense')).rejects.toMatchObject({ status: 404 });
		await expect(sittingForEditing(t.db, rmOrganizer, 'nosuchrotation_2026-12-08')).rejects.toMatchObject({ status: 404 });
		// The rotation is real but sits on Tuesdays and Thursdays, not on this Wednesday.
		await expect(sittingForEditing(t.db, rmOrganizer, `${demoId('rotation:xinqiao-kangfu')}_2026-12-09`)).rejects.toMatchObject({ status: 404 });
	});
});
