/**
 * A resident answering a survey on a phone, one question per screen, without an account.
 *
 * The phone is recognised by a random token in a cookie (only its SHA-256 is stored), which lets a
 * resident close the page and carry on later with the same sheet, and keeps one sheet per phone per
 * survey unless the organizer allows more. Answers are anonymous; a sheet is tied to a registration
 * only when the resident types their check-in code and asks for it.
 *
 * Every refusal (closed survey, unknown item, an answer that is not an option, a second submission, a
 * form whose hidden fields were changed) is a DomainError with a Chinese message, thrown before
 * anything is written; each write is one transaction.
 */
import { and, asc, count, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { generateToken, hashToken } from '../auth/tokens';
import type { DbOrTx } from '../db/client';
import { events, questionnaireVersions, questionnaires, registrations, sites, surveyAnswers, surveyItems, surveyResponses, surveys } from '../db/schema';
import { conflict, invalid, notFound } from '../errors';
import { newId } from '../ids';
import { parseOrThrow } from '../validation';
import { recordScore } from './scores';
import { SURVEY_CODE_PATTERN } from './surveys';
import { dm } from '../../i18n/domain';

/** A fresh device token for the cookie; never stored as is. */
export function newDeviceToken(): string {
	return generateToken();
}

/** The tokens `newDeviceToken` makes (base32, 32 characters); anything else in the cookie is ignored. */
export function isDeviceToken(value: string | undefined | null): value is string {
	return typeof value === 'string' && /^[a-z2-7]{32}$/.test(value);
}

export const MESSAGES = dm.surveys.answering;

export type SurveyRow = typeof surveys.$inferSelect;

/** A survey found by its public code, with what a resident is shown about it (share-view.ts reads it too). */
export interface SurveyContext {
	survey: SurveyRow;
	questionnaireKind: (typeof questionnaires.$inferSelect)['kind'];
	intro: string | null;
	eventTitle: string | null;
	eventDate: string | null;
	eventStart: string | null;
	siteName: string | null;
	/** How many questions it asks. */
	total: number;
}

/** Null for a code that is not one (no query) or that no survey has. */
export async function surveyContext(db: DbOrTx, code: string): Promise<SurveyContext | null> {
	if (!SURVEY_CODE_PATTERN.test(code)) return null;
	const row = await db
		.select({
			survey: surveys,
			questionnaireKind: questionnaires.kind,
			intro: questionnaireVersions.intro,
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
	const [n] = await db.select({ n: count() }).from(surveyItems).where(eq(surveyItems.versionId, row.survey.versionId));
	return { ...row, total: n?.n ?? 0 };
}

async function requireSurvey(db: DbOrTx, code: string): Promise<SurveyContext> {
	const context = await surveyContext(db, code);
	if (!context) throw notFound(dm.surveys.answering.surveyNotFound);
	return context;
}

async function openSheetOf(db: DbOrTx, surveyId: string, deviceHash: string) {
	return db
		.select()
		.from(surveyResponses)
		.where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.deviceHash, deviceHash), eq(surveyResponses.status, 'in_progress')))
		.get();
}

async function submittedSheetOf(db: DbOrTx, surveyId: string, deviceHash: string) {
	return db
		.select({ id: surveyResponses.id })
		.from(surveyResponses)
		.where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.deviceHash, deviceHash), eq(surveyResponses.status, 'submitted')))
		.orderBy(desc(surveyResponses.submittedAt))
		.get();
}

export interface QuestionView {
	itemId: string;
	position: number;
	total: number;
	kind: (typeof surveyItems.$inferSelect)['kind'];
	prompt: string;
	options: { key: string; label: string }[];
	chosen: string[];
	/** The first of the "about you" questions gets a short explanation of why they are asked. */
	firstDemographic: boolean;
}

export type SurveyStep =
	| { kind: 'intro'; canLink: boolean; again: boolean }
	| { kind: 'question'; responseId: string; question: QuestionView; answered: number }
	| { kind: 'review'; responseId: string; unanswered: number[]; answered: number }
	| { kind: 'done' }
	| { kind: 'already' }
	| { kind: 'closed' };

export interface SurveyPage {
	code: string;
	title: string;
	intro: string | null;
	eventTitle: string | null;
	siteName: string | null;
	kind: SurveyRow['kind'];
	/** What the questionnaire is for: a satisfaction survey is not called a quiz. */
	questionnaireKind: SurveyContext['questionnaireKind'];
	total: number;
	step: SurveyStep;
}

