import { eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { auditLog, questionnaireVersions, questionnaires, surveyItems } from '../db/schema';
import { createLectureQuiz, createQuestionnaireFrom, lectureQuizOf, questionnaireCreateOptions } from './create';
import { addItem, publishDraft, updateDraftHeading, updateItem } from './editor';
import { itemFromForm } from './item-form';
import { versionView } from './questionnaire-views';
import { surveyFormOptions } from './manage';
import { createQuestionnaire, publishVersion, versionItems } from './questionnaires';
import { createSurvey } from './surveys';
import { surveyWorldForEachTest, SURVEY_ORGANIZER, insertSurveyOrganizer, organizerOf } from '../testing/surveys';

const { t, w } = surveyWorldForEachTest();
const { userId } = SURVEY_ORGANIZER;
const audit = SURVEY_ORGANIZER;
const NOW = new Date('2026-11-20T02:00:00Z');
let hospital: Actor;

beforeEach(async () => {
	await insertSurveyOrganizer(t.db);
	hospital = organizerOf(w.hospital.id);
});

const itemRows = (versionId: string) => t.db.select().from(surveyItems).where(eq(surveyItems.versionId, versionId)).orderBy(surveyItems.position);
const content = (rows: Awaited<ReturnType<typeof itemRows>>) => rows.map(({ id: _, versionId: __, createdAt: ___, ...rest }) => rest);

/** Everything that says what exists: a refusal must leave all of it as it was. */
async function snapshot() {
	return {
		questionnaires: await t.db.select().from(questionnaires),
		versions: await t.db.select().from(questionnaireVersions),
		items: (await t.db.select({ id: surveyItems.id }).from(surveyItems)).length,
		audit: (await t.db.select({ id: auditLog.id }).from(auditLog)).length
	};
}

describe('copying a questionnaire', () => {
	it('copies the district’s literacy questionnaire for a hospital into rows of its own: same wording, no item shared, edits stay apart', async () => {
		const sourceBefore = await itemRows(w.versionId);
		const copy = await createQuestionnaireFrom(t.db, hospital, audit, { title: '医院健康素养问卷', kind: 'literacy', organizationId: w.hospital.id, source: `copy:${w.questionnaireId}` }, NOW);

		const copied = await itemRows(copy.versionId);
		expect(copied.length).toBe(sourceBefore.length);
		expect(content(copied)).toEqual(content(sourceBefore));
		const sourceIds = new Set(sourceBefore.map((i) => i.id));
		expect(copied.filter((i) => sourceIds.has(i.id))).toEqual([]);
		expect(copy.questionnaireId).not.toBe(w.questionnaireId);
		expect(copy.versionId).not.toBe(w.versionId);

		// Editing the copy's first item leaves the source's exactly as it was.
		await updateItem(t.db, hospital, audit, copy.versionId, copied[0]!.id, itemFromForm({ kind: 'true_false', prompt: '改过的第一题。', tfAnswer: 'F', aspect: '基本知识和理念', category: '科学健康观' }));
		expect(await itemRows(w.versionId)).toEqual(sourceBefore);
		expect((await itemRows(copy.versionId))[0]).toMatchObject({ prompt: '改过的第一题。', answerKey: ['F'] });

		const view = await versionView(t.db, hospital, copy.questionnaireId, copy.versionId);
		expect(view).toMatchObject({ status: 'draft', version: 1, questionnaireKind: 'literacy', title: '医院健康素养问卷', lecture: null });
		const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'questionnaire.create'));
		expect(entry).toMatchObject({ objectId: copy.questionnaireId, organizationId: w.hospital.id, actorUserId: userId, at: NOW });
		expect(entry!.summary).toBe(`新建问卷：医院健康素养问卷（健康素养，复制自“健康素养小测验”第 1 版，${sourceBefore.length} 道题）`);
	});

	it('offers the district’s questionnaire to a hospital to copy, and not a sister hospital’s', async () => {
		const sister = await createQuestionnaire(t.db, w.otherHospital.id, { title: '中医院满意度', items: [{ kind: 'true_false', prompt: '中医院的题。', answer: true, aspect: '基本知识和理念', category: '科学健康观' }] });
		await publishVersion(t.db, sister.versionId, NOW);
		const options = await questionnaireCreateOptions(t.db, hospital);
		expect(options.copies.map((c) => c.value)).toEqual([`copy:${w.questionnaireId}`]);
		expect(options.copies[0]!.label).toBe('复制：健康素养小测验（测试区卫生健康委员会，健康素养，第 1 版）');
		expect(options.organizations.map((o) => o.id)).toEqual([w.hospital.id]);
		expect(options.kinds.map((k) => [k.value, k.templateItems])).toEqual([
			['literacy', null],
			['lecture_quiz', 8],
			['satisfaction', 6]
		]);
	});
});

