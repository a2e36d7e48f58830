/**
 * What staff choose to get by mail. Everything is on until they turn it off in their account
 * settings; invitations and password resets are not a choice. Residents choose by leaving an email
 * at all, and leave by the one-click unsubscribe.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client';
import { users } from '../db/schema';
import { publicOrigin } from '../public-url';

export const STAFF_MAIL_TOPICS = {
	sitting_changes: '我的坐诊有停诊、改期、替诊时通知我（附日历文件）',
	volunteer_shifts: '志愿者岗位确认和活动前一天的提醒',
	weekly_digest: '每周五：下周的坐诊缺口、冲突、报名人数和志愿者缺额（组织者）'
} as const;
export type StaffMailTopic = keyof typeof STAFF_MAIL_TOPICS;

/** Where staff choose their mail, for the line at the foot of every staff mail: 账号设置, its 邮件通知 part. */
export function mailSettingsUrl(): string {
	return `${publicOrigin()}/console/account#mail`;
}

export function wants(optOut: readonly string[] | null | undefined, topic: StaffMailTopic): boolean {
	return !(optOut ?? []).includes(topic);
}

export async function mailTopicsOf(db: DbOrTx, userId: string): Promise<{ topic: StaffMailTopic; label: string; on: boolean }[]> {
	const row = await db.select({ optOut: users.mailOptOut }).from(users).where(eq(users.id, userId)).get();
	return (Object.entries(STAFF_MAIL_TOPICS) as [StaffMailTopic, string][]).map(([topic, label]) => ({ topic, label, on: wants(row?.optOut, topic) }));
}

const Topics = z.array(z.enum(Object.keys(STAFF_MAIL_TOPICS) as [StaffMailTopic, ...StaffMailTopic[]]));

/** `enabled` is the ticked boxes; unknown values are ignored rather than stored. */
export async function setMailTopics(db: DbOrTx, userId: string, enabled: string[]): Promise<void> {
	const on = new Set(Topics.parse(enabled.filter((t) => t in STAFF_MAIL_TOPICS)));
	const optOut = (Object.keys(STAFF_MAIL_TOPICS) as StaffMailTopic[]).filter((t) => !on.has(t));
	await db.update(users).set({ mailOptOut: optOut }).where(eq(users.id, userId));
}
