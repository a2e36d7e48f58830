import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { surveyAnswers, surveyResponses, surveyScores } from '../db/schema';
import { answerItem, newDeviceToken, startResponse, submitResponse } from './answering';
import { DEMO_ITEMS } from '../seed/demo-surveys';
import { MAX_ITEMS, publishVersion, reviseQuestionnaire, scoredItems, versionItems, type SurveyItem } from './questionnaires';
import { literacyOverviewFor, summarizeLiteracy, surveyResults, type Sheet } from './results';
import { correctBit, scoreRow, scoreUnscoredSheets } from './scores';
import { scoreResponse } from './scoring';
import { createSurveyIn } from './surveys';
import { TEST_COMMUNITY_ITEM, answersFor, surveyWorldForEachTest } from '../testing/surveys';

const { t, w } = surveyWorldForEachTest();

const admin: Actor = { userId: 'u', name: '管理员', isAdmin: true, organizerOf: [], volunteerOf: [], expertIds: [] };

/** mulberry32: the same varied sheets every run. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
		return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * One sheet's choices: each scored item right, wrong, or (multiple choice) a partial answer missing a
 * keyed option or adding a wrong one; demographics any option. With `gaps`, some items are left out
 * (a sheet from before answers were required, or imported), which scores 0 and groups as 未填写.
 */
function variedAnswers(items: readonly SurveyItem[], next: () => number, gaps: boolean): Map<string, string[]> {
	const answers = new Map<string, string[]>();
	for (const item of items) {
		if (gaps && next() < 0.15) continue;
		const keys = item.options.map((o) => o.key);
		if (item.kind === 'demographic') {
			answers.set(item.id, [keys[Math.floor(next() * keys.length)]!]);
			continue;
		}
		const key = item.answerKey!;
		const wrong = keys.filter((k) => !key.includes(k));
		const roll = next();
		if (roll < 0.7) answers.set(item.id, [...key].reverse());
		else if (item.kind === 'multiple_choice' && roll < 0.8) answers.set(item.id, key.slice(1));
		else if (item.kind === 'multiple_choice' && roll < 0.9) answers.set(item.id, [...key, wrong[0]!]);
		else answers.set(item.id, [wrong[Math.floor(next() * wrong.length)]!]);
	}
	return answers;
}

/** Through the phone: started, answered item by item, submitted. */
async function submitOnPhone(code: string, answers: ReadonlyMap<string, readonly string[]>) {
	const device = newDeviceToken();
	const { responseId } = await startResponse(t.db, code, device, {});
	for (const [itemId, choices] of answers) await answerItem(t.db, code, device, { responseId, itemId, choices: [...choices] });
	await submitResponse(t.db, code, device, { responseId });
	return responseId;
}

/** Straight into the tables, as sheets submitted before scores were stored: no score row yet. */
async function insertSubmitted(surveyId: string, answers: ReadonlyMap<string, readonly string[]>, k: number) {
	const id = `old-${surveyId}-${k}`;
	const at = new Date(Date.parse('2026-11-01T10:00:00+08:00') + k * 60_000);
	await t.db.insert(surveyResponses).values({ id, surveyId, deviceHash: `device-${id}`, status: 'submitted', startedAt: at, submittedAt: at });
	for (const [itemId, choices] of answers) await t.db.insert(surveyAnswers).values({ responseId: id, itemId, choices: [...choices], answeredAt: at });
}