describe('templates', () => {
	it('starts a lecture quiz from the template: true/false and single-choice items, each with its answer key, aspect and category', async () => {
		const { questionnaireId, versionId } = await createQuestionnaireFrom(t.db, hospital, audit, { title: '糖尿病小测验', kind: 'lecture_quiz', organizationId: w.hospital.id, source: 'template' }, NOW);
		const items = await versionItems(t.db, versionId);
		expect(items.length).toBeGreaterThanOrEqual(5);
		expect(items.length).toBeLessThanOrEqual(10);
		for (const item of items) {
			expect(['true_false', 'single_choice']).toContain(item.kind);
			expect(item.answerKey?.length).toBe(1);
			expect(item.options.map((o) => o.key)).toContain(item.answerKey![0]);
			expect(item.aspect).not.toBeNull();
			expect(item.category).not.toBeNull();
		}
		expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['true_false', 'single_choice']));
		// It publishes as it stands.
		await publishDraft(t.db, hospital, audit, versionId, NOW);
		expect((await t.db.select().from(questionnaires).where(eq(questionnaires.id, questionnaireId)).get())?.kind).toBe('lecture_quiz');
	});

	it('starts a satisfaction survey from its template: 5-point items without answer key, points, aspect or category', async () => {
		const { versionId } = await createQuestionnaireFrom(t.db, hospital, audit, { title: '讲座满意度', kind: 'satisfaction', organizationId: w.hospital.id, source: 'template' }, NOW);
		const items = await versionItems(t.db, versionId);
		expect(items.length).toBe(6);
		for (const item of items) {
			expect(item).toMatchObject({ kind: 'rating', answerKey: null, points: null, aspect: null, category: null, demographic: null });
			expect(item.options.map((o) => o.label)).toEqual(['非常满意', '满意', '一般', '不满意', '非常不满意']);
		}
		await publishDraft(t.db, hospital, audit, versionId, NOW);
	});

	it('starts a blank questionnaire with no items, which cannot be published until it has one', async () => {
		const { versionId } = await createQuestionnaireFrom(t.db, hospital, audit, { title: '空白问卷', kind: 'satisfaction', organizationId: w.hospital.id, source: 'blank' }, NOW);
		expect(await versionItems(t.db, versionId)).toEqual([]);
		await expect(publishDraft(t.db, hospital, audit, versionId, NOW)).rejects.toMatchObject({ status: 400, message: '满意度调查至少要有一道满意度题才能发布' });
		await addItem(t.db, hospital, audit, versionId, itemFromForm({ kind: 'rating', prompt: '您对这次义诊满意吗？' }));
		await publishDraft(t.db, hospital, audit, versionId, NOW);
	});
});

