/**
 * What a survey's share card and poster say: its title, where and for which event it runs, how many
 * questions. Nothing about answers; the same for every visitor, so it can be cached and shared.
 */
import { formatSittingWhen } from '../../format/dates';
import type { DbOrTx } from '../db/client';
import type { questionnaires, surveys } from '../db/schema';
import { surveyContext } from './answering';

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
	const context = await surveyContext(db, code);
	if (!context) return null;
	const { survey: row, eventDate, eventStart } = context;
	return {
		code: row.code,
		title: row.title,
		kind: row.kind,
		questionnaireKind: context.questionnaireKind,
		eventTitle: context.eventTitle,
		eventWhen: eventDate && eventStart ? formatSittingWhen(eventDate, eventStart) : null,
		siteName: context.siteName,
		questions: context.total,
		open: row.status === 'open'
	};
}
