/**
 * Retiring a questionnaire. One that has answers is archived, never deleted: no new survey may use it,
 * and its surveys, answer sheets and results stay as they are (a survey still running keeps running
 * until the organizer ends it). One without a single answer sheet may be deleted outright, with its
 * versions, items and the surveys started with it (they have nothing to lose), once the organizer
 * has typed its title: nothing brings a deleted questionnaire back, so the confirmation makes them
 * read which one goes, where a ticked box is ticked without reading. Every step is audited.
 */
import { eq, inArray } from 'drizzle-orm';
import { recordAudit, type AuditActor } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { authorize } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { questionnaireVersions, questionnaires, surveyItems, surveys } from '../db/schema';
import { conflict, invalid, notFound } from '../errors';
import { usageOf } from './questionnaire-views';
import { QUESTIONNAIRE_KIND_LABELS } from './kinds';
import { dm } from '../../i18n/domain';

async function questionnaireFor(tx: DbOrTx, actor: Actor, questionnaireId: string) {
	await authorize(tx, actor, 'survey:manage', 'questionnaire', questionnaireId);
	const row = await tx.select().from(questionnaires).where(eq(questionnaires.id, questionnaireId)).get();
	if (!row) throw notFound(dm.surveys.errors.questionnaireNotFound);
	return row;
}

/** Hides a questionnaire from new surveys; its results stay. Archiving an archived one changes nothing. */
export async function archiveQuestionnaire(db: DbOrTx, actor: Actor, audit: AuditActor, questionnaireId: string, now = new Date()): Promise<void> {
	await setQuestionnaireArchived(db, actor, audit, questionnaireId, true, now);
}

/** Puts an archived questionnaire back in use. */
export async function restoreQuestionnaire(db: DbOrTx, actor: Actor, audit: AuditActor, questionnaireId: string, now = new Date()): Promise<void> {
	await setQuestionnaireArchived(db, actor, audit, questionnaireId, false, now);
}

/** Archives or restores, audited; a questionnaire already so is left as it is, with no entry. */
async function setQuestionnaireArchived(db: DbOrTx, actor: Actor, audit: AuditActor, questionnaireId: string, archived: boolean, now: Date): Promise<void> {
	await db.transaction(async (tx) => {
		const q = await questionnaireFor(tx, actor, questionnaireId);
		if (Boolean(q.archivedAt) === archived) return;
		const archivedAt = archived ? now : null;
		await tx.update(questionnaires).set({ archivedAt, updatedAt: now }).where(eq(questionnaires.id, questionnaireId));
		await recordAudit(
			tx,
			audit,
			{
				action: archived ? 'questionnaire.archive' : 'questionnaire.restore',
				objectKind: 'questionnaire',
				objectId: questionnaireId,
				organizationId: q.organizationId,
				before: { archivedAt: q.archivedAt?.toISOString() ?? null },
				after: { archivedAt: archivedAt?.toISOString() ?? null },
				summary: archived ? dm.surveys.audit.archived(q.title) : dm.surveys.audit.restored(q.title)
			},
			now
		);
	});
}

/**
 * Deletes a questionnaire nobody has answered, after the organizer typed its title (spaces around it
 * do not count): its versions, items, and the surveys started with it. One with any answer sheet
 * (submitted or still being filled in) is refused with the way out: archive it.
 */
export async function deleteQuestionnaire(db: DbOrTx, actor: Actor, audit: AuditActor, questionnaireId: string, input: { confirmTitle?: string }, now = new Date()): Promise<void> {
	await db.transaction(async (tx) => {
		const q = await questionnaireFor(tx, actor, questionnaireId);
		const { sheets } = await usageOf(tx, questionnaireId);
		if (sheets > 0) throw conflict(dm.surveys.errors.hasSheets(sheets), 'form');
		const typed = (input.confirmTitle ?? '').trim();
		if (typed === '') throw invalid(dm.surveys.errors.confirmTitle(q.title), 'confirmTitle');
		if (typed !== q.title.trim()) throw invalid(dm.surveys.errors.confirmTitleMismatch(q.title), 'confirmTitle');
		const versions = await tx.select({ id: questionnaireVersions.id, version: questionnaireVersions.version }).from(questionnaireVersions).where(eq(questionnaireVersions.questionnaireId, questionnaireId));
		const versionIds = versions.map((v) => v.id);
		const unanswered = versionIds.length ? await tx.select({ id: surveys.id, code: surveys.code, title: surveys.title }).from(surveys).where(inArray(surveys.versionId, versionIds)) : [];
		if (unanswered.length) await tx.delete(surveys).where(inArray(surveys.id, unanswered.map((s) => s.id)));
		if (versionIds.length) {
			await tx.delete(surveyItems).where(inArray(surveyItems.versionId, versionIds));
			await tx.delete(questionnaireVersions).where(inArray(questionnaireVersions.id, versionIds));
		}
		await tx.delete(questionnaires).where(eq(questionnaires.id, questionnaireId));
		await recordAudit(
			tx,
			audit,
			{
				action: 'questionnaire.delete',
				objectKind: 'questionnaire',
				objectId: questionnaireId,
				organizationId: q.organizationId,
				before: { title: q.title, kind: q.kind, eventId: q.eventId, versions: versions.map((v) => v.version), surveys: unanswered },
				summary: dm.surveys.audit.deleted(q.title, QUESTIONNAIRE_KIND_LABELS[q.kind], versions.length, unanswered.length)
			},
			now
		);
	});
}
