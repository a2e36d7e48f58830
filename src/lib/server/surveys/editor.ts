/**
 * The questionnaire editor in the console: an organizer sees a questionnaire's versions, starts a draft
 * from the latest one (its items copied), edits the draft item by item and publishes it. A published
 * version is frozen: every write here loads the version inside its transaction and refuses one that is
 * no longer a draft, whatever the form says.
 */
import { and, asc, count, desc, eq, gt, inArray, max, ne, sql } from 'drizzle-orm';
import { recordAudit, type AuditActor } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { authorize, loadOrgTree, organizedOrgIds } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import {
	DEMOGRAPHIC_FIELDS,
	LITERACY_ASPECTS,
	LITERACY_CATEGORIES,
	SURVEY_ITEM_KINDS,
	events,
	organizations,
	questionnaireVersions,
	questionnaires,
	surveyItems,
	surveyResponses,
	surveys
} from '../db/schema';
import { conflict, invalid, notFound } from '../errors';
import { newId } from '../ids';
import { hasNoControlsButLineBreaks, isSingleLine, MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE } from '../text/single-line';
import { notPublishableBecause, RATING_OPTIONS, refuseItemForKind, type QuestionnaireKind } from './kinds';
import { latestVersion, MAX_ITEMS, TOO_MANY_ITEMS, TRUE_FALSE_OPTIONS, versionItems, type SurveyItem } from './questionnaires';

export const ITEM_KIND_LABELS: Record<(typeof SURVEY_ITEM_KINDS)[number], string> = {
	true_false: '判断题',
	single_choice: '单选题',
	multiple_choice: '多选题',
	demographic: '基本情况',
	rating: '满意度题（5 级）'
};
export const DEMOGRAPHIC_LABELS: Record<(typeof DEMOGRAPHIC_FIELDS)[number], string> = {
	age: '年龄',
	sex: '性别',
	education: '文化程度',
	community: '所住社区'
};
/** The option rows the item form offers: A to H. */
export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;

const FROZEN = '这个版本已经发布，不能再修改。如需修改，请新建草稿版本。';

/** One item as the editor stores it (the row without its place). */
export interface EditedItem {
	kind: (typeof SURVEY_ITEM_KINDS)[number];
	prompt: string;
	options: { key: string; label: string }[];
	answerKey: string[] | null;
	points: number | null;
	aspect: (typeof LITERACY_ASPECTS)[number] | null;
	category: (typeof LITERACY_CATEGORIES)[number] | null;
	demographic: (typeof DEMOGRAPHIC_FIELDS)[number] | null;
}

const oneOf = <T extends string>(list: readonly T[], value: string | undefined): T | null =>
	value !== undefined && (list as readonly string[]).includes(value) ? (value as T) : null;

/**
 * Reads one item from the editor's form: `kind`, `prompt`, option rows `option-A`…`option-H` with
 * their `correct-A`… boxes, `tfAnswer` (T/F) for a true/false item, `points`, `aspect`, `category`
 * and `demographic`. Blank option rows are skipped and the rest lettered again from A, so a gap in the
 * form does not leave a gap in the questionnaire. A rating item always has the 5-point scale and no
 * answer key: a ticked answer on one is refused. Each refusal names the field it belongs to.
 */