/**
 * What the phone should show: the intro, question `position` (default: the first unanswered), the
 * review before submitting, or why it cannot answer. Null for a code no survey has.
 */
export async function surveyPage(
	db: DbOrTx,
	code: string,
	deviceToken: string | null,
	request: { position?: number | null; review?: boolean; done?: boolean } = {}
): Promise<SurveyPage | null> {
	const context = await surveyContext(db, code);
	if (!context) return null;
	const { survey } = context;
	const page = (step: SurveyStep): SurveyPage => ({
		code: survey.code,
		title: survey.title,
		intro: context.intro,
		eventTitle: context.eventTitle,
		siteName: context.siteName,
		kind: survey.kind,
		questionnaireKind: context.questionnaireKind,
		total: context.total,
		step
	});
	const deviceHash = isDeviceToken(deviceToken) ? hashToken(deviceToken) : null;
	const open = deviceHash ? await openSheetOf(db, survey.id, deviceHash) : undefined;
	const submitted = deviceHash ? await submittedSheetOf(db, survey.id, deviceHash) : undefined;
	if (request.done && submitted && !open) return page({ kind: 'done' });
	if (survey.status === 'closed') return page({ kind: 'closed' });
	if (!open) {
		if (submitted && !survey.allowMultiplePerDevice) return page({ kind: 'already' });
		return page({ kind: 'intro', canLink: survey.eventId !== null, again: Boolean(submitted) });
	}
	const items = await db.select().from(surveyItems).where(eq(surveyItems.versionId, survey.versionId)).orderBy(asc(surveyItems.position));
	const answers = new Map(
		(await db.select({ itemId: surveyAnswers.itemId, choices: surveyAnswers.choices }).from(surveyAnswers).where(eq(surveyAnswers.responseId, open.id))).map(
			(a) => [a.itemId, a.choices]
		)
	);
	const unanswered = items.filter((i) => !answers.has(i.id)).map((i) => i.position);
	const wanted = request.review ? null : (request.position ?? unanswered[0] ?? null);
	const item = wanted === null ? undefined : items.find((i) => i.position === wanted);
	if (!item) return page({ kind: 'review', responseId: open.id, unanswered, answered: answers.size });
	const firstDemographic = items.find((i) => i.kind === 'demographic')?.id === item.id;
	return page({
		kind: 'question',
		responseId: open.id,
		answered: answers.size,
		question: {
			itemId: item.id,
			position: item.position,
			total: items.length,
			kind: item.kind,
			prompt: item.prompt,
			options: item.options,
			chosen: answers.get(item.id) ?? [],
			firstDemographic
		}
	});
}

const CHECK_IN_CODE = /^[A-Za-z0-9]{6}$/;

/**
 * Starts (or resumes) this phone's sheet. A check-in code, if the resident typed one, links the
 * sheet to their registration at the survey's event; left empty, the sheet stays anonymous.
 */
export async function startResponse(
	db: DbOrTx,
	code: string,
	deviceToken: string,
	input: { checkInCode?: string | null },
	now = new Date()
): Promise<{ responseId: string; resumed: boolean }> {
	if (!isDeviceToken(deviceToken)) throw invalid(MESSAGES.tampered);
	const checkInCode = (input.checkInCode ?? '').trim();
	if (checkInCode && !CHECK_IN_CODE.test(checkInCode)) throw invalid(MESSAGES.badCode, 'checkInCode');
	const deviceHash = hashToken(deviceToken);
	return db.transaction(async (tx) => {
		const { survey } = await requireSurvey(tx, code);
		if (survey.status === 'closed') throw conflict(MESSAGES.closed);
		const open = await openSheetOf(tx, survey.id, deviceHash);
		if (open) return { responseId: open.id, resumed: true };
		if (!survey.allowMultiplePerDevice && (await submittedSheetOf(tx, survey.id, deviceHash))) throw conflict(MESSAGES.already);
		let registrationId: string | null = null;
		if (checkInCode) {
			if (!survey.eventId) throw invalid(MESSAGES.unknownCode, 'checkInCode');
			const registration = await tx
				.select({ id: registrations.id })
				.from(registrations)
				.where(and(eq(registrations.eventId, survey.eventId), eq(registrations.checkInCode, checkInCode.toUpperCase())))
				.get();
			if (!registration) throw invalid(MESSAGES.unknownCode, 'checkInCode');
			registrationId = registration.id;
		}
		const responseId = newId();
		await tx.insert(surveyResponses).values({ id: responseId, surveyId: survey.id, deviceHash, registrationId, startedAt: now });
		return { responseId, resumed: false };
	});
}

