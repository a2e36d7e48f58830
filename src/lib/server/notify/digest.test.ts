import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxMessages, users } from '../db/schema';
import { seedDemoData } from '../seed/seed-demo';
import { createTestDb, type TestDb } from '../testing/test-db';
import { digestWeekDue, queueDueDigests } from './digest';
import { setMailTopics } from './preferences';

// Wednesday 25 November 2026; the demo data puts a leave (sittings needing cover) in next week.
const TODAY = '2026-11-25';
const FRIDAY_1700 = new Date('2026-11-27T09:00:00Z');
let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
	await seedDemoData(t.db, { today: TODAY });
});
afterEach(() => t.cleanup());

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
		expect(mine[0]!.subject).toMatch(/^下周安排摘要（11月30日–12月6日）：替诊 [1-9]\d*，冲突 \d+，活动 \d+$/);
		expect(mine[0]!.textBody).toContain('需要安排替诊（');
		expect(mine[0]!.textBody).toContain('请假');
		// The other hospital's organizer gets their own, not this one's centers.
		const other = digests.find((d) => d.toAddress === 'organizer.cjq@yizhen.example')!;
		expect(other.textBody).not.toContain('新桥社区卫生服务中心');
	});

	it('is not sent to an organizer who turned it off', async () => {
		const user = (await t.db.select().from(users).where(eq(users.email, 'organizer@yizhen.example')).get())!;
		await setMailTopics(t.db, user.id, ['sitting_changes']);
		await queueDueDigests(t.db, FRIDAY_1700, 16);
		const digests = await t.db.select().from(outboxMessages).where(eq(outboxMessages.kind, 'organizer_digest'));
		expect(digests.map((d) => d.toAddress)).not.toContain('organizer@yizhen.example');
	});
});
