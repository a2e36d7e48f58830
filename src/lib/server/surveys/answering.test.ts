import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/audit';
import { surveyAnswers, surveyResponses } from '../db/schema';
import { registerForEvent } from '../events/registration';
import { answerItem, MESSAGES, newDeviceToken, startResponse, submitResponse, surveyPage } from './answering';
import { createSurveyIn, setSurveyOpenIn } from './surveys';
import { answersFor, surveyWorldForEachTest } from '../testing/surveys';

const { t, w } = surveyWorldForEachTest();

async function fillIn(code: string, device: string, right = 20) {
	const { responseId } = await startResponse(t.db, code, device, {});
	for (const a of answersFor(w.items, right)) await answerItem(t.db, code, device, { responseId, ...a });
	return responseId;
}

/** Everything the answering tables hold, to show a refusal changed nothing. */
async function snapshot() {
	return { responses: await t.db.select().from(surveyResponses), answers: await t.db.select().from(surveyAnswers) };
}

describe('answering on a phone', () => {
	it('walks one question at a time with progress, resumes where the resident left off, and counts the submitted sheet', async () => {
		const { code } = await w.standalone();
		const device = newDeviceToken();
		expect((await surveyPage(t.db, code, null))?.step).toEqual({ kind: 'intro', canLink: false, again: false });
		const { responseId } = await startResponse(t.db, code, device, {});
		const first = await surveyPage(t.db, code, device);
		expect(first?.step).toMatchObject({ kind: 'question', question: { position: 1, total: 24 } });
		const [a1, a2] = answersFor(w.items, 20);
		expect(await answerItem(t.db, code, device, { responseId, ...a1! })).toEqual({ next: 2 });
		await answerItem(t.db, code, device, { responseId, ...a2! });
		// Closing the page and coming back: the same sheet, at question 3.
		expect(await startResponse(t.db, code, device, {})).toEqual({ responseId, resumed: true });
		expect((await surveyPage(t.db, code, device))?.step).toMatchObject({ kind: 'question', answered: 2, question: { position: 3 } });
		// Going back to question 1 shows the answer already given.
		expect((await surveyPage(t.db, code, device, { position: 1 }))?.step).toMatchObject({ question: { position: 1, chosen: a1!.choices } });
		for (const a of answersFor(w.items, 20).slice(2)) await answerItem(t.db, code, device, { responseId, ...a });
		expect((await surveyPage(t.db, code, device))?.step).toMatchObject({ kind: 'review', unanswered: [] });
		await submitResponse(t.db, code, device, { responseId });
		expect((await surveyPage(t.db, code, device, { done: true }))?.step).toEqual({ kind: 'done' });
		const sheet = await t.db.select().from(surveyResponses).where(eq(surveyResponses.id, responseId)).get();
		expect(sheet).toMatchObject({ status: 'submitted', registrationId: null });
		expect(sheet?.deviceHash).not.toBe(device);
	});

	it('takes one sheet per phone unless the organizer allows more', async () => {
		const single = await w.standalone();
		const device = newDeviceToken();
		const id = await fillIn(single.code, device);
		await submitResponse(t.db, single.code, device, { responseId: id });
		await expect(startResponse(t.db, single.code, device, {})).rejects.toMatchObject({ status: 409, message: MESSAGES.already });
		expect((await surveyPage(t.db, single.code, device))?.step).toEqual({ kind: 'already' });

		const shared = await w.standalone({ allowMultiplePerDevice: true });
		const first = await fillIn(shared.code, device);
		await submitResponse(t.db, shared.code, device, { responseId: first });
		expect((await surveyPage(t.db, shared.code, device))?.step).toEqual({ kind: 'intro', canLink: false, again: true });
		const second = await startResponse(t.db, shared.code, device, {});
		expect(second.resumed).toBe(false);
		expect(second.responseId).not.toBe(first);
	});

	it('links a sheet to a registration only when the resident types their check-in code', async () => {
		const pre = await createSurveyIn(t.db, SYSTEM_ACTOR, { versionId: w.versionId, kind: 'pre', eventId: w.lectureId, title: '讲座前' });
		const reg = await registerForEvent(t.db, w.lectureId, { name: '王秀兰', phone: '13812345678', ageBand: '60_69', consent: true }, '2026-11-01', null);
		expect((await surveyPage(t.db, pre.code, null))?.step).toEqual({ kind: 'intro', canLink: true, again: false });
		const before = await snapshot();
		await expect(startResponse(t.db, pre.code, newDeviceToken(), { checkInCode: 'ZZZZZZ' })).rejects.toMatchObject({ status: 400, field: 'checkInCode', message: MESSAGES.unknownCode });
		expect(await snapshot()).toEqual(before);
		const linked = await startResponse(t.db, pre.code, newDeviceToken(), { checkInCode: reg.checkInCode.toLowerCase() });
		const anonymous = await startResponse(t.db, pre.code, newDeviceToken(), { checkInCode: '' });
		const rows = await t.db.select().from(surveyResponses);
		expect(rows.find((r) => r.id === linked.responseId)?.registrationId).toBe(reg.id);
		expect(rows.find((r) => r.id === anonymous.responseId)?.registrationId).toBeNull();
	});
});

