import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/audit';
import { questionnaireVersions, surveyItems } from '../db/schema';
import { emptyDbForEachTest } from '../testing/each-test';
import { DEMO_ITEMS } from '../seed/demo-surveys';
import { createQuestionnaire, publishVersion, reviseQuestionnaire, scoredItems, versionItems } from './questionnaires';
import { createSurveyIn, setSurveyOpenIn, surveysOfEvent } from './surveys';
import { makeSurveyWorld } from '../testing/surveys';

const t = emptyDbForEachTest();

describe('questionnaire versions', () => {
	it('keeps a published version word for word and puts an edit into the next version', async () => {
		const w = await makeSurveyWorld(t.db);
		const before = await versionItems(t.db, w.versionId);
		const edited = DEMO_ITEMS.map((item, i) => (i === 0 ? { ...item, prompt: '心理健康也是健康的一部分。' } : item));
		const v2 = await reviseQuestionnaire(t.db, w.questionnaireId, { title: '健康素养小测验（修订）', items: edited });
		expect(v2.version).toBe(2);
		expect(v2.versionId).not.toBe(w.versionId);
		expect(await versionItems(t.db, w.versionId)).toEqual(before);
		expect((await versionItems(t.db, v2.versionId))[0]!.prompt).toBe('心理健康也是健康的一部分。');
		// A draft is edited in place: still version 2.
		const again = await reviseQuestionnaire(t.db, w.questionnaireId, { title: '健康素养小测验（修订）', items: DEMO_ITEMS.slice(0, 5) });
		expect(again).toMatchObject({ versionId: v2.versionId, version: 2 });
		expect(await versionItems(t.db, v2.versionId)).toHaveLength(5);
		await expect(publishVersion(t.db, w.versionId)).rejects.toMatchObject({ status: 409 });
	});

	it('gives items the national points unless told otherwise, and the demo covers every aspect and category', async () => {
		const w = await makeSurveyWorld(t.db);
		const scored = scoredItems(w.items);
		expect(scored).toHaveLength(20);
		expect(scored.filter((i) => i.kind === 'multiple_choice').every((i) => i.points === 2)).toBe(true);
		expect(scored.filter((i) => i.kind !== 'multiple_choice').every((i) => i.points === 1)).toBe(true);
		expect(new Set(scored.map((i) => i.aspect)).size).toBe(3);
		expect(new Set(scored.map((i) => i.category)).size).toBe(6);
		expect(w.items.filter((i) => i.kind === 'demographic').map((i) => i.demographic)).toEqual(['age', 'sex', 'education', 'community']);
	});

	it('refuses an answer key that is not among the options, and the database refuses an unplaced item', async () => {
		const w = await makeSurveyWorld(t.db);
		await expect(
			createQuestionnaire(t.db, w.commission.id, {
				title: '坏问卷',
				items: [{ kind: 'single_choice', prompt: '？', options: [{ key: 'A', label: '甲' }, { key: 'B', label: '乙' }], answerKey: ['C'], aspect: '基本技能', category: '基本医疗' }]
			})
		).rejects.toMatchObject({ status: 400, message: '第1题：正确答案必须是题目里的选项' });
		await expect(
			t.db.insert(surveyItems).values({ id: 'x', versionId: w.versionId, position: 99, kind: 'true_false', prompt: '？', options: [], answerKey: ['T'], points: 1 })
		).rejects.toThrow();
	});

	it('runs surveys on published versions only, one of each kind per lecture', async () => {
		const w = await makeSurveyWorld(t.db);
		const draft = await reviseQuestionnaire(t.db, w.questionnaireId, { title: '草稿', items: DEMO_ITEMS });
		await expect(createSurveyIn(t.db, SYSTEM_ACTOR, { versionId: draft.versionId, kind: 'standalone', siteId: w.site.id, title: '调查' })).rejects.toMatchObject({
			status: 400,
			message: '问卷还没有发布，发布后才能开始调查'
		});
		const pre = await createSurveyIn(t.db, SYSTEM_ACTOR, { versionId: w.versionId, kind: 'pre', eventId: w.lectureId, title: '讲座前' });
		expect(pre.code).toMatch(/^[a-z2-9]{6}$/);
		await expect(createSurveyIn(t.db, SYSTEM_ACTOR, { versionId: w.versionId, kind: 'pre', eventId: w.lectureId, title: '又一个讲座前' })).rejects.toMatchObject({ status: 409 });
		await expect(createSurveyIn(t.db, SYSTEM_ACTOR, { versionId: w.versionId, kind: 'post', title: '没有讲座' })).rejects.toMatchObject({ status: 400 });
		await setSurveyOpenIn(t.db, SYSTEM_ACTOR, pre.id, false);
		const published = await t.db.select().from(questionnaireVersions).where(eq(questionnaireVersions.id, w.versionId)).get();
		expect(published?.status).toBe('published');
	});
});

describe('surveys of an event', () => {
	it('lists the pre-lecture survey first, and only open ones for residents', async () => {
		const w = await makeSurveyWorld(t.db);
		expect(await surveysOfEvent(t.db, w.lectureId)).toEqual([]);
		const post = await createSurveyIn(t.db, SYSTEM_ACTOR, { versionId: w.versionId, kind: 'post', eventId: w.lectureId, title: '讲座后小测验' });
		const pre = await createSurveyIn(t.db, SYSTEM_ACTOR, { versionId: w.versionId, kind: 'pre', eventId: w.lectureId, title: '讲座前小测验' });
		await w.standalone();
		expect(await surveysOfEvent(t.db, w.lectureId)).toEqual([
			{ id: pre.id, code: pre.code, kind: 'pre', title: '讲座前小测验', open: true },
			{ id: post.id, code: post.code, kind: 'post', title: '讲座后小测验', open: true }
		]);
		await setSurveyOpenIn(t.db, SYSTEM_ACTOR, pre.id, false);
		expect((await surveysOfEvent(t.db, w.lectureId, { openOnly: true })).map((s) => s.kind)).toEqual(['post']);
		expect((await surveysOfEvent(t.db, w.lectureId)).map((s) => [s.kind, s.open])).toEqual([
			['pre', false],
			['post', true]
		]);
	});
});
