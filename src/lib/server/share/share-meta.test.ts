import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../audit/audit';
import { questionnaires, questionnaireVersions, surveys } from '../db/schema';
import { eventDetail, upcomingEvents } from '../events/public-events';
import { DEMO_OPEN_SURVEY_CODE } from '../seed/demo-surveys';
import { surveyShareView } from '../surveys/share-view';
import { setSurveyOpenIn } from '../surveys/surveys';
import { centerWeek, expertSchedule } from '../schedule/public-schedule';
import { demoId } from '../seed/seed-demo';
import { centerShareMeta, eventShareMeta, eventsListShareMeta, expertShareMeta, homeShareMeta, surveyShareMeta } from './share-meta';
import { demoDbForEachTest } from '../testing/demo-db';

const TODAY = '2026-11-25';
const ORIGIN = 'https://yizhen.example.org';
const t = demoDbForEachTest(TODAY);

describe('share metadata', () => {
	it('tells a center week’s chat bubble who sits there and where, with that week’s poster', async () => {
		const id = demoId('site:xinqiao');
		const meta = centerShareMeta((await centerWeek(t.db, id, null, () => TODAY))!, ORIGIN);
		expect(meta.title).toBe('新桥社区卫生服务中心 · 11月23日–11月29日 专家坐诊');
		expect(meta.description).toContain('3 场专家坐诊：李康宁（康复科）、张丽（心内科）');
		expect(meta.description).toContain('地址：重庆市沙坪坝区新桥正街 116 号');
		expect(meta.url).toBe(`${ORIGIN}/centers/${id}`);
		expect(meta.image).toBe(`${ORIGIN}/centers/${id}/poster.png`);

		const next = centerShareMeta((await centerWeek(t.db, id, '2026-12-02', () => TODAY))!, ORIGIN);
		expect(next.url).toBe(`${ORIGIN}/centers/${id}?week=2026-11-30`);
		expect(next.posterPath).toBe(`/centers/${id}/poster.png?week=2026-11-30`);
		// A week the poster route will not draw shares this week's poster rather than a 400.
		const far = centerShareMeta((await centerWeek(t.db, id, '2027-06-02', () => TODAY))!, ORIGIN);
		expect(far.posterPath).toBe(`/centers/${id}/poster.png`);
	});

	it('gives an expert’s next sittings and an event’s when, where and offer, short enough for the bubble', async () => {
		const expertId = demoId('expert:likangning');
		const expert = expertShareMeta((await expertSchedule(t.db, expertId, TODAY))!, ORIGIN);
		expect(expert.title).toBe('李康宁 副主任医师 · 康复科 坐诊时间');
		expect(expert.description).toContain('近期坐诊：11月26日 周四 上午 新桥社区卫生服务中心');
		expect(expert.image).toBe(`${ORIGIN}/experts/${expertId}/poster.png`);

		const clinic = eventShareMeta((await eventDetail(t.db, demoId('event:clinic-this-saturday'), TODAY))!, ORIGIN);
		expect(clinic.title).toBe('义诊｜沙坪坝周末义诊：心血管和慢病咨询');
		expect(clinic.description).toBe('11月28日 周六 上午 08:30–11:30，磁器口社区卫生服务中心。量血压、测血糖、心电图、用药咨询。免费参加，点开即可报名。');
		const cancelled = eventShareMeta((await eventDetail(t.db, demoId('event:lecture-cancelled'), TODAY))!, ORIGIN);
		expect(cancelled.description).toMatch(/^活动已取消：主讲专家临时外出/);
		for (const meta of [expert, clinic, cancelled]) expect([...meta.description].length).toBeLessThanOrEqual(72);
	});

	it('tells the events list’s bubble what is coming, filtered as the page was, with that list’s poster', async () => {
		const xinqiao = demoId('site:xinqiao');
		const filter = { kind: 'lecture' as const, siteId: xinqiao };
		const meta = eventsListShareMeta(await upcomingEvents(t.db, { today: TODAY, ...filter }), filter, '新桥社区卫生服务中心', ORIGIN);
		expect(meta.title).toBe('新桥社区卫生服务中心 · 近期健康讲座');
		expect(meta.description).toMatch(/^近两个月 \d+ 场。最近：12月2日 周三 下午 高血压的家庭自我管理/);
		expect(meta.url).toBe(`${ORIGIN}/events?kind=lecture&site=${xinqiao}`);
		expect(meta.posterPath).toBe(`/events/poster.png?kind=lecture&site=${xinqiao}`);
		expect(meta.image).toBe(`${ORIGIN}${meta.posterPath}`);

		const all = eventsListShareMeta(await upcomingEvents(t.db, { today: TODAY }), { kind: null, siteId: null }, null, ORIGIN);
		expect(all.title).toBe('近期义诊和健康讲座');
		// Without a center filter each event says where it is.
		expect(all.description).toContain('沙坪坝周末义诊：心血管和慢病咨询（磁器口社区卫生服务中心）');
		expect(all.url).toBe(`${ORIGIN}/events`);
		expect(all.image).toBe(`${ORIGIN}/events/poster.png`);

		const none = eventsListShareMeta([], filter, '新桥社区卫生服务中心', ORIGIN);
		expect(none.description).toBe('近两个月暂无活动安排，点开查看最新。');
		for (const m of [meta, all, none]) expect([...m.description].length).toBeLessThanOrEqual(72);
	});

	it('tells a survey’s bubble what it is and where, with its 扫码参加 poster while open and the site card once closed', async () => {
		const open = surveyShareMeta((await surveyShareView(t.db, DEMO_OPEN_SURVEY_CODE))!, ORIGIN);
		expect(open.title).toBe('健康素养调查｜居民健康素养调查 · 新桥');
		expect(open.description).toBe('新桥社区卫生服务中心。共 24 道题，不记名，点开即可作答。');
		expect(open.url).toBe(`${ORIGIN}/s/${DEMO_OPEN_SURVEY_CODE}`);
		expect(open.image).toBe(`${ORIGIN}/s/${DEMO_OPEN_SURVEY_CODE}/poster.png`);

		const postId = demoId('survey:lecture-salt:post');
		const { code } = (await t.db.select({ code: surveys.code }).from(surveys).where(eq(surveys.id, postId)).get())!;
		const closed = surveyShareMeta((await surveyShareView(t.db, code))!, ORIGIN);
		expect(closed.title).toBe('讲座后小测验：吃动平衡，控盐控油');
		expect(closed.description).toBe('吃动平衡，控盐控油（11月11日 周三 下午）。问卷已结束。');
		expect(closed.image).toBe(`${ORIGIN}/poster.png`);

		await setSurveyOpenIn(t.db, SYSTEM_ACTOR, postId, true);
		const reopened = surveyShareMeta((await surveyShareView(t.db, code))!, ORIGIN);
		expect(reopened.description).toBe('吃动平衡，控盐控油（11月11日 周三 下午）。新桥社区卫生服务中心。共 24 道题，不记名，点开即可作答。');
		expect(reopened.image).toBe(`${ORIGIN}/s/${code}/poster.png`);

		expect(await surveyShareView(t.db, 'zzzzzz')).toBeNull();
	});

	it('calls a satisfaction survey a 满意度调查 in its bubble, wherever it stands around the lecture', async () => {
		const postId = demoId('survey:lecture-salt:post');
		const { code, versionId } = (await t.db.select({ code: surveys.code, versionId: surveys.versionId }).from(surveys).where(eq(surveys.id, postId)).get())!;
		const { questionnaireId } = (await t.db.select({ questionnaireId: questionnaireVersions.questionnaireId }).from(questionnaireVersions).where(eq(questionnaireVersions.id, versionId)).get())!;
		await t.db.update(questionnaires).set({ kind: 'satisfaction' }).where(eq(questionnaires.id, questionnaireId));
		const meta = surveyShareMeta((await surveyShareView(t.db, code))!, ORIGIN);
		expect(meta.title).toBe('满意度调查｜讲座后小测验：吃动平衡，控盐控油');
	});

	it('gives the home page the site’s card, the same for every visitor', () => {
		const home = homeShareMeta(ORIGIN);
		expect(home.title).toBe('义诊 · 社区专家坐诊、义诊和健康讲座');
		expect(home.url).toBe(`${ORIGIN}/`);
		expect(home.image).toBe(`${ORIGIN}/poster.png`);
		expect([...home.description].length).toBeLessThanOrEqual(72);
	});
});
