/**
 * Sends the SMS outbox, the way notify/worker.ts sends mail (read its comment for the reasoning):
 * one UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING * claims due rows as a lease with an owner, so
 * two workers — in one process or two instances on one database — never claim the same row, and every
 * later write says `WHERE id = ? AND lease_owner = ?`, so a worker that lost its lease cannot overwrite
 * the new holder's result. Towards the provider this is at-least-once: a process that dies after
 * Tencent accepted a text and before the row says 'sent' leaves it to be sent again when the lease
 * runs out, one database write wide. Tencent's SessionContext carries our id, so such a twin is
 * recognisable in its delivery reports.
 *
 * Failures: a retryable one (rate limit, outage, our keys) waits BACKOFF_BASE_MS × 2^(n-1), at most
 * BACKOFF_MAX_MS; a permanent one (the template or the number refused) or the MAX_ATTEMPTS-th failure
 * makes the text 'dead', where an admin sees it and can send it again.
 *
 * Quiet hours: no text between 21:00 and 08:00 Beijing time except one marked urgent (a cancellation of
 * something today) or one the resident is waiting for at the phone (a code, the registration they just
 * made). A text claimed in quiet hours goes back to pending until 08:00, without counting an attempt.
 */
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DbOrTx } from '../db/client';
import { BATCH_SIZE, claimLeased, failedAttempt, failureReason, inLanes } from '../db/leased-queue';
import { smsMessages } from '../db/schema';
import { isSmsKind, paramNames, SMS_TEMPLATES } from './kinds';
import type { SmsMessage } from './outbox';
import { SmsSendError, templateEnvName, type SmsProvider } from './provider';
import { startPollingLoop, type PollingLoop } from '../ops/polling-loop';
import { dm } from '../../i18n/domain';

export const MAX_ATTEMPTS = 8;
/** Far longer than one request may take (tencent.ts REQUEST_TIMEOUT_SECONDS). */
export const LEASE_MS = 2 * 60_000;
export const POLL_MS = 2_000;
export const SEND_CONCURRENCY = 4;

export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 8;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The next 08:00 Beijing time after `now` (today's, before 08:00). */
export function endOfQuietHours(now: Date): Date {
	const local = new Date(now.getTime() + BEIJING_OFFSET_MS);
	const dayAfter = local.getUTCHours() >= QUIET_UNTIL_HOUR ? 1 : 0;
	return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + dayAfter, QUIET_UNTIL_HOUR) - BEIJING_OFFSET_MS);
}

/**
 * Whether this text may go out now (true), or from when. The per-phone daily cap is not here: it is
 * decided exactly once, when the text is queued (daily-cap.ts says why).
 */
export function mayText(message: Pick<SmsMessage, 'kind' | 'urgent' | 'phone'>, now: Date): true | Date {
	if (message.urgent || (isSmsKind(message.kind) && SMS_TEMPLATES[message.kind].anyTime)) return true;
	const hour = new Date(now.getTime() + BEIJING_OFFSET_MS).getUTCHours();
	return hour >= QUIET_FROM_HOUR || hour < QUIET_UNTIL_HOUR ? endOfQuietHours(now) : true;
}

export interface ClaimOptions {
	limit?: number;
	leaseMs?: number;
	concurrency?: number;
}

/** Claims up to `limit` due texts for `owner` in one statement; oldest due first. */
export async function claimDueSms(db: DbOrTx, owner: string, now: Date, options: ClaimOptions = {}): Promise<SmsMessage[]> {
	return claimLeased(db, smsMessages, owner, now, { limit: options.limit, leaseMs: options.leaseMs ?? LEASE_MS });
}

export interface SmsDeliveryReport {
	sent: number;
	retried: number;
	dead: number;
	/** Quiet hours: back to pending until 08:00, no attempt counted. */
	deferred: number;
	lost: number;
}

/** Why a text cannot be handed to the provider at all. */
function unsendable(message: SmsMessage, provider: SmsProvider): SmsSendError | null {
	if (!isSmsKind(message.kind)) return new SmsSendError(`unknown kind ${message.kind}`, { retryable: false });
	// The operator's to fix, not this text's fault: wait for the template id rather than kill the text.
	if (!provider.templateId(message.kind)) return new SmsSendError(`${templateEnvName(message.kind)} is not set`, { retryable: true });
	return null;
}