describe('bad input is refused at its field and saves nothing', () => {
	it('refuses a name the organization already uses, on creating and on renaming a draft', async () => {
		const first = await createQuestionnaireFrom(t.db, hospital, audit, { title: '糖尿病小测验', kind: 'lecture_quiz', organizationId: w.hospital.id, source: 'template' }, NOW);
		const before = await snapshot();
		await expect(createQuestionnaireFrom(t.db, hospital, audit, { title: ' 糖尿病小测验 ', kind: 'lecture_quiz', organizationId: w.hospital.id, source: 'blank' }, NOW)).rejects.toMatchObject({
			status: 400,
			field: 'title',
			message: '本单位已经有一份叫“糖尿病小测验”的问卷了，请换一个名称'
		});
		expect(await snapshot()).toEqual(before);
		// Another organization may use the name.
		await createQuestionnaireFrom(t.db, organizerOf(w.otherHospital.id), audit, { title: '糖尿病小测验', kind: 'lecture_quiz', organizationId: w.otherHospital.id, source: 'template' }, NOW);
		// A second draft renamed to the first's name is refused too: publishing would give it that name.
		const second = await createQuestionnaireFrom(t.db, hospital, audit, { title: '高血压小测验', kind: 'lecture_quiz', organizationId: w.hospital.id, source: 'template' }, NOW);
		await expect(updateDraftHeading(t.db, hospital, audit, second.versionId, { title: '糖尿病小测验' })).rejects.toMatchObject({ status: 400, field: 'title' });
		expect((await versionView(t.db, hospital, second.questionnaireId, second.versionId)).title).toBe('高血压小测验');
		expect(first.questionnaireId).not.toBe(second.questionnaireId);
	});

	it('refuses copying a questionnaire the owning organization cannot see, with a 403 at the field', async () => {
		const sister = await createQuestionnaire(t.db, w.otherHospital.id, { title: '中医院的问卷', items: [{ kind: 'true_false', prompt: '中医院的题。', answer: true, aspect: '基本知识和理念', category: '科学健康观' }] });
		await publishVersion(t.db, sister.versionId, NOW);
		const before = await snapshot();
		await expect(createQuestionnaireFrom(t.db, hospital, audit, { title: '拿来的问卷', kind: 'literacy', organizationId: w.hospital.id, source: `copy:${sister.questionnaireId}` }, NOW)).rejects.toMatchObject({
			status: 403,
			field: 'source',
			message: '所选单位看不到这份问卷：只能复制本单位、上级单位或下属单位的问卷'
		});
		// An admin acting for the hospital is held to what the hospital can see, too.
		const admin: Actor = { ...hospital, isAdmin: true, organizerOf: [] };
		await expect(createQuestionnaireFrom(t.db, admin, audit, { title: '拿来的问卷', kind: 'literacy', organizationId: w.hospital.id, source: `copy:${sister.questionnaireId}` }, NOW)).rejects.toMatchObject({ status: 403, field: 'source' });
		expect(await snapshot()).toEqual(before);
	});

	it('refuses an owning organization the organizer does not run, before reading anything else', async () => {
		await expect(createQuestionnaireFrom(t.db, hospital, audit, { title: '', kind: 'nonsense', organizationId: w.otherHospital.id, source: 'template' }, NOW)).rejects.toMatchObject({ status: 403, field: 'organizationId' });
		await expect(createQuestionnaireFrom(t.db, hospital, audit, { title: '问卷', kind: 'lecture_quiz', organizationId: 'no-such-org', source: 'template' }, NOW)).rejects.toMatchObject({ status: 400, field: 'organizationId' });
	});

	it('refuses a copy whose items do not fit the kind: answer keys in a satisfaction survey, items without one in a quiz', async () => {
		const satisfaction = await createQuestionnaireFrom(t.db, hospital, audit, { title: '讲座满意度', kind: 'satisfaction', organizationId: w.hospital.id, source: 'template' }, NOW);
		await publishDraft(t.db, hospital, audit, satisfaction.versionId, NOW);
		const before = await snapshot();
		await expect(createQuestionnaireFrom(t.db, hospital, audit, { title: '满意度（复制）', kind: 'satisfaction', organizationId: w.hospital.id, source: `copy:${w.questionnaireId}` }, NOW)).rejects.toMatchObject({
			status: 400,
			field: 'source',
			message: '“健康素养小测验”第 1 题：满意度调查只问感受，没有对错，题目不能设正确答案；请用“满意度题（5 级）”'
		});
		await expect(createQuestionnaireFrom(t.db, hospital, audit, { title: '小测验（复制）', kind: 'lecture_quiz', organizationId: w.hospital.id, source: `copy:${satisfaction.questionnaireId}` }, NOW)).rejects.toMatchObject({
			status: 400,
			field: 'source',
			message: '“讲座满意度”第 1 题：讲座前后小测验的每道题都要有正确答案（判断题、单选题或多选题），满意度题没有正确答案，不能放进来'
		});
		await expect(createQuestionnaireFrom(t.db, hospital, audit, { title: '素养问卷', kind: 'literacy', organizationId: w.hospital.id, source: 'template' }, NOW)).rejects.toMatchObject({ status: 400, field: 'source' });
		await expect(createQuestionnaireFrom(t.db, hospital, audit, { title: '', kind: 'lecture_quiz', organizationId: w.hospital.id, source: 'template' }, NOW)).rejects.toMatchObject({ status: 400, field: 'title' });
		await expect(createQuestionnaireFrom(t.db, hospital, audit, { title: '问卷', kind: '', organizationId: w.hospital.id, source: 'template' }, NOW)).rejects.toMatchObject({ status: 400, field: 'kind' });
		expect(await snapshot()).toEqual(before);
	});

	it('refuses, in the editor, an item without an answer key in a quiz and an item with one in a satisfaction survey', async () => {
		const quiz = await createQuestionnaireFrom(t.db, hospital, audit, { title: '糖尿病小测验', kind: 'lecture_quiz', organizationId: w.hospital.id, source: 'template' }, NOW);
		const satisfaction = await createQuestionnaireFrom(t.db, hospital, audit, { title: '讲座满意度', kind: 'satisfaction', organizationId: w.hospital.id, source: 'template' }, NOW);
		const before = await snapshot();
		await expect(addItem(t.db, hospital, audit, quiz.versionId, itemFromForm({ kind: 'rating', prompt: '您对讲座满意吗？' }))).rejects.toMatchObject({ status: 400, field: 'kind' });
		const [firstOfQuiz] = await versionItems(t.db, quiz.versionId);
		await expect(updateItem(t.db, hospital, audit, quiz.versionId, firstOfQuiz!.id, itemFromForm({ kind: 'rating', prompt: '您对讲座满意吗？' }))).rejects.toMatchObject({ status: 400, field: 'kind' });
		const choice = { kind: 'single_choice', prompt: '讲座讲了多久？', 'option-A': '半小时', 'option-B': '一小时', 'correct-B': 'on', aspect: '基本知识和理念', category: '科学健康观' };
		await expect(addItem(t.db, hospital, audit, satisfaction.versionId, itemFromForm(choice))).rejects.toMatchObject({
			status: 400,
			field: 'kind',
			message: '满意度调查只问感受，没有对错，题目不能设正确答案；请用“满意度题（5 级）”'
		});
		// A rating question with an answer ticked (the form shows every field without JavaScript).
		expect(() => itemFromForm({ kind: 'rating', prompt: '您对讲座满意吗？', 'correct-A': 'on' })).toThrow('满意度题只问感受，没有对错，不能设正确答案，请取消勾选“正确”');
		expect(await snapshot()).toEqual(before);
	});
});

