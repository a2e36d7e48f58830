import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { surveyAnswers, surveyResponses, users } from '../db/schema';
import { erasePerson, exportPersonData } from '../events/people';
import { registerForEvent } from '../events/registration';
import { emptyDbForEachTest } from '../testing/each-test';
import { answerItem, newDeviceToken, startResponse, submitResponse } from './answering';
import { createSurveyIn } from './surveys';
import { answersFor, makeSurveyWorld } from '../testing/surveys';

const t = emptyDbForEachTest();

describe("a linked sheet and the person's rights", () => {
	it('puts a linked sheet in the person\'s export, and erasing the person leaves the answers anonymous and counted', async () => {
		const w = await makeSurveyWorld(t.db);
		const post = await createSurveyIn(t.db, SYSTEM_ACTOR, { versionId: w.versionId, kind: 'post', eventId: w.lectureId, title: '讲座后小测验' });
		const reg = await registerForEvent(t.db, w.lectureId, { name: '王秀兰', phone: '13812345678', ageBand: '60_69', consent: true }, '2026-11-01', null);
		const device = newDeviceToken();
		const { responseId } = await startResponse(t.db, post.code, device, { checkInCode: reg.checkInCode });
		for (const a of answersFor(w.items, 20)) await answerItem(t.db, post.code, device, { responseId, ...a });
		await submitResponse(t.db, post.code, device, { responseId });
		// Someone else answered without linking: never part of 王秀兰's data.
		const other = newDeviceToken();
		const anonymous = await startResponse(t.db, post.code, other, {});

		const ref = { eventId: w.lectureId, registrationId: reg.id };
		// The lecture's organizer, a real user: the export and the erasure are audited under them.
		await t.db.insert(users).values({ id: 'organizer-1', email: 'organizer-1@yizhen.example', name: '周晓梅' });
		const organizer: Actor = { userId: 'organizer-1', name: '周晓梅', isAdmin: false, organizerOf: [w.hospital.id], volunteerOf: [], expertIds: [] };
		const exported = JSON.parse((await exportPersonData(t.db, organizer, ref)).body);
		expect(exported.surveys).toHaveLength(1);
		expect(exported.surveys[0]).toMatchObject({ survey: '讲座后小测验', status: '已提交' });
		expect(exported.surveys[0].answers[0]).toEqual({ question: `第1题 ${w.items[0]!.prompt}`, answer: '正确' });

		await erasePerson(t.db, organizer, ref, { confirmed: true, today: '2026-11-25' });
		const sheet = await t.db.select().from(surveyResponses).where(eq(surveyResponses.id, responseId)).get();
		expect(sheet).toMatchObject({ status: 'submitted', registrationId: null });
		expect(await t.db.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, responseId))).toHaveLength(24);
		expect((await t.db.select().from(surveyResponses).where(eq(surveyResponses.id, anonymous.responseId)).get())?.registrationId).toBeNull();
	});
});
