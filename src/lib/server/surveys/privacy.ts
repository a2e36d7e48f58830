/**
 * A survey sheet is tied to a person only when they typed their check-in code (answering.ts). For
 * those sheets the person's rights reach the answers too: an export of their data includes them, and
 * erasing their data cuts the tie, leaving the answers anonymous and still counted.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { surveyAnswers, surveyItems, surveyResponses, surveys } from '../db/schema';
import { dm } from '../../i18n/domain';

export interface LinkedSheet {
	survey: string;
	status: string;
	submittedAt: string | null;
	answers: { question: string; answer: string }[];
}

/** The sheets linked to these registrations, as the person would read them. */
export async function surveySheetsOfRegistrations(db: DbOrTx, registrationIds: readonly string[]): Promise<LinkedSheet[]> {
	if (registrationIds.length === 0) return [];
	const sheets = await db
		.select({ id: surveyResponses.id, status: surveyResponses.status, submittedAt: surveyResponses.submittedAt, survey: surveys.title })
		.from(surveyResponses)
		.innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
		.where(inArray(surveyResponses.registrationId, [...registrationIds]))
		.orderBy(asc(surveyResponses.startedAt));
	if (sheets.length === 0) return [];
	const answers = await db
		.select({ responseId: surveyAnswers.responseId, choices: surveyAnswers.choices, prompt: surveyItems.prompt, options: surveyItems.options, position: surveyItems.position })
		.from(surveyAnswers)
		.innerJoin(surveyItems, eq(surveyItems.id, surveyAnswers.itemId))
		.where(inArray(surveyAnswers.responseId, sheets.map((s) => s.id)))
		.orderBy(asc(surveyItems.position));
	return sheets.map((s) => ({
		survey: s.survey,
		status: s.status === 'submitted' ? dm.surveys.labels.sheetSubmitted : dm.surveys.labels.sheetAnswering,
		submittedAt: s.submittedAt?.toISOString() ?? null,
		answers: answers
			.filter((a) => a.responseId === s.id)
			.map((a) => ({ question: dm.surveys.labels.sheetQuestion(a.position, a.prompt), answer: a.choices.map((k) => a.options.find((o) => o.key === k)?.label ?? k).join('；') }))
	}));
}

/** Cuts the tie between these registrations and any survey sheets; the answers stay, anonymous. */
export async function unlinkSurveySheets(tx: DbOrTx, registrationIds: readonly string[]): Promise<number> {
	if (registrationIds.length === 0) return 0;
	const unlinked = await tx
		.update(surveyResponses)
		.set({ registrationId: null })
		.where(inArray(surveyResponses.registrationId, [...registrationIds]))
		.returning({ id: surveyResponses.id });
	return unlinked.length;
}