describe('bad input is refused with a message and changes nothing', () => {
	it('refuses an answer to an item of another questionnaire, an option the item does not have, and two picks on a single choice', async () => {
		const { code } = await w.standalone();
		const device = newDeviceToken();
		const { responseId } = await startResponse(t.db, code, device, {});
		const before = await snapshot();
		const single = w.items.find((i) => i.kind === 'single_choice')!;
		const multiple = w.items.find((i) => i.kind === 'multiple_choice')!;
		await expect(answerItem(t.db, code, device, { responseId, itemId: 'not-an-item', choices: ['A'] })).rejects.toMatchObject({ status: 400, message: MESSAGES.unknownItem });
		await expect(answerItem(t.db, code, device, { responseId, itemId: single.id, choices: ['Z'] })).rejects.toMatchObject({ status: 400, message: MESSAGES.notAnOption });
		await expect(answerItem(t.db, code, device, { responseId, itemId: single.id, choices: ['A', 'B'] })).rejects.toMatchObject({ status: 400, message: MESSAGES.chooseOne });
		await expect(answerItem(t.db, code, device, { responseId, itemId: multiple.id, choices: [] })).rejects.toMatchObject({ status: 400, message: MESSAGES.chooseSome });
		expect(await snapshot()).toEqual(before);
	});

	it('refuses a form whose hidden sheet id was changed to another phone\'s sheet', async () => {
		const { code } = await w.standalone();
		const mine = newDeviceToken();
		const theirs = newDeviceToken();
		await startResponse(t.db, code, mine, {});
		const { responseId: theirSheet } = await startResponse(t.db, code, theirs, {});
		const before = await snapshot();
		const item = answersFor(w.items, 20)[0]!;
		await expect(answerItem(t.db, code, mine, { responseId: theirSheet, ...item })).rejects.toMatchObject({ status: 400, message: MESSAGES.tampered });
		await expect(submitResponse(t.db, code, mine, { responseId: theirSheet })).rejects.toMatchObject({ status: 400, message: MESSAGES.tampered });
		expect(await snapshot()).toEqual(before);
	});

	it('refuses answers and submissions once the survey is closed, keeping what was already submitted', async () => {
		const { id, code } = await w.standalone();
		const done = newDeviceToken();
		await submitResponse(t.db, code, done, { responseId: await fillIn(code, done) });
		const late = newDeviceToken();
		const lateSheet = await fillIn(code, late);
		await setSurveyOpenIn(t.db, SYSTEM_ACTOR, id, false);
		const before = await snapshot();
		const item = answersFor(w.items, 20)[0]!;
		await expect(answerItem(t.db, code, late, { responseId: lateSheet, ...item })).rejects.toMatchObject({ status: 409, message: MESSAGES.closed });
		await expect(submitResponse(t.db, code, late, { responseId: lateSheet })).rejects.toMatchObject({ status: 409, message: MESSAGES.closed });
		await expect(startResponse(t.db, code, newDeviceToken(), {})).rejects.toMatchObject({ status: 409, message: MESSAGES.closed });
		expect(await snapshot()).toEqual(before);
		expect((await surveyPage(t.db, code, newDeviceToken()))?.step).toEqual({ kind: 'closed' });
	});

	it('refuses a second submission of the same sheet, and a submission with questions left', async () => {
		const { code } = await w.standalone();
		const device = newDeviceToken();
		const { responseId } = await startResponse(t.db, code, device, {});
		await answerItem(t.db, code, device, { responseId, ...answersFor(w.items, 20)[0]! });
		await expect(submitResponse(t.db, code, device, { responseId })).rejects.toMatchObject({ status: 400, message: '还有第2、3、4、5、6题等没有回答，请答完再提交。' });
		for (const a of answersFor(w.items, 20).slice(1)) await answerItem(t.db, code, device, { responseId, ...a });
		await submitResponse(t.db, code, device, { responseId });
		const before = await snapshot();
		await expect(submitResponse(t.db, code, device, { responseId })).rejects.toMatchObject({ status: 409, message: MESSAGES.alreadySubmitted });
		await expect(answerItem(t.db, code, device, { responseId, ...answersFor(w.items, 20)[0]! })).rejects.toMatchObject({ status: 409, message: MESSAGES.alreadySubmitted });
		expect(await snapshot()).toEqual(before);
	});

	it('answers a made-up code with nothing, and a made-up device with the intro', async () => {
		const { code } = await w.standalone();
		expect(await surveyPage(t.db, 'nosuch', null)).toBeNull();
		expect(await surveyPage(t.db, '../../x', null)).toBeNull();
		expect((await surveyPage(t.db, code, 'not a token'))?.step.kind).toBe('intro');
		await expect(answerItem(t.db, code, 'not a token', { responseId: 'x', itemId: w.items[0]!.id, choices: ['T'] })).rejects.toMatchObject({ status: 400, message: MESSAGES.notStarted });
	});
});