export function itemFromForm(values: Record<string, string | undefined>): EditedItem {
	const kind = oneOf(SURVEY_ITEM_KINDS, values.kind);
	if (!kind) throw invalid('请选择题型', 'kind');
	const prompt = (values.prompt ?? '').trim();
	if (!prompt) throw invalid('请填写题目', 'prompt');
	if (prompt.length > 500) throw invalid('题目不能超过 500 个字', 'prompt');
	if (!hasNoControlsButLineBreaks(prompt)) throw invalid(`题目${MULTI_LINE_MESSAGE}`, 'prompt');
	if (kind === 'rating') {
		const marked = OPTION_KEYS.some((key) => values[`correct-${key}`] === 'on') || values.tfAnswer === 'T' || values.tfAnswer === 'F';
		if (marked) throw invalid('满意度题只问感受，没有对错，不能设正确答案，请取消勾选“正确”', 'answer');
		return { kind, prompt, options: RATING_OPTIONS.map((o) => ({ ...o })), answerKey: null, points: null, aspect: null, category: null, demographic: null };
	}

	const rows: { label: string; correct: boolean }[] = [];
	for (const key of OPTION_KEYS) {
		const label = (values[`option-${key}`] ?? '').trim();
		const correct = values[`correct-${key}`] === 'on';
		if (!label) {
			if (correct && kind !== 'true_false' && kind !== 'demographic') throw invalid(`选项 ${key} 勾选为正确答案，但没有填写内容`, 'options');
			continue;
		}
		if (label.length > 200) throw invalid(`选项 ${key} 不能超过 200 个字`, 'options');
		if (!isSingleLine(label)) throw invalid(`选项 ${key} ${SINGLE_LINE_MESSAGE}`, 'options');
		rows.push({ label, correct });
	}
	const options = rows.map((r, i) => ({ key: OPTION_KEYS[i]!, label: r.label }));
	if (kind !== 'true_false' && new Set(options.map((o) => o.label)).size !== options.length) throw invalid('有两个选项内容相同', 'options');

	if (kind === 'demographic') {
		const demographic = oneOf(DEMOGRAPHIC_FIELDS, values.demographic);
		if (!demographic) throw invalid('请选择这道题问的是哪一项基本情况', 'demographic');
		if (options.length < 2) throw invalid('请至少填写两个选项', 'options');
		return { kind, prompt, options, answerKey: null, points: null, aspect: null, category: null, demographic };
	}

	const pointsText = (values.points ?? '').trim();
	let points: number;
	if (!pointsText) points = kind === 'multiple_choice' ? 2 : 1;
	else if (!/^\d+$/.test(pointsText) || Number(pointsText) < 1) throw invalid('分值应为正整数，如 1 或 2', 'points');
	else if (Number(pointsText) > 10) throw invalid('一道题的分值不能超过 10 分', 'points');
	else points = Number(pointsText);
	const aspect = oneOf(LITERACY_ASPECTS, values.aspect);
	if (!aspect) throw invalid('请选择题目所属方面', 'aspect');
	const category = oneOf(LITERACY_CATEGORIES, values.category);
	if (!category) throw invalid('请选择题目所属的健康问题类别', 'category');

	if (kind === 'true_false') {
		const answer = values.tfAnswer;
		if (answer !== 'T' && answer !== 'F') throw invalid('请选择判断题的正确答案（正确或错误）', 'answer');
		return { kind, prompt, options: [...TRUE_FALSE_OPTIONS], answerKey: [answer], points, aspect, category, demographic: null };
	}
	if (options.length === 0) throw invalid('请填写选项', 'options');
	const answerKey = options.filter((_, i) => rows[i]!.correct).map((o) => o.key);
	if (kind === 'single_choice') {
		if (options.length < 2) throw invalid('单选题至少要有两个选项', 'options');
		if (answerKey.length !== 1) throw invalid('单选题要有且只有一个正确答案', 'answer');
	} else {
		if (options.length < 3) throw invalid('多选题至少要有三个选项', 'options');
		if (answerKey.length < 2) throw invalid('多选题至少要有两个正确答案', 'answer');
		if (answerKey.length === options.length) throw invalid('多选题不能所有选项都正确', 'answer');
	}
	return { kind, prompt, options, answerKey, points, aspect, category, demographic: null };
}

export interface QuestionnaireListing {
	id: string;
	title: string;
	kind: QuestionnaireKind;
	archived: boolean;
	organizationName: string;
	versions: { id: string; version: number; status: 'draft' | 'published'; publishedAt: Date | null }[];
}

