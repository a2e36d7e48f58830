/**
 * What a survey's share card and poster say: its title, where and for which event it runs, how many
 * questions. Nothing about answers; the same for every visitor, so it can be cached and shared.
 */
import { count, eq } from 'drizzle-orm';
import { formatSittingWhen } from '../../format/dates';
import type { DbOrTx } from '../db/client';
import { events, questionnaires, questionnaireVersions, sites, surveyItems, surveys } from '../db/schema';
import { SURVEY_CODE_PATTERN } from './surveys';

export interface SurveyShareView {
	code: string;
	title: string;
	kind: (typeof surveys.$inferSelect)['kind'];
	questionnaireKind: (typeof questionnaires.$inferSelect)['kind'];
	eventTitle: string | null;
	/** The event's day and part of day, e.g. 11月28日 周六 上午. */
	eventWhen: string | null;
	siteName: string | null;
	questions: number;
	/** A closed survey takes no answers: it is not advertised (no poster), though its page still says so. */
	open: boolean;
}

export async function surveyShareView(db: DbOrTx, code: string): Promise<SurveyShareView | null> {
	if (!SURVEY_CODE_PATTERN.test(code)) return null;
	const row = await db
		.select({
			code: surveys.code,
			title: surveys.title,
			kind: surveys.kind,
			questionnaireKind: questionnaires.kind,
			status: surveys.status,
			versionId: surveys.versionId,
			eventTitle: events.title,
			eventDate: events.date,
			eventStart: events.startTime,
			siteName: sites.name
		})
		.from(surveys)
		.innerJoin(questionnaireVersions, eq(questionnaireVersions.id, surveys.versionId))
		.innerJoin(questionnaires, eq(questionnaires.id, questionnaireVersions.questionnaireId))
		.leftJoin(events, eq(events.id, surveys.eventId))
		.leftJoin(sites, eq(sites.id, surveys.siteId))
		.where(eq(surveys.code, code))
		.get();
	if (!row) return null;
	const [n] = await db.select({ n: count() }).from(surveyItems).where(eq(surveyItems.versionId, row.versionId));
	return {
		code: row.code,
		title: row.title,
		kind: row.kind,
		questionnaireKind: row.questionnaireKind,
		eventTitle: row.eventTitle,
		eventWhen: row.eventDate && row.eventStart ? formatSittingWhen(row.eventDate, row.eventStart) : null,
		siteName: row.siteName,
		questions: n?.n ?? 0,
		open: row.status === 'open'
	};
}
