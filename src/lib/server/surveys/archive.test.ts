import { eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { auditLog, questionnaireVersions, questionnaires, surveyItems, surveys } from '../db/schema';
import { answerItem, newDeviceToken, startResponse, submitResponse } from './answering';
import { archiveQuestionnaire, deleteQuestionnaire, restoreQuestionnaire } from './archive';
import { createQuestionnaireFrom } from './create';
import { publishDraft } from './editor';
import { questionnaireDetail, questionnairesFor } from './questionnaire-views';
import { surveyFormOptions } from './manage';
import { surveyResults } from './results';
import { createSurvey } from './surveys';
import { answersFor, surveyWorldForEachTest, SURVEY_ORGANIZER, insertSurveyOrganizer, organizerOf } from '../testing/surveys';
import { versionItems } from './questionnaires';

const { t, w } = surveyWorldForEachTest();
const audit = SURVEY_ORGANIZER;
const NOW = new Date('2026-11-20T02:00:00Z');
const LATER = new Date('2026-12-01T02:00:00Z');
let hospital: Actor;

beforeEach(async () => {
	await insertSurveyOrganizer(t.db);
	hospital = organizerOf(w.hospital.id);
});

/** A published lecture quiz of the hospital with a survey at the lecture. */
async function quizWithSurvey() {
	const quiz = await createQuestionnaireFrom(t.db, hospital, audit, { title: '糖尿病小测验', kind: 'lecture_quiz', organizationId: w.hospital.id, source: 'template' }, NOW);
	await publishDraft(t.db, hospital, audit, quiz.versionId, NOW);
	const survey = await createSurvey(t.db, hospital, { versionId: quiz.versionId, kind: 'pre', eventId: w.lectureId, title: '讲座前小测验' });
	return { ...quiz, survey };
}

const actions = async () => (await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.objectKind, 'questionnaire'))).map((a) => a.action);

describe('archiving a questionnaire with answers', () => {
	it('refuses to delete it, archives it out of new surveys with its results kept, and restores it', async () => {
		const quiz = await quizWithSurvey();
		const items = await versionItems(t.db, quiz.versionId);
		const device = newDeviceToken();
		const { responseId } = await startResponse(t.db, quiz.survey.code, device, {}, NOW);
		for (const a of answersFor(items, 6)) await answerItem(t.db, quiz.survey.code, device, { responseId, ...a }, NOW);
		await submitResponse(t.db, quiz.survey.code, device, { responseId }, NOW);

		await expect(deleteQuestionnaire(t.db, hospital, audit, quiz.questionnaireId, { confirmTitle: '糖尿病小测验' }, LATER)).rejects.toMatchObject({
			status: 409,
			field: 'form',
			message: '这份问卷已经有 1 份答卷，不能删除。可以归档：不能再用来开始新的调查，已有的答卷和结果都保留。'
		});
		expect(await t.db.select({ id: questionnaires.id }).from(questionnaires).where(eq(questionnaires.id, quiz.questionnaireId))).toHaveLength(1);

		await archiveQuestionnaire(t.db, hospital, audit, quiz.questionnaireId, LATER);
		expect(await questionnaireDetail(t.db, hospital, quiz.questionnaireId)).toMatchObject({ archivedAt: LATER, surveys: 1, sheets: 1 });
		expect((await questionnairesFor(t.db, hospital)).find((q) => q.id === quiz.questionnaireId)).toMatchObject({ archived: true });
		// Hidden from new surveys, in the form and in the writer.
		expect((await surveyFormOptions(t.db, hospital, '2026-11-20')).versions.map((v) => v.id)).not.toContain(quiz.versionId);
		await expect(createSurvey(t.db, hospital, { versionId: quiz.versionId, kind: 'post', eventId: w.lectureId, title: '讲座后小测验' })).rejects.toMatchObject({ status: 400, field: 'versionId' });
		// The results stay.
		const { results } = await surveyResults(t.db, hospital, quiz.survey.id);
		expect(results.overall).toMatchObject({ n: 1, literate: 0 });
		expect(results.items.filter((i) => i.correct === 1).map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6]);

		await archiveQuestionnaire(t.db, hospital, audit, quiz.questionnaireId, LATER); // already archived: nothing happens
		await restoreQuestionnaire(t.db, hospital, audit, quiz.questionnaireId, LATER);
		expect((await surveyFormOptions(t.db, hospital, '2026-11-20')).versions.map((v) => v.id)).toContain(quiz.versionId);
		expect(await actions()).toEqual(['questionnaire.create', 'questionnaire.publish', 'questionnaire.archive', 'questionnaire.restore']);
	});

	it('is refused to an organizer of another hospital', async () => {
		const quiz = await quizWithSurvey();
		const other = organizerOf(w.otherHospital.id);
		await expect(archiveQuestionnaire(t.db, other, audit, quiz.questionnaireId, LATER)).rejects.toMatchObject({ status: 403 });
		await expect(deleteQuestionnaire(t.db, other, audit, quiz.questionnaireId, { confirmTitle: '糖尿病小测验' }, LATER)).rejects.toMatchObject({ status: 403 });
		expect((await t.db.select().from(questionnaires).where(eq(questionnaires.id, quiz.questionnaireId)).get())?.archivedAt).toBeNull();
	});
});

