/**
 * Surveys: a published questionnaire version run before or after a lecture (tied to the event), or on
 * its own. Each has a short code for its link and QR code (/s/<code>), and is open or closed.
 *
 * `createSurvey` and `setSurveyOpen` are what the console calls: they take the signed-in actor and
 * check `survey:manage` on every object the survey touches before they read the input. The `…In`
 * writers below them check nothing; they are for the demo seed and tests, which write as the system.
 */
import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../audit/audit';
import { assertCan, type Actor } from '../auth/policy';
import { loadOrgTree, organizedOrgIds, scopedObject, type OrgTree } from '../auth/scope';
import type { Db, DbOrTx } from '../db/client';
import { SURVEY_KINDS, events, questionnaireVersions, questionnaires, sites, surveys } from '../db/schema';
import { conflict, DomainError, invalid, notFound } from '../errors';
import { assertChosenOrganizationInReach } from '../organizations/reach';
import { newId } from '../ids';
import { parseOrThrow } from '../validation';
import { singleLineText } from '../text/single-line';
import { dm } from '../../i18n/domain';

/** Lower-case letters and digits without 0/o/1/l: read aloud or typed from a poster without mistakes. */
export const SURVEY_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const SURVEY_CODE_LENGTH = 6;
export const SURVEY_CODE_PATTERN = /^[a-z2-9]{6}$/;

export function newSurveyCode(): string {
	let code = '';
	for (let i = 0; i < SURVEY_CODE_LENGTH; i++) code += SURVEY_CODE_ALPHABET[randomInt(SURVEY_CODE_ALPHABET.length)];
	return code;
}

/** The address a poster and QR code carry. */
export function surveyUrl(origin: string, code: string): string {
	return `${origin}/s/${code}`;
}

export const SurveyInput = z
	.object({
		versionId: z.string().min(1, dm.surveys.survey.versionRequired),
		kind: z.enum(SURVEY_KINDS, { message: dm.surveys.survey.kindRequired }),
		eventId: z.string().min(1).nullish(),
		/** For a standalone survey: where it runs (null: district-wide). */
		siteId: z.string().min(1).nullish(),
		/** Owner of a standalone survey; an event's survey belongs to the event's organization. */
		organizationId: z.string().min(1).nullish(),
		title: singleLineText(dm.surveys.survey.titleField).min(1, dm.surveys.survey.titleRequired).max(60, dm.surveys.survey.titleTooLong),
		allowMultiplePerDevice: z.boolean().default(false)
	})
	.refine((v) => v.kind === 'standalone' || v.eventId, { message: dm.surveys.survey.lectureRequired, path: ['eventId'] });
export type SurveyInput = z.input<typeof SurveyInput>;

export interface CreatedSurvey {
	id: string;
	code: string;
}