/** The questionnaires the actor may edit: owned in their own subtree (every one for an admin). */
export async function questionnairesFor(db: DbOrTx, actor: Actor): Promise<QuestionnaireListing[]> {
	const scope = organizedOrgIds(actor, await loadOrgTree(db));
	if (scope && scope.size === 0) return [];
	const rows = await db
		.select({ id: questionnaires.id, title: questionnaires.title, kind: questionnaires.kind, archivedAt: questionnaires.archivedAt, organizationName: organizations.name })
		.from(questionnaires)
		.innerJoin(organizations, eq(organizations.id, questionnaires.organizationId))
		.where(scope ? inArray(questionnaires.organizationId, [...scope]) : undefined)
		.orderBy(asc(questionnaires.title));
	if (rows.length === 0) return [];
	const versions = await db
		.select({
			id: questionnaireVersions.id,
			questionnaireId: questionnaireVersions.questionnaireId,
			version: questionnaireVersions.version,
			status: questionnaireVersions.status,
			publishedAt: questionnaireVersions.publishedAt
		})
		.from(questionnaireVersions)
		.where(
			inArray(
				questionnaireVersions.questionnaireId,
				rows.map((r) => r.id)
			)
		)
		.orderBy(desc(questionnaireVersions.version));
	// Archived ones last: they are kept for their results, not for new surveys.
	return rows
		.sort((a, b) => Number(a.archivedAt !== null) - Number(b.archivedAt !== null))
		.map(({ archivedAt, ...r }) => ({
			...r,
			archived: archivedAt !== null,
			versions: versions.filter((v) => v.questionnaireId === r.id).map(({ questionnaireId: _, ...v }) => v)
		}));
}

export interface QuestionnaireDetail {
	id: string;
	title: string;
	kind: QuestionnaireKind;
	archivedAt: Date | null;
	organizationName: string;
	/** The lecture a quiz was made for. */
	lecture: { id: string; title: string; date: string } | null;
	/** Surveys run with any of its versions, and the answer sheets they hold (in progress or submitted). */
	surveys: number;
	sheets: number;
	versions: { id: string; version: number; status: 'draft' | 'published'; publishedAt: Date | null; title: string; intro: string | null }[];
}

/** One questionnaire with its versions, newest first; 403 outside the actor's reach. */
export async function questionnaireDetail(db: DbOrTx, actor: Actor, questionnaireId: string): Promise<QuestionnaireDetail> {
	await authorize(db, actor, 'survey:manage', 'questionnaire', questionnaireId);
	const row = await db
		.select({
			id: questionnaires.id,
			title: questionnaires.title,
			kind: questionnaires.kind,
			archivedAt: questionnaires.archivedAt,
			organizationName: organizations.name,
			eventId: events.id,
			eventTitle: events.title,
			eventDate: events.date
		})
		.from(questionnaires)
		.innerJoin(organizations, eq(organizations.id, questionnaires.organizationId))
		.leftJoin(events, eq(events.id, questionnaires.eventId))
		.where(eq(questionnaires.id, questionnaireId))
		.get();
	if (!row) throw notFound('没有找到这份问卷');
	const { eventId, eventTitle, eventDate, ...rest } = row;
	const versions = await db
		.select({
			id: questionnaireVersions.id,
			version: questionnaireVersions.version,
			status: questionnaireVersions.status,
			publishedAt: questionnaireVersions.publishedAt,
			title: questionnaireVersions.title,
			intro: questionnaireVersions.intro
		})
		.from(questionnaireVersions)
		.where(eq(questionnaireVersions.questionnaireId, questionnaireId))
		.orderBy(desc(questionnaireVersions.version));
	const use = await usageOf(db, questionnaireId);
	return { ...rest, lecture: eventId && eventTitle && eventDate ? { id: eventId, title: eventTitle, date: eventDate } : null, ...use, versions };
}

