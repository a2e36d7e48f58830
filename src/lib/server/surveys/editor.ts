/**
 * The questionnaire editor in the console: an organizer sees a questionnaire's versions, starts a draft
 * from the latest one (its items copied), edits the draft item by item and publishes it. A published
 * version is frozen: every write here loads the version inside its transaction and refuses one that is
 * no longer a draft, whatever the form says.
 */
import { and, asc, eq, gt, max, ne } from 'drizzle-orm';
import { recordAudit, type AuditActor, type AuditEntry } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { authorize } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { questionnaireVersions, questionnaires, surveyItems } from '../db/schema';
import { conflict, invalid, notFound } from '../errors';
import { newId } from '../ids';
import { hasNoControlsButLineBreaks, isSingleLine, MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE } from '../text/single-line';
import { notPublishableBecause, refuseItemForKind } from './kinds';
import { latestVersion, MAX_ITEMS, TOO_MANY_ITEMS, versionItems } from './questionnaires';
import { loadVersion } from './questionnaire-views';
import { DEMOGRAPHIC_LABELS, type EditedItem } from './item-form';
import { dm } from '../../i18n/domain';

const FROZEN = dm.surveys.errors.versionFrozen;

/** An entry on the questionnaire's trail about a change to one of its drafts (`action` after `questionnaire.`). */
function draftEntry(version: { questionnaireId: string; organizationId: string }, action: string, change: Pick<AuditEntry, 'before' | 'after'>, summary: string): AuditEntry {
	return { action: `questionnaire.${action}`, objectKind: 'questionnaire', objectId: version.questionnaireId, organizationId: version.organizationId, ...change, summary };
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
	if (same) throw invalid(dm.surveys.errors.titleTaken(title, Boolean(same.archivedAt)), field);
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
		if (latest.status === 'draft') throw conflict(dm.surveys.errors.draftPending(latest.version));
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
			summary: dm.surveys.audit.draftVersion(latest.title, version, latest.version)
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
	if (other) throw invalid(dm.surveys.errors.demographicAsked(other.position, DEMOGRAPHIC_LABELS[item.demographic]), 'demographic');
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
		await recordAudit(tx, audit, draftEntry(version, 'item.add', { after: { versionId, position, ...itemSummary(item) } }, dm.surveys.audit.itemAdded(version.title, version.version, position)));
		return id;
	});
}

async function itemOf(tx: DbOrTx, versionId: string, itemId: string) {
	const item = await tx.select().from(surveyItems).where(and(eq(surveyItems.id, itemId), eq(surveyItems.versionId, versionId))).get();
	if (!item) throw notFound(dm.surveys.errors.itemNotFound);
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
		await recordAudit(tx, audit, draftEntry(version, 'item.edit', { before: { versionId, position: before.position, ...itemSummary(before as EditedItem) }, after: { versionId, position: before.position, ...itemSummary(item) } }, dm.surveys.audit.itemEdited(version.title, version.version, before.position)));
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
		await recordAudit(tx, audit, draftEntry(version, 'item.remove', { before: { versionId, position: item.position, ...itemSummary(item as EditedItem) } }, dm.surveys.audit.itemDeleted(version.title, version.version, item.position)));
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
		await recordAudit(tx, audit, draftEntry(version, 'item.move', { before: { versionId, position: item.position }, after: { versionId, position: target } }, dm.surveys.audit.itemMoved(version.title, version.version, item.position, target)));
	});
}

/** The draft's name and the words shown before the first question. */
export async function updateDraftHeading(db: DbOrTx, actor: Actor, audit: AuditActor, versionId: string, values: { title?: string; intro?: string }): Promise<void> {
	const title = (values.title ?? '').trim();
	const intro = (values.intro ?? '').trim();
	if (!title) throw invalid(dm.surveys.errors.titleRequired, 'title');
	if (title.length > 60) throw invalid(dm.surveys.errors.titleTooLong(60), 'title');
	if (!isSingleLine(title)) throw invalid(dm.surveys.errors.titleSingleLine(SINGLE_LINE_MESSAGE), 'title');
	if (intro.length > 500) throw invalid(dm.surveys.errors.introTooLong, 'intro');
	if (!hasNoControlsButLineBreaks(intro)) throw invalid(dm.surveys.errors.introControls(MULTI_LINE_MESSAGE), 'intro');
	await db.transaction(async (tx) => {
		const version = await draftFor(tx, actor, versionId);
		// Publishing gives the questionnaire this name: another one of the organization may not have it.
		await assertTitleFree(tx, version.organizationId, title, version.questionnaireId);
		await tx.update(questionnaireVersions).set({ title, intro: intro || null }).where(eq(questionnaireVersions.id, versionId));
		await recordAudit(tx, audit, draftEntry(version, 'heading', { before: { versionId, title: version.title, intro: version.intro }, after: { versionId, title, intro: intro || null } }, dm.surveys.audit.renamed(version.version, title)));
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
		for (const item of items) refuseItemForKind(version.questionnaireKind, item, 'form', dm.surveys.errors.itemWhere(item.position));
		await assertTitleFree(tx, version.organizationId, version.title, version.questionnaireId, 'form');
		await tx.update(questionnaireVersions).set({ status: 'published', publishedAt: now }).where(eq(questionnaireVersions.id, versionId));
		await tx.update(questionnaires).set({ title: version.title }).where(eq(questionnaires.id, version.questionnaireId));
		await recordAudit(tx, audit, draftEntry(version, 'publish', { after: { versionId, version: version.version, items: items.length } }, dm.surveys.audit.published(version.title, version.version, items.length)), now);
	});
}
