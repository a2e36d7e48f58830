import { beforeEach, describe, expect, it } from 'vitest';
import { answerItem, newDeviceToken, startResponse, submitResponse } from './answering';
import { createQuestionnaireFrom } from './create';
import { addItem, publishDraft } from './editor';
import { itemFromForm } from './item-form';
import { versionItems } from './questionnaires';
import { summarizeRatings } from './rating-results';
import { listSurveysFor, literacyOverviewFor, surveyResults } from './results';
import { createSurvey } from './surveys';
import { insertSurveyOrganizer, organizerOf, SURVEY_ORGANIZER, surveyWorldForEachTest } from '../testing/surveys';

const { t, w } = surveyWorldForEachTest();
const audit = SURVEY_ORGANIZER;
const hospital = () => organizerOf(w.hospital.id);
const NOW = new Date('2026-11-20T08:00:00Z');

beforeEach(async () => {
	await insertSurveyOrganizer(t.db);
});

/** A satisfaction survey after the lecture: the template's 6 rating items and a question on sex. */
async function satisfactionSurvey() {
	const q = await createQuestionnaireFrom(t.db, hospital(), audit, { title: '讲座满意度', kind: 'satisfaction', organizationId: w.hospital.id, source: 'template' }, NOW);
	await addItem(t.db, hospital(), audit, q.versionId, itemFromForm({ kind: 'demographic', demographic: 'sex', prompt: '您的性别是？', 'option-A': '男', 'option-B': '女' }));
	await publishDraft(t.db, hospital(), audit, q.versionId, NOW);
	const survey = await createSurvey(t.db, hospital(), { versionId: q.versionId, kind: 'post', eventId: w.lectureId, title: '讲座后满意度调查' });
	return { ...q, survey, items: await versionItems(t.db, q.versionId) };
}

/** One phone's sheet: `levels[k]` is the option key chosen for rating item k + 1; every sheet says 女. */
async function answer(code: string, items: Awaited<ReturnType<typeof versionItems>>, levels: string[], submit = true) {
	const device = newDeviceToken();
	const { responseId } = await startResponse(t.db, code, device, {}, NOW);
	const ratings = items.filter((i) => i.kind === 'rating');
	for (const [k, item] of ratings.entries()) await answerItem(t.db, code, device, { responseId, itemId: item.id, choices: [levels[k]!] }, NOW);
	const sex = items.find((i) => i.demographic === 'sex')!;
	await answerItem(t.db, code, device, { responseId, itemId: sex.id, choices: ['B'] }, NOW);
	if (submit) await submitResponse(t.db, code, device, { responseId }, NOW);
}

describe('a satisfaction survey’s results', () => {
	it('are the distribution of each rating item with its satisfied share and mean, hand-counted, and no literacy level', async () => {
		const { survey, items } = await satisfactionSurvey();
		//            item 1 item 2 item 3 item 4 item 5 item 6
		await answer(survey.code, items, ['A', 'A', 'B', 'C', 'A', 'E']);
		await answer(survey.code, items, ['A', 'B', 'B', 'D', 'A', 'E']);
		await answer(survey.code, items, ['B', 'C', 'B', 'E', 'A', 'D']);
		await answer(survey.code, items, ['B', 'C', 'C', 'E', 'B', 'D']);
		await answer(survey.code, items, ['A', 'A', 'A', 'A', 'A', 'A'], false); // still answering: not counted

		const { ratings, comparison, survey: row } = await surveyResults(t.db, hospital(), survey.id);
		expect(row).toMatchObject({ questionnaireKind: 'satisfaction', respondents: 4 });
		expect(comparison).toBeNull();
		expect(ratings).not.toBeNull();
		expect(ratings!.respondents).toBe(4);
		expect(ratings!.items.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6]);
		const first = ratings!.items[0]!;
		expect(first.levels.map((l) => [l.label, l.count, l.share])).toEqual([
			['非常满意', 2, 0.5],
			['满意', 2, 0.5],
			['一般', 0, 0],
			['不满意', 0, 0],
			['非常不满意', 0, 0]
		]);
		expect(first).toMatchObject({ n: 4, satisfied: 4, satisfiedShare: 1, mean: 4.5, smallSample: true });
		// Item 2: A, B, C, C → (5 + 4 + 3 + 3) / 4 = 3.75; 2 of 4 satisfied.
		expect(ratings!.items[1]).toMatchObject({ satisfied: 2, satisfiedShare: 0.5, mean: 3.75 });
		// Item 4: C, D, E, E → (3 + 2 + 1 + 1) / 4 = 1.75; nobody satisfied.
		expect(ratings!.items[3]).toMatchObject({ satisfied: 0, satisfiedShare: 0, mean: 1.75 });
		expect(ratings!.items[3]!.levels.map((l) => l.count)).toEqual([0, 0, 1, 1, 2]);
		// Satisfied answers over all: 4 + 2 + 3 + 0 + 4 + 0 = 13 of 24.
		expect(ratings!.satisfiedShare).toBeCloseTo(13 / 24);

		// Not pooled into the literacy overview, which reads literacy questionnaires only.
		const listed = await listSurveysFor(t.db, hospital());
		expect(listed.find((s) => s.id === survey.id)).toMatchObject({ questionnaireKind: 'satisfaction', respondents: 4 });
		expect((await literacyOverviewFor(t.db, hospital(), listed)).map((o) => o.versionId)).not.toContain(row.versionId);
	});

	it('reads nothing into items nobody answered', () => {
		const item = { id: 'i1', versionId: 'v', position: 1, kind: 'rating' as const, prompt: '满意吗？', options: [{ key: 'A', label: '非常满意' }, { key: 'B', label: '满意' }, { key: 'C', label: '一般' }, { key: 'D', label: '不满意' }, { key: 'E', label: '非常不满意' }], answerKey: null, points: null, aspect: null, category: null, demographic: null, createdAt: NOW };
		const summary = summarizeRatings([item], 0, []);
		expect(summary).toEqual({
			respondents: 0,
			satisfiedShare: null,
			smallSample: true,
			items: [{ itemId: 'i1', position: 1, prompt: '满意吗？', n: 0, satisfied: 0, satisfiedShare: null, mean: null, smallSample: true, levels: item.options.map((o) => ({ ...o, count: 0, share: null })) }]
		});
	});
});