/** How many surveys run a questionnaire's versions, and how many answer sheets they hold. */
export async function usageOf(db: DbOrTx, questionnaireId: string): Promise<{ surveys: number; sheets: number }> {
	const [used] = await db
		.select({ surveys: sql<number>`count(distinct ${surveys.id})`, sheets: count(surveyResponses.id) })
		.from(surveys)
		.innerJoin(questionnaireVersions, eq(questionnaireVersions.id, surveys.versionId))
		.leftJoin(surveyResponses, eq(surveyResponses.surveyId, surveys.id))
		.where(eq(questionnaireVersions.questionnaireId, questionnaireId));
	return { surveys: used?.surveys ?? 0, sheets: used?.sheets ?? 0 };
}

/**
 * Refuses a name another questionnaire of the same organization has (archived ones too: their results
 * are still read under it), at `field`.
 */
export async function assertTitleFree(tx: DbOrTx, organizationId: string, title: string, exceptQuestionnaireId: string | null, field = 'title'): Promise<void> {
	const same = await tx
		.select({ id: questionnaires.id, archivedAt: questionnaires.archivedAt })
		.from(questionnaires)
		.where(
			and(
				eq(questionnaires.organizationId, organizationId),
				eq(questionnaires.title, title),
				exceptQuestionnaireId ? ne(questionnaires.id, exceptQuestionnaireId) : undefined
			)
		)
		.get();
	if (same) throw invalid(`本单位已经有一份叫“${title}”的问卷了${same.archivedAt ? '（已归档）' : ''}，请换一个名称`, field);
}

export interface VersionView {
	questionnaireId: string;
	questionnaireTitle: string;
	questionnaireKind: QuestionnaireKind;
	/** The lecture a quiz was made for, to go back to once it is published. */
	lecture: { id: string; title: string } | null;
	id: string;
	version: number;
	status: 'draft' | 'published';
	publishedAt: Date | null;
	title: string;
	intro: string | null;
	items: SurveyItem[];
}

async function loadVersion(db: DbOrTx, versionId: string) {
	const version = await db
		.select({
			id: questionnaireVersions.id,
			questionnaireId: questionnaireVersions.questionnaireId,
			version: questionnaireVersions.version,
			status: questionnaireVersions.status,
			publishedAt: questionnaireVersions.publishedAt,
			title: questionnaireVersions.title,
			intro: questionnaireVersions.intro,
			questionnaireTitle: questionnaires.title,
			questionnaireKind: questionnaires.kind,
			organizationId: questionnaires.organizationId,
			eventId: questionnaires.eventId
		})
		.from(questionnaireVersions)
		.innerJoin(questionnaires, eq(questionnaires.id, questionnaireVersions.questionnaireId))
		.where(eq(questionnaireVersions.id, versionId))
		.get();
	if (!version) throw notFound('没有找到这个问卷版本');
	return version;
}

/** One version and its items, for reading or (a draft) editing. */
export async function versionView(db: DbOrTx, actor: Actor, questionnaireId: string, versionId: string): Promise<VersionView> {
	const version = await loadVersion(db, versionId);
	if (version.questionnaireId !== questionnaireId) throw notFound('没有找到这个问卷版本');
	await authorize(db, actor, 'survey:manage', 'questionnaire', questionnaireId);
	const { organizationId: _, eventId, ...rest } = version;
	const lecture = eventId ? ((await db.select({ id: events.id, title: events.title }).from(events).where(eq(events.id, eventId)).get()) ?? null) : null;
	return { ...rest, lecture, items: await versionItems(db, versionId) };
}

/** The draft a write is about, checked inside the write's transaction: 409 once it is published. */
async function draftFor(tx: DbOrTx, actor: Actor, versionId: string) {
	const version = await loadVersion(tx, versionId);
	await authorize(tx, actor, 'survey:manage', 'questionnaire', version.questionnaireId);
	if (version.status !== 'draft') throw conflict(FROZEN);
	return version;
}

