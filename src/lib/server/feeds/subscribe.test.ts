import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { experts, users } from '../db/schema';
import { makeScheduleWorld } from '../testing/factories';
import { createTestDb, type TestDb } from '../testing/test-db';
import { subscribeOptions } from './subscribe';
import { rotateExpertFeedToken } from './tokens';

let t: TestDb;
beforeEach(async () => (t = await createTestDb()));
afterEach(() => t.cleanup());

describe('the subscribe page', () => {
	it('offers webcal, Google, Outlook and the plain address for one of our feeds', async () => {
		const world = await makeScheduleWorld(t.db);
		const path = `/feeds/centers/${world.site.id}.ics`;
		const o = (await subscribeOptions(t.db, path, 'https://yizhen.example.org', 'Mozilla/5.0 (Linux; Android 13)'))!;
		expect(o).toMatchObject({ name: '新桥社区卫生服务中心 坐诊和活动', private: false });
		expect(o.guide.ways[0]).toBe('androidSystem');
		expect(o.httpsUrl).toBe(`https://yizhen.example.org${path}`);
		expect(o.webcalUrl).toBe(`webcal://yizhen.example.org${path}`);
		expect(new URL(o.googleUrl).searchParams.get('cid')).toBe(o.webcalUrl);
		expect(new URL(o.outlookUrl).searchParams.get('url')).toBe(o.httpsUrl);
		expect(new URL(o.outlookUrl).searchParams.get('name')).toBe(o.name);

		const events = await subscribeOptions(t.db, `/feeds/events.ics?type=lecture&site=${world.site.id}`, 'http://127.0.0.1:3000', null);
		expect(events!.name).toBe('义诊和健康讲座（健康讲座 · 新桥社区卫生服务中心）');
		expect(events!.webcalUrl).toBe(`webcal://127.0.0.1:3000/feeds/events.ics?type=lecture&site=${world.site.id}`);

		await t.db.insert(users).values({ id: 'user-likang', email: 'likang@yizhen.example', name: '李康' });
		const likang: Actor = { userId: 'user-likang', name: '李康', isAdmin: false, organizerOf: [], volunteerOf: [], expertIds: [world.expert.id] };
		const { token } = await rotateExpertFeedToken(t.db, likang, world.expert.id);
		expect(await subscribeOptions(t.db, `/feeds/private/${token}.ics`, 'http://x', null)).toMatchObject({ name: '李康 的坐诊安排', private: true });
	});

	it("offers an expert's public feed, and WeChat on a Huawei phone gets the open-in-browser step and Huawei's calendar first", async () => {
		const world = await makeScheduleWorld(t.db);
		const path = `/feeds/experts/${world.expert.id}.ics`;
		const wechatHuawei =
			'Mozilla/5.0 (Linux; Android 10; NOH-AN00 Build/HUAWEINOH-AN00; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 MicroMessenger/8.0.37.2380(0x2800253D) WeChat/arm64';
		const o = (await subscribeOptions(t.db, path, 'https://yizhen.example.org', wechatHuawei))!;
		expect(o).toMatchObject({ name: '李康 主任医师 坐诊安排', private: false, httpsUrl: `https://yizhen.example.org${path}` });
		expect(o.guide.openInBrowserFirst).toBe(true);
		expect(o.guide.ways[0]).toBe('huawei');

		await t.db.update(experts).set({ active: false }).where(eq(experts.id, world.expert.id));
		expect(await subscribeOptions(t.db, path, 'https://yizhen.example.org', wechatHuawei)).toBeNull();
	});

	it('offers nothing for paths that are not our feeds or name nothing', async () => {
		for (const path of [
			'https://evil.example/cal.ics',
			'//evil.example/x.ics',
			'/feeds/centers/nope.ics',
			'/feeds/experts/nope.ics',
			'/feeds/experts/../centers/x.ics',
			'/feeds/events.ics?type=party',
			'/feeds/private/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics',
			'/console',
			''
		]) {
			expect(await subscribeOptions(t.db, path, 'http://x', null), path).toBeNull();
		}
	});
});
