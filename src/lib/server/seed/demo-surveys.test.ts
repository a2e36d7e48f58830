import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyResponses, surveys } from '../db/schema';
import { demoId } from './seed-demo';
import { type TestDb } from '../testing/test-db';
import { surveyPage } from '../surveys/answering';
import { DEMO_ITEMS, DEMO_OPEN_SURVEY_CODE, DEMO_SURVEY_SITES } from './demo-surveys';
import { literacyOverviewFor, surveyResults } from '../surveys/results';
import { createDemoDb } from '../testing/demo-db';

let t: TestDb;
beforeAll(async () => {
	t = await createDemoDb('2026-11-25');
});
afterAll(() => t.cleanup());

const admin = { userId: 'a', name: '管理员', isAdmin: true, organizerOf: [], volunteerOf: [], expertIds: [] };
/** 区人民医院's organizer, whose center 新桥 held the lecture. */
const rmOrganizer = { userId: demoId('user:organizer@yizhen.example'), name: '周晓梅', isAdmin: false, organizerOf: [demoId('org:rm')], volunteerOf: [], expertIds: [] };

describe('the demo surveys', () => {
	it('asks about 20 knowledge questions written for the project, plus who answered', () => {
		const knowledge = DEMO_ITEMS.filter((i) => i.kind !== 'demographic');
		expect(knowledge).toHaveLength(20);
		expect(new Set(knowledge.map((i) => i.category)).size).toBe(6);
	});

	it('seeds a few hundred submitted sheets, with one survey still open at its fixed code', async () => {
		const [row] = await t.db.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.status, 'submitted'));
		const expected = DEMO_SURVEY_SITES.reduce((sum, s) => sum + s.respondents, 0) + 46 + 41;
		expect(row?.n).toBe(expected);
		expect(expected).toBeGreaterThan(250);
		const page = await surveyPage(t.db, DEMO_OPEN_SURVEY_CODE, null);
		expect(page).toMatchObject({ total: 24, step: { kind: 'intro' } });
		expect((await t.db.select().from(surveys).where(eq(surveys.status, 'open'))).map((s) => s.code)).toEqual([DEMO_OPEN_SURVEY_CODE]);
	});

	it('gives plausible figures: a district level of a fifth to two fifths, higher after the lecture than before', async () => {
		const [overview] = await literacyOverviewFor(t.db, admin);
		const level = overview!.results.overall.level!;
		expect(level).toBeGreaterThan(0.2);
		expect(level).toBeLessThan(0.4);
		expect(overview!.results.bySite.find((s) => s.label.startsWith('小龙坎'))).toMatchObject({ n: 24, smallSample: true });
		const lecture = await surveyResults(t.db, rmOrganizer, demoId('survey:lecture-salt:post'));
		expect(lecture.comparison!.after.results.overall.level!).toBeGreaterThan(lecture.comparison!.before.results.overall.level!);
	});
});