/**
 * Starts the next version as a draft, copying the latest version's wording and items. Only one draft
 * at a time: while the latest is a draft, that draft is the one to edit.
 */
export async function startDraft(db: DbOrTx, actor: Actor, audit: AuditActor, questionnaireId: string): Promise<{ versionId: string; version: number }> {
	return db.transaction(async (tx) => {
		await authorize(tx, actor, 'survey:manage', 'questionnaire', questionnaireId);
		const latest = await latestVersion(tx, questionnaireId);
		if (latest.status === 'draft') throw conflict(`第 ${latest.version} 版还是草稿，请先编辑并发布它，再新建下一版`);
		const versionId = newId();
		const version = latest.version + 1;
		await tx.insert(questionnaireVersions).values({ id: versionId, questionnaireId, version, title: latest.title, intro: latest.intro });
		const items = await versionItems(tx, latest.id);
		if (items.length) await tx.insert(surveyItems).values(items.map(({ id: _, createdAt: __, ...item }) => ({ ...item, id: newId(), versionId })));
		const owner = await tx.select({ organizationId: questionnaires.organizationId }).from(questionnaires).where(eq(questionnaires.id, questionnaireId)).get();
		await recordAudit(tx, audit, {
			action: 'questionnaire.draft',
			objectKind: 'questionnaire',
			objectId: questionnaireId,
			organizationId: owner?.organizationId ?? null,
			after: { versionId, version, copiedFrom: latest.version },
			summary: `新建问卷草稿：${latest.title}（第 ${version} 版，复制自第 ${latest.version} 版）`
		});
		return { versionId, version };
	});
}

async function refuseRepeatedDemographic(tx: DbOrTx, versionId: string, item: EditedItem, exceptItemId: string | null) {
	if (!item.demographic) return;
	const same = await tx
		.select({ id: surveyItems.id, position: surveyItems.position })
		.from(surveyItems)
		.where(and(eq(surveyItems.versionId, versionId), eq(surveyItems.demographic, item.demographic)))
		.all();
	const other = same.find((s) => s.id !== exceptItemId);
	if (other) throw invalid(`第 ${other.position} 题已经问过${DEMOGRAPHIC_LABELS[item.demographic]}了`, 'demographic');
}

const itemSummary = (item: EditedItem) => ({ kind: item.kind, prompt: item.prompt, options: item.options, answerKey: item.answerKey, points: item.points, aspect: item.aspect, category: item.category, demographic: item.demographic });

/** Adds an item at the end of a draft. */
export async function addItem(db: DbOrTx, actor: Actor, audit: AuditActor, versionId: string, item: EditedItem): Promise<string> {
	return db.transaction(async (tx) => {
		const version = await draftFor(tx, actor, versionId);
		const count = await tx.select({ n: max(surveyItems.position) }).from(surveyItems).where(eq(surveyItems.versionId, versionId)).get();
		const position = (count?.n ?? 0) + 1;
		if (position > MAX_ITEMS) throw invalid(TOO_MANY_ITEMS, 'form');
		refuseItemForKind(version.questionnaireKind, item, 'kind');
		await refuseRepeatedDemographic(tx, versionId, item, null);
		const id = newId();
		await tx.insert(surveyItems).values({ id, versionId, position, ...item });
		await recordAudit(tx, audit, {
			action: 'questionnaire.item.add',
			objectKind: 'questionnaire',
			objectId: version.questionnaireId,
			organizationId: version.organizationId,
			after: { versionId, position, ...itemSummary(item) },
			summary: `问卷“${version.title}”第 ${version.version} 版：新增第 ${position} 题`
		});
		return id;
	});
}

async function itemOf(tx: DbOrTx, versionId: string, itemId: string) {
	const item = await tx.select().from(surveyItems).where(and(eq(surveyItems.id, itemId), eq(surveyItems.versionId, versionId))).get();
	if (!item) throw notFound('没有找到这道题');
	return item;
}