/** Claims what is due and tries each text once. `now` is the time of the claim, as in notify/worker.ts. */
export async function deliverDueSms(
	db: DbOrTx,
	provider: SmsProvider,
	owner: string,
	now = new Date(),
	options: ClaimOptions = {}
): Promise<SmsDeliveryReport> {
	const leaseMs = options.leaseMs ?? LEASE_MS;
	const started = Date.now();
	const clock = () => new Date(now.getTime() + (Date.now() - started));
	const report: SmsDeliveryReport = { sent: 0, retried: 0, dead: 0, deferred: 0, lost: 0 };

	const deliverOne = async (message: SmsMessage): Promise<void> => {
		const mine = and(eq(smsMessages.id, message.id), eq(smsMessages.leaseOwner, owner), eq(smsMessages.status, 'sending'));
		const held = await db
			.update(smsMessages)
			.set({ leaseUntil: new Date(clock().getTime() + leaseMs) })
			.where(mine);
		if (held.rowsAffected === 0) {
			report.lost++;
			return;
		}

		const allowed = mayText(message, now);
		if (allowed !== true) {
			const recorded = await db.update(smsMessages).set({ status: 'pending', nextAttemptAt: allowed, leaseOwner: null, leaseUntil: null }).where(mine);
			if (recorded.rowsAffected > 0) report.deferred++;
			else report.lost++;
			return;
		}

		let failure: unknown = unsendable(message, provider);
		let sent: { messageId: string; fee?: number } | null = null;
		if (!failure && isSmsKind(message.kind)) {
			const params = Object.fromEntries(paramNames(message.kind).map((name) => [name, message.params[name] ?? '']));
			try {
				sent = await provider.send({
					phone: message.phone,
					templateId: provider.templateId(message.kind)!,
					params,
					signName: provider.signName,
					reference: message.id
				});
			} catch (error) {
				failure = error ?? new Error('unknown failure');
			}
		}

		if (sent) {
			const recorded = await db
				.update(smsMessages)
				.set({
					status: 'sent',
					deliveredVia: provider.kind,
					providerMessageId: sent.messageId || null,
					fee: sent.fee ?? null,
					sentAt: clock(),
					leaseOwner: null,
					leaseUntil: null,
					lastError: null
				})
				.where(mine);
			if (recorded.rowsAffected > 0) report.sent++;
			else report.lost++;
			return;
		}

		const permanent = failure instanceof SmsSendError && !failure.retryable;
		const failed = failedAttempt(message, permanent, MAX_ATTEMPTS, now, (dead) => failureNote(failure, permanent, dead));
		const recorded = await db.update(smsMessages).set(failed.values).where(mine);
		if (recorded.rowsAffected === 0) report.lost++;
		else if (failed.dead) report.dead++;
		else report.retried++;
	};

	await inLanes(await claimDueSms(db, owner, now, options), options.concurrency ?? SEND_CONCURRENCY, deliverOne);
	return report;
}

/** What the admin reads next to a failed text: our verdict in Chinese, then the provider's words. */
function failureNote(failure: unknown, permanent: boolean, dead: boolean): string {
	const reason = failureReason(failure);
	if (permanent) return dm.sms.outbox.rejected(reason);
	if (dead) return dm.sms.outbox.gaveUp(MAX_ATTEMPTS, reason);
	return dm.sms.outbox.retrying(reason);
}

export type SmsWorker = PollingLoop;

export interface SmsWorkerOptions {
	provider: SmsProvider;
	pollMs?: number;
	owner?: string;
}

/** The SMS outbox's loop (ops/polling-loop.ts): a full batch means there may be more. */
export function startSmsWorker(db: DbOrTx, options: SmsWorkerOptions): SmsWorker {
	const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}:sms`;
	return startPollingLoop({
		name: 'sms worker',
		pollMs: options.pollMs ?? POLL_MS,
		runOnce: async () => {
			const r = await deliverDueSms(db, options.provider, owner);
			return { more: r.sent + r.retried + r.dead + r.deferred + r.lost >= BATCH_SIZE };
		}
	});
}
