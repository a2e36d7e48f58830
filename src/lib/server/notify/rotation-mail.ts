/**
 * Tells an expert that their rotation at a center has ended, or that an ending was taken back
 * (schedule/rotation-plan.ts endRotation, restoreRotation). Queued in the transaction of the change,
 * to the addresses expertMailTargets picks (accounts that want sitting mail, or the contact address).
 * No calendar file: a rotation is many dates, and the expert's own calendar subscription drops or
 * shows them again by itself; the mail is so nobody travels to a center on a date that is gone, or
 * stays home from one that is back.
 */
import { eq } from 'drizzle-orm';
import { formatTimeRange } from '../../format/dates';
import { m } from '../../i18n';
import type { DbOrTx } from '../db/client';
import { sites } from '../db/schema';
import { publicOrigin } from '../public-url';
import { describeRecurrence } from '../schedule/recurrence';
import { htmlMail } from './html';
import { enqueueMail } from './outbox';
import { mailSettingsUrl } from './preferences';
import { expertMailTargets } from './sitting-mail';

export interface RotationMailSubject {
	expertId: string;
	siteId: string;
	rrule: string;
	startTime: string;
	endTime: string;
}

/**
 * `when` is, for an end, the first day without sittings (`12月1日 周二`); for a restoration, the next
 * sitting (`12月1日 周二 上午 08:30`) or null when there is none soon. Returns how many messages were queued.
 */
export async function queueRotationMail(tx: DbOrTx, change: 'end' | 'restore', rotation: RotationMailSubject, when: string | null, now = new Date()): Promise<number> {
	const site = await tx.select({ name: sites.name }).from(sites).where(eq(sites.id, rotation.siteId)).get();
	const targets = await expertMailTargets(tx, rotation.expertId);
	if (!site || !targets || targets.unreachable) return 0;
	const rule = `${describeRecurrence(rotation.rrule)} ${formatTimeRange(rotation.startTime, rotation.endTime)}`;
	const t = m.mail;
	const subject = change === 'end' ? t.rotationEndedSubject(site.name) : t.rotationRestoredSubject(site.name);
	const lead = change === 'end' ? t.rotationEnded(site.name, rule, when ?? '') : t.rotationRestored(site.name, rule, when);
	const footer = t.whyYouGetThis(mailSettingsUrl());
	for (const to of targets.addresses) {
		const lines = [t.greeting(to.name), lead, t.rotationPage(`${publicOrigin()}/centers/${rotation.siteId}`)];
		await enqueueMail(
			tx,
			{ kind: `rotation_${change}`, to: to.email, toName: to.name, subject, text: `${lines.join('\n\n')}\n\n${footer}\n\n${t.signature}`, html: htmlMail(lines, footer) },
			now
		);
	}
	return targets.addresses.length;
}