/** Replaces an item of a draft with what the form says. */
export async function updateItem(db: DbOrTx, actor: Actor, audit: AuditActor, versionId: string, itemId: string, item: EditedItem): Promise<void> {
	await db.transaction(async (tx) => {
		const version = await draftFor(tx, actor, versionId);
		const before = await itemOf(tx, versionId, itemId);
		refuseItemForKind(version.questionnaireKind, item, 'kind');
		await refuseRepeatedDemographic(tx, versionId, item, itemId);
		await tx.update(surveyItems).set(item).where(eq(surveyItems.id, itemId));
		await recordAudit(tx, audit, {
			action: 'questionnaire.item.edit',
			objectKind: 'questionnaire',
			objectId: version.questionnaireId,
			organizationId: version.organizationId,
			before: { versionId, position: before.position, ...itemSummary(before as EditedItem) },
			after: { versionId, position: before.position, ...itemSummary(item) },
			summary: `问卷“${version.title}”第 ${version.version} 版：修改第 ${before.position} 题`
		});
	});
}

/** Removes an item from a draft; the items after it move up one place. */
export async function removeItem(db: DbOrTx, actor: Actor, audit: AuditActor, versionId: string, itemId: string): Promise<void> {
	await db.transaction(async (tx) => {
		const version = await draftFor(tx, actor, versionId);
		const item = await itemOf(tx, versionId, itemId);
		await tx.delete(surveyItems).where(eq(surveyItems.id, itemId));
		// In ascending order each item moves into the place just freed: the unique (version, position) holds.
		const after = await tx
			.select({ id: surveyItems.id, position: surveyItems.position })
			.from(surveyItems)
			.where(and(eq(surveyItems.versionId, versionId), gt(surveyItems.position, item.position)))
			.orderBy(asc(surveyItems.position));
		for (const a of after) await tx.update(surveyItems).set({ position: a.position - 1 }).where(eq(surveyItems.id, a.id));
		await recordAudit(tx, audit, {
			action: 'questionnaire.item.remove',
			objectKind: 'questionnaire',
			objectId: version.questionnaireId,
			organizationId: version.organizationId,
			before: { versionId, position: item.position, ...itemSummary(item as EditedItem) },
			summary: `问卷“${version.title}”第 ${version.version} 版：删除第 ${item.position} 题`
		});
	});
}

/** Swaps an item with its neighbour above or below; at either end nothing moves. */
export async function moveItem(db: DbOrTx, actor: Actor, audit: AuditActor, versionId: string, itemId: string, direction: 'up' | 'down'): Promise<void> {
	await db.transaction(async (tx) => {
		const version = await draftFor(tx, actor, versionId);
		const item = await itemOf(tx, versionId, itemId);
		const target = item.position + (direction === 'up' ? -1 : 1);
		const neighbour = await tx
			.select({ id: surveyItems.id })
			.from(surveyItems)
			.where(and(eq(surveyItems.versionId, versionId), eq(surveyItems.position, target)))
			.get();
		if (!neighbour) return;
		// Through a free place: the unique (version, position) index is checked row by row.
		await tx.update(surveyItems).set({ position: 100_000 }).where(eq(surveyItems.id, item.id));
		await tx.update(surveyItems).set({ position: item.position }).where(eq(surveyItems.id, neighbour.id));
		await tx.update(surveyItems).set({ position: target }).where(eq(surveyItems.id, item.id));
		await recordAudit(tx, audit, {
			action: 'questionnaire.item.move',
			objectKind: 'questionnaire',
			objectId: version.questionnaireId,
			organizationId: version.organizationId,
			before: { versionId, position: item.position },
			after: { versionId, position: target },
			summary: `问卷“${version.title}”第 ${version.version} 版：第 ${item.position} 题移到第 ${target} 题`
		});
	});
}

