import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outboxMessages, users } from '../db/schema';
import { createCoverageTarget, type CoverageTargetInput } from '../coverage/targets';
import { createPlannedRotation } from '../schedule/rotation-plan';
import { publicOrigin } from '../public-url';
import { demoId, seedDemoData } from '../seed/seed-demo';
import { demoActors } from '../testing/demo-actors';
import { createTestDb } from '../testing/test-db';
import { digestFor, digestWeekDue, queueDueDigests } from './digest';
import { setMailTopics } from './preferences';
import { demoDbForEachTest } from '../testing/demo-db';

// Wednesday 25 November 2026; the demo data puts a leave (sittings needing cover) in next week.
const TODAY = '2026-11-25';
const FRIDAY_1700 = new Date('2026-11-27T09:00:00Z');
const t = demoDbForEachTest(TODAY);

describe("the organizer's weekly digest", () => {
	it('is due from Friday 16:00 to Sunday, for the week that follows, and never once that week has begun', () => {
		expect(digestWeekDue(new Date('2026-11-26T09:00:00Z'), 16)).toBeNull();
		expect(digestWeekDue(new Date('2026-11-27T07:00:00Z'), 16)).toBeNull();
		expect(digestWeekDue(FRIDAY_1700, 16)).toBe('2026-11-30');
		expect(digestWeekDue(new Date('2026-11-29T12:00:00Z'), 16)).toBe('2026-11-30');
		expect(digestWeekDue(new Date('2026-11-30T01:00:00Z'), 16)).toBeNull();
	});

	it('tells each organizer, once, of next week in their own organizations', async () => {
		expect(await queueDueDigests(t.db, FRIDAY_1700, 16)).toBeGreaterThan(0);
		await queueDueDigests(t.db, new Date('2026-11-28T02:00:00Z'), 16);
		const digests = await t.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'organizer_digest'));
		const mine = digests.filter((d) => d.toAddress === 'organizer@yizhen.example');
		expect(mine).toHaveLength(1);
		expect(mine[0]!.subject).toMatch(/^下周安排摘要（11月30日–12月6日）：替诊 [1-9]\d*，冲突 \d+，活动 \d+，考核缺口 \d+$/);
		// Each problem names its day once, as people read it.
		expect(mine[0]!.textBody).toContain('需要安排替诊（1）：\n· 12月1日 周二 曾强 请假，童家桥社区卫生服务中心的坐诊需要安排替诊或停诊\n');
		// Where the digest is really turned off: 账号设置, linked.
		expect(mine[0]!.textBody).toMatch(/不想再收每周摘要，可在账号设置里关闭：https?:\/\/[^\s/]+\/console\/account#mail\n/);
		expect(mine[0]!.htmlBody).toMatch(/可在账号设置里关闭：<a href="https?:\/\/[^"/]+\/console\/account#mail">/);
		// The other hospital's organizer gets their own, not this one's centers.
		const other = digests.find((d) => d.toAddress === 'organizer.cjq@yizhen.example')!;
		expect(other.textBody).not.toContain('新桥社区卫生服务中心');
	});

	it('prints a sitting that runs into a lecture with its day once, as the clash message says it', async () => {
		// Another week of the demo: 陈志明 gives a lecture at 新桥 on Wednesday 12-16, 14:30–16:00.
		const w = await createTestDb();
		try {
			await seedDemoData(w.db, { today: '2026-12-07' });
			const input = {
				expertId: demoId('expert:chenzhiming'),
				siteId: demoId('site:xiaolongkan'),
				departmentId: demoId('department:心内科'),
				rrule: 'FREQ=WEEKLY;BYDAY=WE',
				startTime: '14:00',
				endTime: '17:00',
				validFrom: '2026-12-07'
			};
			await createPlannedRotation(w.db, demoActors.rmOrganizer, input, { today: '2026-12-07' });
			await queueDueDigests(w.db, new Date('2026-12-11T09:00:00Z'), 16);
			const digest = (await w.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'organizer_digest'))).find((d) => d.toAddress === 'organizer@yizhen.example')!;
			expect(digest.textBody).toContain(
				'\n· 陈志明 时间冲突：12月16日 周三 14:00–17:00 在小龙坎社区卫生服务中心坐诊，与 12月16日 周三 14:30–16:00 在新桥社区卫生服务中心主讲讲座“高血压的家庭自我管理”重叠\n'
			);
			// No line starts with a day that its message repeats, and no day is written 2026-12-16.
			expect(digest.textBody).not.toMatch(/· (\d+月\d+日 周.) .*\1/);
			expect(digest.textBody.replace(/https?:\/\/\S+/g, '')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		} finally {
			w.cleanup();
		}
	});

	it('is not sent to an organizer who turned it off', async () => {
		const user = (await t.db.select().from(users).where(eq(users.email, 'organizer@yizhen.example')).get())!;
		await setMailTopics(t.db, user.id, ['sitting_changes']);
		await queueDueDigests(t.db, FRIDAY_1700, 16);
		const digests = await t.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'organizer_digest'));
		expect(digests.map((d) => d.toAddress)).not.toContain('organizer@yizhen.example');
	});
});

