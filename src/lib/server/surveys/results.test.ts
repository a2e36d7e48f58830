import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { answerItem, newDeviceToken, startResponse, submitResponse } from './answering';
import { listSurveysFor, literacyOverviewFor, surveyResults } from './results';
import { createSurveyIn } from './surveys';
import { answersFor, surveyWorldForEachTest } from '../testing/surveys';

const { t, w } = surveyWorldForEachTest();

const organizerOf = (orgId: string): Actor => ({ userId: 'u', name: '组织者', isAdmin: false, organizerOf: [orgId], volunteerOf: [], expertIds: [] });

/**
 * Answers the demo items with the first `right` knowledge items right and the rest wrong. Points of
 * the first k items (判断/单选 1, 多选 2): k = 15 → 19 of 25; k = 16 → 20 of 25, exactly 80%.
 */
async function respond(code: string, right: number, demographics: Partial<Record<string, string>> = {}, submit = true) {
	const device = newDeviceToken();
	const { responseId } = await startResponse(t.db, code, device, {});
	for (const a of answersFor(w.items, right, demographics)) await answerItem(t.db, code, device, { responseId, ...a });
	if (submit) await submitResponse(t.db, code, device, { responseId });
}

describe('literacy results', () => {
	it('gives the level overall, by aspect, category, sex and item, each with its respondents, hand-checked', async () => {
		const { id, code } = await w.standalone();
		await respond(code, 20, { sex: 'A' }); // 25/25
		await respond(code, 16, { sex: 'B' }); // 20/25: exactly 80%, literate
		await respond(code, 15, { sex: 'B' }); // 19/25: not
		await respond(code, 20, {}, false); // still answering: not counted
		const { results, survey } = await surveyResults(t.db, organizerOf(w.hospital.id), id);
		expect(survey.respondents).toBe(3);
		expect(results.overall).toEqual({ n: 3, literate: 2, level: 2 / 3, smallSample: true });
		expect(results.fullScore).toBe(25);
		expect(results.meanScore).toBeCloseTo((25 + 20 + 19) / 3);
		// 基本技能 is items 15–20 (7 points): only the all-right sheet reaches 80% of it.
		expect(results.byAspect).toEqual([
			{ label: '基本知识和理念', n: 3, literate: 3, level: 1, smallSample: true },
			{ label: '健康生活方式与行为', n: 3, literate: 3, level: 1, smallSample: true },
			{ label: '基本技能', n: 3, literate: 1, level: 1 / 3, smallSample: true }
		]);
		// 安全与急救 is items 10 (多选), 15 and 18 (多选): 5 points; 15 or 16 right gives 3 of 5.
		expect(results.byCategory.find((c) => c.label === '安全与急救')).toMatchObject({ n: 3, literate: 1 });
		expect(results.byDemographic.sex).toEqual([
			{ label: '男', n: 1, literate: 1, level: 1, smallSample: true },
			{ label: '女', n: 2, literate: 1, level: 0.5, smallSample: true }
		]);
		expect(results.bySite).toEqual([{ label: '新桥社区卫生服务中心', n: 3, literate: 2, level: 2 / 3, smallSample: true }]);
		expect(results.items.map((i) => [i.position, i.correct, i.n])).toEqual([
			...Array.from({ length: 15 }, (_, i) => [i + 1, 3, 3]),
			[16, 2, 3],
			[17, 1, 3],
			[18, 1, 3],
			[19, 1, 3],
			[20, 1, 3]
		]);
	});

	it('flags groups under 30 respondents and not those of 30 or more', async () => {
		const { id, code } = await w.standalone();
		for (let i = 0; i < 30; i++) await respond(code, i < 9 ? 20 : 10, { sex: i < 29 ? 'B' : 'A' });
		const { results } = await surveyResults(t.db, organizerOf(w.hospital.id), id);
		expect(results.overall).toEqual({ n: 30, literate: 9, level: 0.3, smallSample: false });
		expect(results.byDemographic.sex.map((g) => [g.label, g.n, g.smallSample])).toEqual([
			['男', 1, true],
			['女', 29, true]
		]);
	});

	it('puts a lecture\'s before and after side by side', async () => {
		const pre = await createSurveyIn(t.db, SYSTEM_ACTOR, { versionId: w.versionId, kind: 'pre', eventId: w.lectureId, title: '讲座前' });
		const post = await createSurveyIn(t.db, SYSTEM_ACTOR, { versionId: w.versionId, kind: 'post', eventId: w.lectureId, title: '讲座后' });
		await respond(pre.code, 10); // 11/25
		await respond(pre.code, 18); // 23/25
		await respond(post.code, 20);
		await respond(post.code, 16);
		const fromPost = await surveyResults(t.db, organizerOf(w.hospital.id), post.id);
		expect(fromPost.comparison?.sameVersion).toBe(true);
		expect(fromPost.comparison?.before).toMatchObject({ surveyId: pre.id, results: { overall: { n: 2, literate: 1, level: 0.5 } } });
		expect(fromPost.comparison?.after).toMatchObject({ surveyId: post.id, results: { overall: { n: 2, literate: 2, level: 1 } } });
		expect((await surveyResults(t.db, organizerOf(w.hospital.id), pre.id)).comparison?.before.surveyId).toBe(pre.id);
		expect((await surveyResults(t.db, organizerOf(w.hospital.id), (await w.standalone()).id)).comparison).toBeNull();
	});

	it('shows an organizer the surveys of their own subtree only, pooled by site', async () => {
		const here = await w.standalone();
		const there = await w.standalone({ siteId: w.otherSite.id });
		await respond(here.code, 20);
		await respond(there.code, 5);
		expect((await listSurveysFor(t.db, organizerOf(w.hospital.id))).map((s) => [s.id, s.respondents])).toEqual([[here.id, 1]]);
		expect((await listSurveysFor(t.db, organizerOf(w.otherHospital.id))).map((s) => s.id)).toEqual([there.id]);
		const [district] = await literacyOverviewFor(t.db, organizerOf(w.commission.id));
		expect(district?.results.bySite.map((s) => [s.label, s.n, s.literate])).toEqual([
			['山洞社区卫生服务中心', 1, 0],
			['新桥社区卫生服务中心', 1, 1]
		]);
	});
});