/** The draft's name and the words shown before the first question. */
export async function updateDraftHeading(db: DbOrTx, actor: Actor, audit: AuditActor, versionId: string, values: { title?: string; intro?: string }): Promise<void> {
	const title = (values.title ?? '').trim();
	const intro = (values.intro ?? '').trim();
	if (!title) throw invalid('请填写问卷名称', 'title');
	if (title.length > 60) throw invalid('问卷名称不超过 60 个字', 'title');
	if (!isSingleLine(title)) throw invalid(`问卷名称${SINGLE_LINE_MESSAGE}`, 'title');
	if (intro.length > 500) throw invalid('说明不超过 500 个字', 'intro');
	if (!hasNoControlsButLineBreaks(intro)) throw invalid(`说明${MULTI_LINE_MESSAGE}`, 'intro');
	await db.transaction(async (tx) => {
		const version = await draftFor(tx, actor, versionId);
		// Publishing gives the questionnaire this name: another one of the organization may not have it.
		await assertTitleFree(tx, version.organizationId, title, version.questionnaireId);
		await tx.update(questionnaireVersions).set({ title, intro: intro || null }).where(eq(questionnaireVersions.id, versionId));
		await recordAudit(tx, audit, {
			action: 'questionnaire.heading',
			objectKind: 'questionnaire',
			objectId: version.questionnaireId,
			organizationId: version.organizationId,
			before: { versionId, title: version.title, intro: version.intro },
			after: { versionId, title, intro: intro || null },
			summary: `问卷第 ${version.version} 版改名为“${title}”`
		});
	});
}

/**
 * Publishes a draft: from now on surveys may run it and nothing in it changes. The questionnaire takes
 * the published version's name.
 */
export async function publishDraft(db: DbOrTx, actor: Actor, audit: AuditActor, versionId: string, now = new Date()): Promise<void> {
	await db.transaction(async (tx) => {
		const version = await draftFor(tx, actor, versionId);
		const items = await versionItems(tx, versionId);
		const refusal = notPublishableBecause(version.questionnaireKind, items);
		if (refusal) throw invalid(refusal, 'form');
		// Every item again against the kind: a draft saved before a rule changed is not published past it.
		for (const item of items) refuseItemForKind(version.questionnaireKind, item, 'form', `第 ${item.position} 题：`);
		await assertTitleFree(tx, version.organizationId, version.title, version.questionnaireId, 'form');
		await tx.update(questionnaireVersions).set({ status: 'published', publishedAt: now }).where(eq(questionnaireVersions.id, versionId));
		await tx.update(questionnaires).set({ title: version.title }).where(eq(questionnaires.id, version.questionnaireId));
		await recordAudit(tx, audit, {
			action: 'questionnaire.publish',
			objectKind: 'questionnaire',
			objectId: version.questionnaireId,
			organizationId: version.organizationId,
			after: { versionId, version: version.version, items: items.length },
			summary: `发布问卷：${version.title}（第 ${version.version} 版，${items.length} 道题）`
		}, now);
	});
}

/** An item as the editor form's fields, the inverse of itemFromForm. */
export function itemFormValues(item: Pick<SurveyItem, 'kind' | 'prompt' | 'options' | 'answerKey' | 'points' | 'aspect' | 'category' | 'demographic'>): Record<string, string> {
	const values: Record<string, string> = { kind: item.kind, prompt: item.prompt, points: item.points ? String(item.points) : '', aspect: item.aspect ?? '', category: item.category ?? '', demographic: item.demographic ?? '' };
	if (item.kind === 'rating') return values;
	if (item.kind === 'true_false') {
		values.tfAnswer = item.answerKey?.[0] ?? '';
		return values;
	}
	for (const option of item.options) {
		values[`option-${option.key}`] = option.label;
		if (item.answerKey?.includes(option.key)) values[`correct-${option.key}`] = 'on';
	}
	return values;
}
