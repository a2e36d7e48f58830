import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { auditLog, questionnaireVersions, surveyItems } from '../db/schema';
import { DomainError } from '../errors';
import { addItem, moveItem, publishDraft, removeItem, startDraft, updateDraftHeading, updateItem } from './editor';
import { itemFormValues, itemFromForm } from './item-form';
import { questionnaireDetail, questionnairesFor } from './questionnaire-views';
import { versionItems } from './questionnaires';
import { createSurveyIn } from './surveys';
import { surveyWorldForEachTest, SURVEY_ORGANIZER, insertSurveyOrganizer, organizerOf } from '../testing/surveys';

const { t, w } = surveyWorldForEachTest();
const audit = SURVEY_ORGANIZER;
let district: Actor;

beforeEach(async () => {
	await insertSurveyOrganizer(t.db);
	district = organizerOf(w.commission.id);
});

const singleForm = {
	kind: 'single_choice',
	prompt: '成年人正常血压的收缩压应低于多少？',
	'option-A': '120 毫米汞柱',
	'option-B': '140 毫米汞柱',
	'option-C': '160 毫米汞柱',
	'correct-B': 'on',
	points: '',
	aspect: '基本知识和理念',
	category: '慢性病防治'
};

/** The refusal of a form as "field: message". */
function refusal(values: Record<string, string>): string {
	try {
		itemFromForm(values);
	} catch (e) {
		expect(e).toBeInstanceOf(DomainError);
		expect((e as DomainError).status).toBe(400);
		return `${(e as DomainError).field}: ${(e as DomainError).message}`;
	}
	return 'accepted';
}

describe('reading an item from the editor form', () => {
	it('letters the filled options again from A and defaults the points', () => {
		const item = itemFromForm({ ...singleForm, 'option-A': '', 'correct-B': '', 'correct-C': 'on', 'option-D': '90 毫米汞柱' });
		expect(item.options).toEqual([
			{ key: 'A', label: '140 毫米汞柱' },
			{ key: 'B', label: '160 毫米汞柱' },
			{ key: 'C', label: '90 毫米汞柱' }
		]);
		expect(item).toMatchObject({ answerKey: ['B'], points: 1, demographic: null });
		expect(itemFromForm({ ...singleForm, kind: 'multiple_choice', 'correct-A': 'on' })).toMatchObject({ answerKey: ['A', 'B'], points: 2 });
		expect(itemFromForm({ kind: 'true_false', prompt: '吸烟有害健康。', tfAnswer: 'T', points: '1', aspect: '基本知识和理念', category: '科学健康观' })).toMatchObject({
			options: [
				{ key: 'T', label: '正确' },
				{ key: 'F', label: '错误' }
			],
			answerKey: ['T']
		});
	});

	it('refuses each mistake at its field with a Chinese message', () => {
		expect(refusal({ ...singleForm, 'correct-A': 'on' })).toBe('answer: 单选题要有且只有一个正确答案');
		expect(refusal({ ...singleForm, 'correct-B': '' })).toBe('answer: 单选题要有且只有一个正确答案');
		expect(refusal({ ...singleForm, 'option-A': '', 'option-B': '', 'option-C': '' })).toBe('options: 选项 B 勾选为正确答案，但没有填写内容');
		expect(refusal({ ...singleForm, 'option-A': '', 'option-B': '', 'option-C': '', 'correct-B': '' })).toBe('options: 请填写选项');
		expect(refusal({ ...singleForm, points: '0' })).toBe('points: 分值应为正整数，如 1 或 2');
		expect(refusal({ ...singleForm, points: '-1' })).toBe('points: 分值应为正整数，如 1 或 2');
		expect(refusal({ ...singleForm, points: '1.5' })).toBe('points: 分值应为正整数，如 1 或 2');
		expect(refusal({ ...singleForm, prompt: '  ' })).toBe('prompt: 请填写题目');
		expect(refusal({ ...singleForm, aspect: '别的' })).toBe('aspect: 请选择题目所属方面');
		expect(refusal({ ...singleForm, category: '' })).toBe('category: 请选择题目所属的健康问题类别');
		expect(refusal({ ...singleForm, kind: 'essay' })).toBe('kind: 请选择题型');
		expect(refusal({ ...singleForm, kind: 'multiple_choice' })).toBe('answer: 多选题至少要有两个正确答案');
		expect(refusal({ ...singleForm, kind: 'true_false' })).toBe('answer: 请选择判断题的正确答案（正确或错误）');
		expect(refusal({ kind: 'demographic', prompt: '您的性别？', 'option-A': '男', 'option-B': '女' })).toBe('demographic: 请选择这道题问的是哪一项基本情况');
		expect(refusal({ kind: 'demographic', prompt: '您的性别？', demographic: 'sex', 'option-A': '男', 'option-B': '女' })).toBe('accepted');
	});
});

describe('the editor form and the stored item', () => {
	it('fills the form with every demo item so that saving it unchanged stores the same item', () => {
		for (const item of w.items) {
			const { kind, prompt, options, answerKey, points, aspect, category, demographic } = item;
			expect(itemFromForm(itemFormValues(item)), prompt).toEqual({ kind, prompt, options, answerKey, points, aspect, category, demographic });
		}
	});
});

