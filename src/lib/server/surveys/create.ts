/**
 * Starting a questionnaire in the console: blank, from the template of its kind, or as a copy of a
 * questionnaire the owning organization can see; and, from a lecture's page, the lecture's own quiz
 * from the quiz template. Either way the result is a first version, a draft, that the editor
 * (editor.ts) edits and publishes.
 *
 * A copy is the source's latest published version, item by item into new rows: the copy and the
 * source never share an item, so editing one never changes the other, and answers given to the
 * source stay attached to the source's own items.
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit, type AuditActor } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { authorize, loadOrgTree, organizedOrgIds, type OrgTree } from '../auth/scope';
import { organizationsInScope } from '../console/org-lists';
import type { DbOrTx } from '../db/client';
import { events, organizations, questionnaireVersions, questionnaires, surveyItems } from '../db/schema';
import { conflict, DomainError, invalid } from '../errors';
import { newId } from '../ids';
import { assertChosenOrganizationInReach } from '../organizations/reach';
import { isSingleLine, SINGLE_LINE_MESSAGE } from '../text/single-line';
import { formatMonthDay } from '../../format/dates';
import { assertTitleFree } from './editor';
import { type EditedItem } from './item-form';
import { isQuestionnaireKind, QUESTIONNAIRE_KIND_LABELS, refuseItemForKind, type QuestionnaireKind } from './kinds';
import { versionItems } from './questionnaires';
import { TEMPLATES } from './templates';
import { dm } from '../../i18n/domain';

export const TITLE_MAX = 60;

/** Where a new questionnaire starts: nothing, its kind's template, or a copy of a questionnaire (`copy:<id>`). */
export type Source = { from: 'blank' } | { from: 'template' } | { from: 'copy'; questionnaireId: string };

export function parseSource(value: string | undefined | null): Source | null {
	if (value === 'blank' || value === 'template') return { from: value };
	const copy = /^copy:(.+)$/.exec(value ?? '');
	return copy ? { from: 'copy', questionnaireId: copy[1]! } : null;
}

export interface NewQuestionnaireInput {
	title?: string;
	kind?: string;
	organizationId?: string;
	/** `blank`, `template` or `copy:<questionnaire id>`. */
	source?: string;
}

export interface CreatedQuestionnaire {
	questionnaireId: string;
	versionId: string;
}

function checkedTitle(value: string | undefined): string {
	const title = (value ?? '').trim();
	if (!title) throw invalid(dm.surveys.errors.titleRequired, 'title');
	if (title.length > TITLE_MAX) throw invalid(dm.surveys.errors.titleTooLong(TITLE_MAX), 'title');
	if (!isSingleLine(title)) throw invalid(dm.surveys.errors.titleSingleLine(SINGLE_LINE_MESSAGE), 'title');
	return title;
}

/** Whether `owner` can see a questionnaire of `sourceOrg`: its own, one above it, or one below it. */
function visibleTo(tree: OrgTree, owner: string, sourceOrg: string): boolean {
	return tree.pathOf(owner).includes(sourceOrg) || tree.subtreeOf(owner).has(sourceOrg);
}

/**
 * The source questionnaire's latest published version and its items, after checking that the owning
 * organization can see it (403 at the field otherwise: the organizer picked it and can pick another).
 */
async function copySource(tx: DbOrTx, tree: OrgTree, owner: string, questionnaireId: string) {
	const source = await tx
		.select({ id: questionnaires.id, title: questionnaires.title, kind: questionnaires.kind, organizationId: questionnaires.organizationId })
		.from(questionnaires)
		.where(eq(questionnaires.id, questionnaireId))
		.get();
	if (!source) throw invalid(dm.surveys.errors.copySourceMissing, 'source');
	if (!visibleTo(tree, owner, source.organizationId)) {
		throw new DomainError('forbidden', dm.surveys.errors.copySourceOutOfReach, 'source');
	}
	const version = await tx
		.select()
		.from(questionnaireVersions)
		.where(and(eq(questionnaireVersions.questionnaireId, questionnaireId), eq(questionnaireVersions.status, 'published')))
		.orderBy(desc(questionnaireVersions.version))
		.get();
	if (!version) throw invalid(dm.surveys.errors.copySourceUnpublished(source.title), 'source');
	return { source, version, items: await versionItems(tx, version.id) };
}

/**
 * Writes a questionnaire and its first version, a draft, with fresh item rows, and the audit entry that
 * says where it came from (`origin.source`: a template, a blank, the version it copies).
 */
