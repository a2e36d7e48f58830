/**
 * What the console shows of questionnaires: the list an organizer may manage, one questionnaire with
 * its versions and how much each is used, and one version with its items.
 */
import { asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import { authorize, loadOrgTree, organizedOrgIds } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import {
	events,
	organizations,
	questionnaireVersions,
	questionnaires,
	surveyResponses,
	surveys
} from '../db/schema';
import { notFound } from '../errors';
import { type QuestionnaireKind } from './kinds';
import { versionItems, type SurveyItem } from './questionnaires';
import { dm } from '../../i18n/domain';

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
	if (!row) throw notFound(dm.surveys.errors.questionnaireNotFound);
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

export async function loadVersion(db: DbOrTx, versionId: string) {
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
	if (!version) throw notFound(dm.surveys.errors.versionNotFound);
	return version;
}

/** One version and its items, for reading or (a draft) editing. */
export async function versionView(db: DbOrTx, actor: Actor, questionnaireId: string, versionId: string): Promise<VersionView> {
	const version = await loadVersion(db, versionId);
	if (version.questionnaireId !== questionnaireId) throw notFound(dm.surveys.errors.versionNotFound);
	await authorize(db, actor, 'survey:manage', 'questionnaire', questionnaireId);
	const { organizationId: _, eventId, ...rest } = version;
	const lecture = eventId ? ((await db.select({ id: events.id, title: events.title }).from(events).where(eq(events.id, eventId)).get()) ?? null) : null;
	return { ...rest, lecture, items: await versionItems(db, versionId) };
}
