import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { users } from '../db/schema';
import { makeScheduleWorld } from '../testing/factories';
import { createTestDb, type TestDb } from '../testing/test-db';
import { platformOf } from './platform';
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
		expect(o).toMatchObject({ name: '新桥社区卫生服务中心 坐诊和活动', private: false, platform: 'android' });
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

	it('offers nothing for paths that are not our feeds or name nothing', async () => {
		for (const path of ['https://evil.example/cal.ics', '//evil.example/x.ics', '/feeds/centers/nope.ics', '/feeds/events.ics?type=party', '/feeds/private/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics', '/console', '']) {
			expect(await subscribeOptions(t.db, path, 'http://x', null), path).toBeNull();
		}
	});

	it('knows WeChat, Apple and Android browsers by their user agents', () => {
		expect(platformOf('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0.44')).toBe('wechat');
		expect(platformOf('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1')).toBe('apple');
		expect(platformOf('Mozilla/5.0 (Linux; Android 12; HarmonyOS; ALN-AL00) Chrome/99 Mobile')).toBe('android');
		expect(platformOf(null)).toBe('other');
	});
});