async function insertDraft(
	tx: DbOrTx,
	audit: AuditActor,
	values: { organizationId: string; title: string; kind: QuestionnaireKind; eventId: string | null; intro: string | null; items: readonly EditedItem[] },
	origin: { source: unknown; summary: string },
	now: Date
): Promise<CreatedQuestionnaire> {
	const questionnaireId = newId();
	const versionId = newId();
	await tx.insert(questionnaires).values({ id: questionnaireId, organizationId: values.organizationId, title: values.title, kind: values.kind, eventId: values.eventId });
	await tx.insert(questionnaireVersions).values({ id: versionId, questionnaireId, version: 1, title: values.title, intro: values.intro });
	if (values.items.length) {
		await tx.insert(surveyItems).values(
			values.items.map((item, i) => ({
				id: newId(),
				versionId,
				position: i + 1,
				kind: item.kind,
				prompt: item.prompt,
				options: item.options.map((o) => ({ key: o.key, label: o.label })),
				answerKey: item.answerKey ? [...item.answerKey] : null,
				points: item.points,
				aspect: item.aspect,
				category: item.category,
				demographic: item.demographic
			}))
		);
	}
	const { organizationId, title, kind, eventId } = values;
	await recordAudit(
		tx,
		audit,
		{
			action: 'questionnaire.create',
			objectKind: 'questionnaire',
			objectId: questionnaireId,
			organizationId,
			after: { title, kind, organizationId, ...(eventId ? { eventId } : {}), source: origin.source, items: values.items.length },
			summary: origin.summary
		},
		now
	);
	return { questionnaireId, versionId };
}

/**
 * Creates a questionnaire for an organizer: the owning organization must be one they organize, and a
 * copied questionnaire one that organization can see; both are checked before anything else is read
 * from the form. The name must be new in the organization, and every item must fit the kind (a
 * satisfaction survey has no answer keys, a quiz has them on every question). Nothing is written
 * unless all of it holds. Audited.
 */
export async function createQuestionnaireFrom(db: DbOrTx, actor: Actor, audit: AuditActor, input: NewQuestionnaireInput, now = new Date()): Promise<CreatedQuestionnaire> {
	return db.transaction(async (tx) => {
		const tree = await loadOrgTree(tx);
		const organizationId = (input.organizationId ?? '').trim();
		if (!organizationId) throw invalid(dm.surveys.errors.organizationRequired, 'organizationId');
		await assertChosenOrganizationInReach(tx, tree, actor, 'survey:manage', organizationId, 'organizationId', {
			missing: dm.surveys.errors.organizationMissingRetry,
			outOfReach: dm.surveys.errors.organizationOutOfReachCreate
		});
		const source = parseSource(input.source);
		const copied = source?.from === 'copy' ? await copySource(tx, tree, organizationId, source.questionnaireId) : null;

		if (!isQuestionnaireKind(input.kind)) throw invalid(dm.surveys.errors.kindRequired, 'kind');
		const kind = input.kind;
		const title = checkedTitle(input.title);
		if (!source) throw invalid(dm.surveys.errors.sourceRequired, 'source');
		const template = source.from === 'template' ? TEMPLATES[kind] : null;
		if (source.from === 'template' && !template) throw invalid(dm.surveys.errors.noTemplate(QUESTIONNAIRE_KIND_LABELS[kind]), 'source');
		const items: readonly EditedItem[] = copied ? copied.items : (template?.items ?? []);
		if (copied) items.forEach((item, i) => refuseItemForKind(kind, item, 'source', dm.surveys.errors.copiedItemWhere(copied.source.title, i + 1)));
		await assertTitleFree(tx, organizationId, title, null);

		const from = copied ? dm.surveys.audit.fromCopy(copied.source.title, copied.version.version) : template ? dm.surveys.audit.fromTemplate : dm.surveys.audit.fromBlank;
		return insertDraft(
			tx,
			audit,
			{ organizationId, title, kind, eventId: null, intro: copied ? copied.version.intro : (template?.intro ?? null), items },
			{
				source: copied ? { questionnaireId: copied.source.id, versionId: copied.version.id } : source.from,
				summary: dm.surveys.audit.created(title, QUESTIONNAIRE_KIND_LABELS[kind], from, items.length)
			},
			now
		);
	});
}

export interface LectureQuiz {
	questionnaireId: string;
	title: string;
	/** The newest version: a draft to finish, or published and ready to run before and after. */
	latestVersionId: string;
	draft: boolean;
	/** The newest published version, the one a survey runs. */
	publishedVersionId: string | null;
}

/** The lecture's own quiz (not archived), made with 创建课前/课后小测验; null when it has none. */
export async function lectureQuizOf(db: DbOrTx, actor: Actor, eventId: string): Promise<LectureQuiz | null> {
	await authorize(db, actor, 'survey:manage', 'event', eventId);
	const quiz = await db
		.select({ id: questionnaires.id, title: questionnaires.title })
		.from(questionnaires)
		.where(and(eq(questionnaires.eventId, eventId), isNull(questionnaires.archivedAt)))
		.orderBy(asc(questionnaires.createdAt))
		.get();
	if (!quiz) return null;
	const versions = await db
		.select({ id: questionnaireVersions.id, status: questionnaireVersions.status })
		.from(questionnaireVersions)
		.where(eq(questionnaireVersions.questionnaireId, quiz.id))
		.orderBy(desc(questionnaireVersions.version));
	const latest = versions[0]!;
	return { questionnaireId: quiz.id, title: quiz.title, latestVersionId: latest.id, draft: latest.status === 'draft', publishedVersionId: versions.find((v) => v.status === 'published')?.id ?? null };
}