/** The fields an answer form posts: the sheet and item as hidden fields, the chosen options. */
export const AnswerInput = z.object({
	responseId: z.string().min(1, MESSAGES.tampered),
	itemId: z.string().min(1, MESSAGES.tampered),
	choices: z.array(z.string().max(4, MESSAGES.notAnOption)).max(20, MESSAGES.notAnOption)
});
export type AnswerInput = z.input<typeof AnswerInput>;

/** The phone's open sheet, checked against what the form says it is; refusals explain themselves. */
async function sheetForForm(tx: DbOrTx, survey: SurveyRow, deviceToken: string, responseId: string) {
	if (!isDeviceToken(deviceToken)) throw invalid(MESSAGES.notStarted);
	const deviceHash = hashToken(deviceToken);
	if (survey.status === 'closed') throw conflict(MESSAGES.closed);
	const open = await openSheetOf(tx, survey.id, deviceHash);
	if (!open) {
		const submitted = await submittedSheetOf(tx, survey.id, deviceHash);
		if (submitted) throw conflict(MESSAGES.alreadySubmitted);
		throw invalid(MESSAGES.notStarted);
	}
	if (open.id !== responseId) throw invalid(MESSAGES.tampered);
	return open;
}

/**
 * Records (or changes) the answer to one item, and says where to go next: the following question,
 * or the review screen after the last one.
 */
export async function answerItem(
	db: DbOrTx,
	code: string,
	deviceToken: string,
	input: AnswerInput,
	now = new Date()
): Promise<{ next: number | 'review' }> {
	const values = parseOrThrow(AnswerInput, input);
	return db.transaction(async (tx) => {
		const { survey, total } = await requireSurvey(tx, code);
		const sheet = await sheetForForm(tx, survey, deviceToken, values.responseId);
		const item = await tx
			.select()
			.from(surveyItems)
			.where(and(eq(surveyItems.id, values.itemId), eq(surveyItems.versionId, survey.versionId)))
			.get();
		if (!item) throw invalid(MESSAGES.unknownItem);
		const keys = new Set(item.options.map((o) => o.key));
		const choices = [...new Set(values.choices)].sort();
		if (choices.some((c) => !keys.has(c))) throw invalid(MESSAGES.notAnOption, 'choices');
		if (item.kind === 'multiple_choice') {
			if (choices.length === 0) throw invalid(MESSAGES.chooseSome, 'choices');
		} else if (choices.length !== 1) {
			throw invalid(MESSAGES.chooseOne, 'choices');
		}
		await tx
			.insert(surveyAnswers)
			.values({ responseId: sheet.id, itemId: item.id, choices, answeredAt: now })
			.onConflictDoUpdate({ target: [surveyAnswers.responseId, surveyAnswers.itemId], set: { choices, answeredAt: now } });
		await tx.update(surveyResponses).set({ updatedAt: now }).where(eq(surveyResponses.id, sheet.id));
		return { next: item.position < total ? item.position + 1 : 'review' };
	});
}

/** Hands the sheet in. Every question must have an answer; a second submission is refused. */
export async function submitResponse(db: DbOrTx, code: string, deviceToken: string, input: { responseId: string }, now = new Date()): Promise<void> {
	const responseId = parseOrThrow(z.string().min(1, MESSAGES.tampered), input.responseId);
	await db.transaction(async (tx) => {
		const { survey } = await requireSurvey(tx, code);
		const sheet = await sheetForForm(tx, survey, deviceToken, responseId);
		const items = await tx.select({ id: surveyItems.id, position: surveyItems.position }).from(surveyItems).where(eq(surveyItems.versionId, survey.versionId)).orderBy(asc(surveyItems.position));
		const answered = new Set((await tx.select({ itemId: surveyAnswers.itemId }).from(surveyAnswers).where(eq(surveyAnswers.responseId, sheet.id))).map((a) => a.itemId));
		const missing = items.filter((i) => !answered.has(i.id)).map((i) => i.position);
		if (missing.length) throw invalid(dm.surveys.answering.unanswered(missing.slice(0, 5).join('、'), missing.length > 5));
		await tx.update(surveyResponses).set({ status: 'submitted', submittedAt: now, updatedAt: now }).where(eq(surveyResponses.id, sheet.id));
		// Scored now, against the version answered, so results and reports only add up stored figures.
		await recordScore(tx, { responseId: sheet.id, surveyId: survey.id, versionId: survey.versionId, submittedAt: now });
	});
}