describe('a lecture’s own quiz', () => {
	it('is made from the template with the lecture’s title, once, and runs before and after the lecture once published', async () => {
		const made = await createLectureQuiz(t.db, hospital, audit, w.lectureId, NOW);
		expect(made.created).toBe(true);
		const view = await versionView(t.db, hospital, made.questionnaireId, made.versionId);
		expect(view).toMatchObject({ title: '讲座小测验：高血压的家庭管理', questionnaireKind: 'lecture_quiz', status: 'draft', lecture: { id: w.lectureId, title: '高血压的家庭管理' } });
		expect(view.items.length).toBe(8);
		expect(view.intro).toMatch(/^“高血压的家庭管理”讲座前和讲座后各答一次/);
		// A second click finds the same quiz.
		expect(await createLectureQuiz(t.db, hospital, audit, w.lectureId, NOW)).toEqual({ ...made, created: false });
		expect((await t.db.select().from(questionnaires).where(eq(questionnaires.eventId, w.lectureId))).length).toBe(1);
		expect(await lectureQuizOf(t.db, hospital, w.lectureId)).toMatchObject({ questionnaireId: made.questionnaireId, draft: true, publishedVersionId: null });

		await publishDraft(t.db, hospital, audit, made.versionId, NOW);
		expect(await lectureQuizOf(t.db, hospital, w.lectureId)).toMatchObject({ draft: false, publishedVersionId: made.versionId });
		expect((await surveyFormOptions(t.db, hospital, '2026-11-20')).versions.map((v) => v.id)).toContain(made.versionId);
		const pre = await createSurvey(t.db, hospital, { versionId: made.versionId, kind: 'pre', eventId: w.lectureId, title: '讲座前小测验' });
		const post = await createSurvey(t.db, hospital, { versionId: made.versionId, kind: 'post', eventId: w.lectureId, title: '讲座后小测验' });
		expect(pre.id).not.toBe(post.id);
	});

	it('is refused to an organizer of another hospital, and nothing is written', async () => {
		const before = await snapshot();
		await expect(createLectureQuiz(t.db, organizerOf(w.otherHospital.id), audit, w.lectureId, NOW)).rejects.toMatchObject({ status: 403 });
		expect(await snapshot()).toEqual(before);
	});

	it('takes the lecture’s date into its name when another questionnaire has the plain name', async () => {
		await createQuestionnaireFrom(t.db, hospital, audit, { title: '讲座小测验：高血压的家庭管理', kind: 'lecture_quiz', organizationId: w.hospital.id, source: 'blank' }, NOW);
		const made = await createLectureQuiz(t.db, hospital, audit, w.lectureId, NOW);
		const rows = await t.db.select({ title: questionnaires.title }).from(questionnaires).where(inArray(questionnaires.id, [made.questionnaireId]));
		expect(rows).toEqual([{ title: '讲座小测验：高血压的家庭管理（11月20日）' }]);
	});
});