describe('next week’s coverage targets in the digest', () => {
	// In the demo only 区人民医院 has targets; 陈家桥医院's centers each have two sittings a week
	// (联芳: 程立 副高 on Tuesday, 马超 主治 on Thursday) and 杜娟 sits at 井口 every Monday.
	const cjq = demoId('org:cjq');
	const cjqTarget = (input: CoverageTargetInput, organizationId = cjq) => createCoverageTarget(t.db, demoActors.cjqOrganizer, organizationId, input);
	const lianfangSenior = { kind: 'site_senior_days_per_week', siteId: demoId('site:lianfang'), minTitle: '副主任医师', minimum: 2, holidayRule: 'pro_rata' } as const;
	const digestTo = async (address: string) => {
		await queueDueDigests(t.db, FRIDAY_1700, 16);
		const digests = await t.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'organizer_digest'));
		return digests.find((d) => d.toAddress === address)!;
	};
	const coverageLink = (organizationId: string) => `查看考核目标：${publicOrigin()}/console/coverage?org=${organizationId}`;

	it('lists a center that falls short next week in the target’s words, and counts it in the subject', async () => {
		await cjqTarget(lianfangSenior);
		const digest = await digestTo('organizer.cjq@yizhen.example');
		expect(digest.subject).toMatch(/，活动 \d+，考核缺口 1$/);
		expect(digest.textBody).toContain(
			`\n\n考核缺口（1）：\n· 联芳社区卫生服务中心 · 11月30日–12月6日：本周副高坐诊 1 天，目标 2 天\n${coverageLink(cjq)}\n\n在工作台查看：`
		);
	});

	it('says in one line that every target is met', async () => {
		await cjqTarget({ kind: 'site_days_per_week', minimum: 2, holidayRule: 'pro_rata' });
		const digest = await digestTo('organizer.cjq@yizhen.example');
		expect(digest.subject).toMatch(/，考核缺口 0$/);
		expect(digest.textBody).toContain('\n\n考核目标：下周全部达标\n\n在工作台查看：');
	});

	it('says nothing of targets to an organizer whose organizations have none', async () => {
		const digest = await digestTo('organizer.cjq@yizhen.example');
		expect(digest.subject).toMatch(/，活动 \d+$/);
		expect(digest.textBody).not.toContain('考核');
	});

	it('shows each organizer only the shortfalls of the organizations they organize', async () => {
		await cjqTarget(lianfangSenior);
		const rm = await digestTo('organizer@yizhen.example');
		// The demo's own shortfall of 区人民医院, and not 陈家桥's.
		expect(rm.textBody).toContain('\n考核缺口（1）：\n· 石井坡社区卫生服务中心 · 11月30日–12月6日：本周专科坐诊 1 天，目标 2 天；本周副高坐诊 0 天，目标 1 天\n');
		expect(rm.textBody).not.toContain('联芳');
		const own = await digestTo('organizer.cjq@yizhen.example');
		expect(own.textBody).not.toContain('石井坡');
	});

	it('names each organization before its lines when more than one has targets', async () => {
		await cjqTarget(lianfangSenior);
		await cjqTarget({ kind: 'site_days_per_week', siteId: demoId('site:lianfang'), minimum: 2, holidayRule: 'pro_rata' }, demoId('org:lianfang'));
		await cjqTarget({ kind: 'site_days_per_week', siteId: demoId('site:jingkou'), minimum: 3, holidayRule: 'pro_rata' }, demoId('org:jingkou'));
		const digest = await digestTo('organizer.cjq@yizhen.example');
		expect(digest.subject).toMatch(/，考核缺口 2$/);
		expect(digest.textBody).toContain(
			[
				'考核缺口（2）：',
				'重庆市沙坪坝区陈家桥医院：',
				'· 联芳社区卫生服务中心 · 11月30日–12月6日：本周副高坐诊 1 天，目标 2 天',
				coverageLink(cjq),
				'井口社区卫生服务中心：',
				'· 井口社区卫生服务中心 · 11月30日–12月6日：本周专科坐诊 2 天，目标 3 天',
				coverageLink(demoId('org:jingkou')),
				'联芳社区卫生服务中心：下周全部达标'
			].join('\n')
		);
	});

	it('judges a monthly target on each whole month next week falls in, and on no other', async () => {
		await cjqTarget({ kind: 'expert_sittings_per_month', expertId: demoId('expert:dujuan'), minimum: 6, holidayRule: 'pro_rata' });
		// 30 November to 6 December: November's Mondays and December's, each month as planned.
		const across = await digestTo('organizer.cjq@yizhen.example');
		expect(across.textBody).toContain('考核缺口（2）：\n· 2026年11月：11月杜娟坐诊 5 次，目标 6 次\n· 2026年12月：12月杜娟坐诊 4 次，目标 6 次\n');
		// A week inside December: November is no longer next week's to mend.
		const user = { id: demoActors.cjqOrganizer.userId, name: '刘建华', isAdmin: false };
		const within = (await digestFor(t.db, user, '2026-12-14', new Date('2026-12-11T09:00:00Z')))!;
		expect(within.subject).toMatch(/，考核缺口 1$/);
		expect(within.lines).toContain(`考核缺口（1）：\n· 2026年12月：12月杜娟坐诊 4 次，目标 6 次\n${coverageLink(cjq)}`);
	});
});