describe('stored scores', () => {
	it('add up in SQL to what scoring every sheet gives, for varied sheets on two sites, old sheets included', async () => {
		const here = await w.standalone();
		const there = await w.standalone({ siteId: w.otherSite.id });
		const next = random(20261202);
		const sheets = new Map<string, Sheet[]>([
			[here.id, []],
			[there.id, []]
		]);
		const add = (surveyId: string, answers: Map<string, string[]>) =>
			sheets.get(surveyId)!.push({ siteName: surveyId === here.id ? '新桥社区卫生服务中心' : '山洞社区卫生服务中心', answers });
		// Exactly at the threshold (20 of 25) and one point under it, on each site.
		for (const survey of [here, there])
			for (const right of [16, 15]) {
				const answers = new Map(answersFor(w.items, right).map((a) => [a.itemId, a.choices]));
				await submitOnPhone(survey.code, answers);
				add(survey.id, answers);
			}
		for (let k = 0; k < 16; k++) {
			const survey = k % 3 === 0 ? there : here;
			const answers = variedAnswers(w.items, next, false);
			await submitOnPhone(survey.code, answers);
			add(survey.id, answers);
		}
		for (let k = 0; k < 24; k++) {
			const survey = k % 2 === 0 ? there : here;
			const answers = k === 0 ? new Map<string, string[]>() : variedAnswers(w.items, next, true);
			await insertSubmitted(survey.id, answers, k);
			add(survey.id, answers);
		}
		// The mix really is varied: partial multiple-choice answers, both sides of the threshold, gaps.
		const all = [...sheets.values()].flat();
		const scored = scoredItems(w.items);
		const scores = all.map((s) => scoreResponse(scored, s.answers));
		expect(scores.some((s) => s.literate) && scores.some((s) => !s.literate)).toBe(true);
		expect(scores.filter((s) => s.score * 5 === s.full * 4).length).toBeGreaterThanOrEqual(2);
		const multiple = scored.filter((i) => i.kind === 'multiple_choice');
		expect(all.some((s) => multiple.some((i) => (s.answers.get(i.id)?.length ?? 0) === i.answerKey.length - 1))).toBe(true);

		for (const survey of [here, there]) expect((await surveyResults(t.db, admin, survey.id)).results).toEqual(summarizeLiteracy(w.items, sheets.get(survey.id)!));
		const [district] = await literacyOverviewFor(t.db, admin);
		expect(district?.results).toEqual(summarizeLiteracy(w.items, all));
		expect(district?.results.byDemographic.age.some((g) => g.label === '未填写')).toBe(true);
		expect(await t.db.$count(surveyScores)).toBe(all.length);
	});

	it('scores a sheet on its own version when submitted, and a later revision does not change it', async () => {
		// The revision keys item 1 the other way: the same choices are right on one version, wrong on the other.
		const revised = DEMO_ITEMS.map((item, k) => (k === 0 && item.kind === 'true_false' ? { ...item, answer: !item.answer } : item));
		const v2 = await reviseQuestionnaire(t.db, w.questionnaireId, { title: '健康素养小测验', items: [...revised, TEST_COMMUNITY_ITEM] });
		await publishVersion(t.db, v2.versionId);
		const v2Items = await versionItems(t.db, v2.versionId);
		const onV1 = await w.standalone();
		const onV2 = await createSurveyIn(t.db, SYSTEM_ACTOR, { versionId: v2.versionId, kind: 'standalone', siteId: w.site.id, title: '第二版调查' });

		const allRight = answersFor(w.items, 20);
		const first = await submitOnPhone(onV1.code, new Map(allRight.map((a) => [a.itemId, a.choices])));
		// The same choice for every position, given on the revised version.
		const second = await submitOnPhone(onV2.code, new Map(allRight.map((a, k) => [v2Items[k]!.id, a.choices])));

		const stored = async (responseId: string) => t.db.select().from(surveyScores).where(eq(surveyScores.responseId, responseId)).get();
		expect(await stored(first)).toMatchObject({ surveyId: onV1.id, score: 25, fullScore: 25, literate: true, correctLow: 2 ** 20 - 1, correctHigh: 0 });
		expect(await stored(second)).toMatchObject({ surveyId: onV2.id, score: 24, fullScore: 25, literate: true, correctLow: 2 ** 20 - 2, correctHigh: 0 });
		expect(await scoreUnscoredSheets(t.db)).toBe(0);

		// Results read the stored figures: the row written at submission is what they count.
		await t.db.update(surveyScores).set({ literate: false }).where(eq(surveyScores.responseId, first));
		expect((await surveyResults(t.db, admin, onV1.id)).results.overall).toMatchObject({ n: 1, literate: 0 });
		expect((await surveyResults(t.db, admin, onV2.id)).results.items[0]).toMatchObject({ position: 1, correct: 0, n: 1 });
	});
});

describe('the right/wrong bits', () => {
	it('keep items past the 52nd in the second column, exactly', () => {
		const item = (position: number): SurveyItem => ({
			id: `i${position}`,
			versionId: 'v',
			position,
			kind: 'true_false',
			prompt: `第${position}题`,
			options: [
				{ key: 'T', label: '正确' },
				{ key: 'F', label: '错误' }
			],
			answerKey: ['T'],
			points: 1,
			aspect: '基本技能',
			category: '健康信息',
			demographic: null,
			createdAt: new Date(0)
		});
		// As many items as a questionnaire may have: raising MAX_ITEMS past the stored bits fails here.
		const items = Array.from({ length: MAX_ITEMS }, (_, k) => item(k + 1));
		const right = [1, 52, 53, MAX_ITEMS];
		const row = scoreRow(items, { responseId: 'r', surveyId: 's', submittedAt: new Date(0) }, new Map(items.map((i) => [i.id, right.includes(i.position) ? ['T'] : ['F']])));
		expect(row.correctLow).toBe(2 ** 0 + 2 ** 51);
		expect(row.correctHigh).toBe(2 ** 0 + 2 ** (MAX_ITEMS - 53));
		expect(row.score).toBe(4);
		expect(() => correctBit(105)).toThrow();
	});
});