describe('drafts and publishing', () => {
	it('starts a draft from the latest version with its items copied, and only one draft at a time', async () => {
		const draft = await startDraft(t.db, district, audit, w.questionnaireId);
		expect(draft.version).toBe(2);
		const copied = await versionItems(t.db, draft.versionId);
		expect(copied.map((i) => [i.position, i.prompt, i.answerKey])).toEqual(w.items.map((i) => [i.position, i.prompt, i.answerKey]));
		expect(copied.every((i) => !w.items.some((o) => o.id === i.id))).toBe(true);
		await expect(startDraft(t.db, district, audit, w.questionnaireId)).rejects.toMatchObject({ status: 409 });
		const detail = await questionnaireDetail(t.db, district, w.questionnaireId);
		expect(detail.versions.map((v) => [v.version, v.status])).toEqual([
			[2, 'draft'],
			[1, 'published']
		]);
		expect((await t.db.select().from(auditLog).where(eq(auditLog.action, 'questionnaire.draft'))).length).toBe(1);
	});

	it('edits, adds, moves and removes items of a draft, then publishes it', async () => {
		const { versionId } = await startDraft(t.db, district, audit, w.questionnaireId);
		const [first, second] = await versionItems(t.db, versionId);
		await updateItem(t.db, district, audit, versionId, first!.id, itemFromForm(singleForm));
		expect((await versionItems(t.db, versionId))[0]).toMatchObject({ id: first!.id, prompt: singleForm.prompt, kind: 'single_choice', answerKey: ['B'] });
		await moveItem(t.db, district, audit, versionId, first!.id, 'down');
		let items = await versionItems(t.db, versionId);
		expect(items.slice(0, 2).map((i) => i.id)).toEqual([second!.id, first!.id]);
		await moveItem(t.db, district, audit, versionId, second!.id, 'up'); // already first: nothing moves
		const added = await addItem(t.db, district, audit, versionId, itemFromForm({ ...singleForm, prompt: '新题' }));
		items = await versionItems(t.db, versionId);
		expect(items.at(-1)).toMatchObject({ id: added, position: w.items.length + 1 });
		await removeItem(t.db, district, audit, versionId, second!.id);
		items = await versionItems(t.db, versionId);
		expect(items.map((i) => i.position)).toEqual(items.map((_, i) => i + 1));
		expect(items[0]!.id).toBe(first!.id);
		await updateDraftHeading(t.db, district, audit, versionId, { title: '健康素养小测验（第二版）', intro: '约需 5 分钟。' });
		await publishDraft(t.db, district, audit, versionId);
		const v = await t.db.select().from(questionnaireVersions).where(eq(questionnaireVersions.id, versionId)).get();
		expect(v).toMatchObject({ status: 'published', title: '健康素养小测验（第二版）' });
		// Now it can run a survey.
		await createSurveyIn(t.db, audit, { versionId, kind: 'standalone', siteId: w.site.id, title: '第二版调查' });
		const actions = (await t.db.select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['questionnaire.item.edit', 'questionnaire.item.move', 'questionnaire.item.add', 'questionnaire.item.remove', 'questionnaire.publish']));
	});

	it('refuses every write to a published version and changes nothing', async () => {
		const before = await t.db.select().from(surveyItems).where(eq(surveyItems.versionId, w.versionId));
		const itemId = w.items[0]!.id;
		const writes = [
			() => updateItem(t.db, district, audit, w.versionId, itemId, itemFromForm(singleForm)),
			() => addItem(t.db, district, audit, w.versionId, itemFromForm(singleForm)),
			() => removeItem(t.db, district, audit, w.versionId, itemId),
			() => moveItem(t.db, district, audit, w.versionId, itemId, 'down'),
			() => updateDraftHeading(t.db, district, audit, w.versionId, { title: '改名' }),
			() => publishDraft(t.db, district, audit, w.versionId)
		];
		for (const write of writes) await expect(write()).rejects.toMatchObject({ status: 409, message: '这个版本已经发布，不能再修改。如需修改，请新建草稿版本。' });
		expect(await t.db.select().from(surveyItems).where(eq(surveyItems.versionId, w.versionId))).toEqual(before);
		expect(await t.db.select().from(auditLog).where(eq(auditLog.objectKind, 'questionnaire'))).toEqual([]);
	});

	it('refuses a second item asking the same demographic, a draft with nothing scored, and organizers below the owner', async () => {
		const { versionId } = await startDraft(t.db, district, audit, w.questionnaireId);
		await expect(addItem(t.db, district, audit, versionId, itemFromForm({ kind: 'demographic', prompt: '您的性别？', demographic: 'sex', 'option-A': '男', 'option-B': '女' }))).rejects.toMatchObject({
			status: 400,
			field: 'demographic'
		});
		for (const item of (await versionItems(t.db, versionId)).filter((i) => i.kind !== 'demographic')) await removeItem(t.db, district, audit, versionId, item.id);
		await expect(publishDraft(t.db, district, audit, versionId)).rejects.toMatchObject({ status: 400 });
		// The questionnaire is the district's: a hospital organizer neither lists nor edits it.
		const hospital = organizerOf(w.hospital.id);
		expect(await questionnairesFor(t.db, hospital)).toEqual([]);
		expect((await questionnairesFor(t.db, district)).map((q) => q.id)).toEqual([w.questionnaireId]);
		await expect(startDraft(t.db, hospital, audit, w.questionnaireId)).rejects.toMatchObject({ status: 403 });
		await expect(publishDraft(t.db, hospital, audit, versionId)).rejects.toMatchObject({ status: 403 });
	});
});
