/** 陈家桥's organizer on 区人民医院's survey: no results, no closing or reopening; its own organizer may. */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { auditLog, surveys } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { surveyResults } from './results';
import { createSurvey, setSurveyOpen } from './surveys';
import { demoActors } from '../testing/demo-actors';
import { demoDbForEachTest } from '../testing/demo-db';

const rmOrganizer: Actor = demoActors.rmOrganizer;
const cjqOrganizer: Actor = demoActors.cjqOrganizer;
/** The survey after 新桥's lecture (区人民医院), closed by the seed. */
const POST = demoId('survey:lecture-salt:post');

const t = demoDbForEachTest('2026-11-25');

const snapshot = async () => ({ surveys: await t.db.select().from(surveys), audit: await t.db.select().from(auditLog) });

describe("another hospital's survey", () => {
	it('is refused its results, reopening and a new survey at its lecture, with nothing written', async () => {
		const before = await snapshot();
		await expect(surveyResults(t.db, cjqOrganizer, POST)).rejects.toMatchObject({ status: 403 });
		await expect(setSurveyOpen(t.db, cjqOrganizer, POST, true)).rejects.toMatchObject({ status: 403 });
		await expect(setSurveyOpen(t.db, cjqOrganizer, POST, false)).rejects.toMatchObject({ status: 403 });
		// A form that would not validate (no questionnaire, no kind, no title) at their lecture: a 403 first.
		await expect(createSurvey(t.db, cjqOrganizer, { versionId: '', kind: '' as 'pre', eventId: demoId('event:lecture-salt-past'), title: '' })).rejects.toMatchObject({
			status: 403
		});
		expect(await snapshot()).toEqual(before);
	});

	it('is open to its own organizer, with the lecture before and after side by side', async () => {
		const results = await surveyResults(t.db, rmOrganizer, POST);
		expect(results.comparison?.before.surveyId).toBe(demoId('survey:lecture-salt:pre'));
		await setSurveyOpen(t.db, rmOrganizer, POST, true);
		expect((await t.db.select().from(surveys).where(eq(surveys.id, POST)).get())!.status).toBe('open');
		await expect(createSurvey(t.db, rmOrganizer, { versionId: '', kind: '' as 'pre', eventId: demoId('event:lecture-salt-past'), title: '' })).rejects.toMatchObject({
			status: 400
		});
	});
});