describe('deleting a questionnaire nobody answered', () => {
	it('asks for its title typed, refuses a mistyped one at the field with nothing deleted, then removes it with its versions, items and unanswered surveys, audited', async () => {
		const quiz = await quizWithSurvey();
		const untouched = async () => {
			expect(await t.db.select({ id: questionnaires.id }).from(questionnaires).where(eq(questionnaires.id, quiz.questionnaireId))).toHaveLength(1);
			expect(await versionItems(t.db, quiz.versionId)).not.toHaveLength(0);
			expect(await t.db.select({ id: surveys.id }).from(surveys).where(eq(surveys.id, quiz.survey.id))).toHaveLength(1);
			expect(await actions()).not.toContain('questionnaire.delete');
		};
		await expect(deleteQuestionnaire(t.db, hospital, audit, quiz.questionnaireId, {}, LATER)).rejects.toMatchObject({
			status: 400,
			field: 'confirmTitle',
			message: '请输入问卷名称“糖尿病小测验”，确认删除。删除后无法恢复。'
		});
		await untouched();
		for (const typo of ['糖尿病小测', '糖尿病 小测验', '糖尿病小测验验']) {
			await expect(deleteQuestionnaire(t.db, hospital, audit, quiz.questionnaireId, { confirmTitle: typo }, LATER)).rejects.toMatchObject({
				status: 400,
				field: 'confirmTitle',
				message: '输入的名称与问卷名称“糖尿病小测验”不一致，没有删除。请照原样输入。'
			});
		}
		await untouched();

		// Spaces typed around the title do not count.
		await deleteQuestionnaire(t.db, hospital, audit, quiz.questionnaireId, { confirmTitle: ' 糖尿病小测验 ' }, LATER);
		expect(await t.db.select().from(questionnaires).where(eq(questionnaires.id, quiz.questionnaireId))).toEqual([]);
		expect(await t.db.select().from(questionnaireVersions).where(eq(questionnaireVersions.questionnaireId, quiz.questionnaireId))).toEqual([]);
		expect(await t.db.select().from(surveyItems).where(inArray(surveyItems.versionId, [quiz.versionId]))).toEqual([]);
		expect(await t.db.select().from(surveys).where(eq(surveys.id, quiz.survey.id))).toEqual([]);
		// The district's questionnaire and its items are untouched.
		expect(await versionItems(t.db, w.versionId)).toHaveLength(w.items.length);
		const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'questionnaire.delete'));
		expect(entry).toMatchObject({ objectId: quiz.questionnaireId, at: LATER, summary: '删除问卷：糖尿病小测验（讲座前后小测验，1 个版本，连同还没有答卷的 1 个调查）' });
	});
});