/** `讲座小测验：<lecture>`, cut to fit; the date is added when another questionnaire of the organization has the name. */
async function freeLectureQuizTitle(tx: DbOrTx, organizationId: string, lecture: { title: string; date: string }): Promise<string> {
	const named = (suffix: string) => {
		const head = dm.surveys.labels.lectureQuizTitleHead;
		return `${head}${lecture.title.slice(0, TITLE_MAX - head.length - suffix.length)}${suffix}`;
	};
	for (const title of [named(''), named(`（${formatMonthDay(lecture.date)}）`)]) {
		const taken = await tx
			.select({ id: questionnaires.id })
			.from(questionnaires)
			.where(and(eq(questionnaires.organizationId, organizationId), eq(questionnaires.title, title)))
			.get();
		if (!taken) return title;
	}
	throw conflict(dm.surveys.errors.quizTitleTaken(named('')), 'form');
}

/**
 * 创建课前/课后小测验 on a lecture's page: a lecture quiz from the template, named after the lecture,
 * owned by the lecture's organization, remembered as the lecture's. A lecture that already has one
 * gets that one back (`created: false`), so a second click never makes a second quiz.
 */
export async function createLectureQuiz(db: DbOrTx, actor: Actor, audit: AuditActor, eventId: string, now = new Date()): Promise<CreatedQuestionnaire & { created: boolean }> {
	return db.transaction(async (tx) => {
		await authorize(tx, actor, 'survey:manage', 'event', eventId);
		const event = await tx
			.select({ id: events.id, title: events.title, date: events.date, kind: events.kind, status: events.status, organizationId: events.organizationId })
			.from(events)
			.where(eq(events.id, eventId))
			.get();
		if (!event) throw invalid(dm.surveys.errors.lectureNotFound, 'form');
		if (event.kind !== 'lecture') throw invalid(dm.surveys.errors.quizOnlyForLectures, 'form');
		if (event.status === 'cancelled') throw conflict(dm.surveys.errors.quizLectureCancelled, 'form');
		const existing = await lectureQuizOf(tx, actor, eventId);
		if (existing) return { questionnaireId: existing.questionnaireId, versionId: existing.latestVersionId, created: false };
		const template = TEMPLATES.lecture_quiz!;
		const title = await freeLectureQuizTitle(tx, event.organizationId, event);
		const created = await insertDraft(
			tx,
			audit,
			{ organizationId: event.organizationId, title, kind: 'lecture_quiz', eventId, intro: `“${event.title}”${template.intro}`, items: template.items },
			{ source: 'template', summary: dm.surveys.audit.quizCreated(event.title, title, template.items.length) },
			now
		);
		return { ...created, created: true };
	});
}

export interface CreateFormOptions {
	organizations: { id: string; name: string }[];
	kinds: { value: QuestionnaireKind; label: string; templateItems: number | null }[];
	/** Questionnaires with a published version owned on the actor's branch of the tree, to copy. */
	copies: { value: string; label: string }[];
}

/** What the 新建问卷 form offers the actor. */
export async function questionnaireCreateOptions(db: DbOrTx, actor: Actor): Promise<CreateFormOptions> {
	const tree = await loadOrgTree(db);
	const scope = organizedOrgIds(actor, tree);
	const branch = scope === null ? null : new Set([...scope, ...actor.organizerOf.flatMap((id) => tree.pathOf(id))]);
	const rows = await db
		.select({
			id: questionnaires.id,
			title: questionnaires.title,
			kind: questionnaires.kind,
			archivedAt: questionnaires.archivedAt,
			organizationId: questionnaires.organizationId,
			organizationName: organizations.name,
			version: questionnaireVersions.version
		})
		.from(questionnaires)
		.innerJoin(organizations, eq(organizations.id, questionnaires.organizationId))
		.innerJoin(questionnaireVersions, and(eq(questionnaireVersions.questionnaireId, questionnaires.id), eq(questionnaireVersions.status, 'published')))
		.where(branch ? inArray(questionnaires.organizationId, [...branch]) : undefined)
		.orderBy(asc(questionnaires.title), desc(questionnaireVersions.version));
	const seen = new Set<string>();
	const copies: CreateFormOptions['copies'] = [];
	for (const r of rows) {
		if (seen.has(r.id)) continue;
		seen.add(r.id);
		copies.push({
			value: `copy:${r.id}`,
			label: dm.surveys.labels.copyOption(r.title, r.organizationName, QUESTIONNAIRE_KIND_LABELS[r.kind], r.version, Boolean(r.archivedAt))
		});
	}
	return {
		organizations: (await organizationsInScope(db, actor)).map((o) => ({ id: o.id, name: o.name })),
		kinds: (Object.keys(QUESTIONNAIRE_KIND_LABELS) as QuestionnaireKind[]).map((value) => ({
			value,
			label: QUESTIONNAIRE_KIND_LABELS[value],
			templateItems: TEMPLATES[value]?.items.length ?? null
		})),
		copies
	};
}
