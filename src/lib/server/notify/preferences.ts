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
import { dm } from '../../i18n/domain';

export const STAFF_MAIL_TOPICS = {
	sitting_changes: dm.notify.preferences.sittingChanges,
	volunteer_shifts: dm.notify.preferences.volunteerShifts,
	weekly_digest: dm.notify.preferences.weeklyDigest
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