/** The ids a survey form names, read before the form is validated so that access is checked first. */
function idField(input: unknown, name: 'versionId' | 'eventId' | 'siteId' | 'organizationId'): string | null {
	if (typeof input !== 'object' || input === null) return null;
	const value: unknown = (input as Record<string, unknown>)[name];
	return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The questionnaire a survey uses must be owned on the actor's branch of the tree (above them, like
 * the district's, or below them), as the console's form offers; another hospital's stays theirs.
 * An unknown version is left to the writer, which names the field.
 */
async function assertVersionInReach(tx: DbOrTx, tree: OrgTree, actor: Actor, versionId: string): Promise<void> {
	const scope = organizedOrgIds(actor, tree);
	if (scope === null) return;
	const row = await tx
		.select({ organizationId: questionnaires.organizationId })
		.from(questionnaireVersions)
		.innerJoin(questionnaires, eq(questionnaires.id, questionnaireVersions.questionnaireId))
		.where(eq(questionnaireVersions.id, versionId))
		.get();
	if (!row) return;
	const branch = new Set([...scope, ...actor.organizerOf.flatMap((id) => tree.pathOf(id))]);
	if (!branch.has(row.organizationId)) throw new DomainError('forbidden', dm.surveys.survey.versionOutOfReach, 'versionId');
}

/**
 * Starts a survey for an organizer: at a lecture they run (`survey:manage` on the event), at a site
 * they run, or for an organization in their reach; the questionnaire must be on their branch. All of
 * it is checked before the form is validated, so another hospital's lecture gets a 403 whatever the
 * form says. A standalone survey from the console needs its site.
 */
export async function createSurvey(db: Db, actor: Actor, input: SurveyInput, ids: { id?: string; code?: string } = {}): Promise<CreatedSurvey> {
	return db.transaction(async (tx) => {
		const tree = await loadOrgTree(tx);
		const eventId = idField(input, 'eventId');
		const siteId = idField(input, 'siteId');
		const organizationId = idField(input, 'organizationId');
		const versionId = idField(input, 'versionId');
		if (eventId) assertCan(actor, 'survey:manage', await scopedObject(tx, tree, 'event', eventId));
		if (siteId) assertCan(actor, 'survey:manage', await scopedObject(tx, tree, 'site', siteId));
		if (organizationId) {
			await assertChosenOrganizationInReach(tx, tree, actor, 'survey:manage', organizationId, 'organizationId', {
				missing: dm.surveys.survey.organizationMissing,
				outOfReach: dm.surveys.survey.organizationOutOfReach
			});
		}
		if (versionId) await assertVersionInReach(tx, tree, actor, versionId);
		const values = parseOrThrow(SurveyInput, input);
		// The console's form sends both lists; only the one the kind uses counts.
		const standalone = values.kind === 'standalone';
		if (standalone && !values.siteId && !values.organizationId) throw invalid(dm.surveys.survey.siteRequired, 'siteId');
		return createSurveyIn(tx, actor, { ...values, eventId: standalone ? null : values.eventId, siteId: standalone ? values.siteId : null }, ids);
	});
}

/**
 * Starts a survey on a published version; the code is drawn until it is free. Checks no access: the
 * demo seed and tests write with it as the system. The console calls `createSurvey`.
 */
export async function createSurveyIn(db: DbOrTx, actor: AuditActor, input: SurveyInput, ids: { id?: string; code?: string } = {}): Promise<CreatedSurvey> {
	const values = parseOrThrow(SurveyInput, input);
	return db.transaction(async (tx) => {
		const found = await tx
			.select({ version: questionnaireVersions, archivedAt: questionnaires.archivedAt })
			.from(questionnaireVersions)
			.innerJoin(questionnaires, eq(questionnaires.id, questionnaireVersions.questionnaireId))
			.where(eq(questionnaireVersions.id, values.versionId))
			.get();
		if (!found) throw invalid(dm.surveys.survey.versionMissing, 'versionId');
		const { version } = found;
		if (version.status !== 'published') throw invalid(dm.surveys.survey.versionUnpublished, 'versionId');
		if (found.archivedAt) throw invalid(dm.surveys.survey.questionnaireArchived, 'versionId');
		let organizationId: string;
		let siteId: string | null;
		if (values.eventId) {
			const event = await tx.select({ organizationId: events.organizationId, siteId: events.siteId }).from(events).where(eq(events.id, values.eventId)).get();
			if (!event) throw invalid(dm.surveys.survey.lectureMissing, 'eventId');
			organizationId = event.organizationId;
			siteId = event.siteId;
			const taken = await tx.select({ kind: surveys.kind, eventId: surveys.eventId }).from(surveys).where(eq(surveys.eventId, values.eventId)).all();
			if (taken.some((s) => s.kind === values.kind)) throw conflict(dm.surveys.survey.kindTaken, 'kind');
		} else {
			siteId = values.siteId ?? null;
			if (siteId) {
				const site = await tx.select({ organizationId: sites.organizationId }).from(sites).where(eq(sites.id, siteId)).get();
				if (!site) throw invalid(dm.surveys.survey.siteMissing, 'siteId');
				organizationId = values.organizationId ?? site.organizationId;
			} else {
				if (!values.organizationId) throw invalid(dm.surveys.survey.ownerRequired, 'organizationId');
				organizationId = values.organizationId;
			}
		}
		const id = ids.id ?? newId();
		let code = ids.code ?? newSurveyCode();
		for (let tries = 0; await tx.select({ id: surveys.id }).from(surveys).where(eq(surveys.code, code)).get(); tries++) {
			if (ids.code || tries > 20) throw conflict(dm.surveys.survey.codeTaken);
			code = newSurveyCode();
		}
		await tx.insert(surveys).values({
			id,
			code,
			versionId: values.versionId,
			organizationId,
			eventId: values.eventId ?? null,
			siteId,
			kind: values.kind,
			title: values.title,
			allowMultiplePerDevice: values.allowMultiplePerDevice
		});
		await recordAudit(tx, actor, {
			action: 'survey.create',
			objectKind: 'survey',
			objectId: id,
			organizationId,
			after: { ...values, code },
			summary: dm.surveys.audit.surveyCreated(values.title, code)
		});
		return { id, code };
	});
}

/** Opens or closes a survey, for an organizer with `survey:manage` on it. A closed survey takes no more answers; what was submitted stays counted. */
export async function setSurveyOpen(db: Db, actor: Actor, surveyId: string, open: boolean, now = new Date()): Promise<void> {
	await db.transaction(async (tx) => {
		assertCan(actor, 'survey:manage', await scopedObject(tx, await loadOrgTree(tx), 'survey', surveyId));
		await setSurveyOpenIn(tx, actor, surveyId, open, now);
	});
}

/** The same without an access check, for the demo seed and tests writing as the system; the console calls `setSurveyOpen`. */
export async function setSurveyOpenIn(db: DbOrTx, actor: AuditActor, surveyId: string, open: boolean, now = new Date()): Promise<void> {
	await db.transaction(async (tx) => {
		const survey = await tx.select().from(surveys).where(eq(surveys.id, surveyId)).get();
		if (!survey) throw notFound(dm.surveys.errors.surveyNotFound);
		if ((survey.status === 'open') === open) return;
		await tx.update(surveys).set({ status: open ? 'open' : 'closed', closedAt: open ? null : now }).where(eq(surveys.id, surveyId));
		await recordAudit(tx, actor, {
			action: open ? 'survey.reopen' : 'survey.close',
			objectKind: 'survey',
			objectId: surveyId,
			organizationId: survey.organizationId,
			before: { status: survey.status },
			after: { status: open ? 'open' : 'closed' },
			summary: dm.surveys.audit.surveyOpened(open, survey.title)
		});
	});
}

export interface EventSurvey {
	id: string;
	code: string;
	kind: 'pre' | 'post';
	title: string;
	open: boolean;
}

/**
 * The surveys run at an event, the one before the lecture first. `openOnly` is what residents see on the
 * event page: a closed survey takes no answers, so it gets no link.
 */
export async function surveysOfEvent(db: DbOrTx, eventId: string, { openOnly = false } = {}): Promise<EventSurvey[]> {
	const rows = await db
		.select({ id: surveys.id, code: surveys.code, kind: surveys.kind, title: surveys.title, status: surveys.status })
		.from(surveys)
		.where(and(eq(surveys.eventId, eventId), openOnly ? eq(surveys.status, 'open') : undefined));
	return rows
		.filter((r): r is typeof r & { kind: 'pre' | 'post' } => r.kind !== 'standalone')
		.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'pre' ? -1 : 1))
		.map((r) => ({ id: r.id, code: r.code, kind: r.kind, title: r.title, open: r.status === 'open' }));
}
