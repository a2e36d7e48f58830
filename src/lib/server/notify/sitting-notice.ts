/**
 * The notice of one sitting change in words: the line the audit trail keeps, so the sitting's history
 * says who heard of each change and whom the organizer had to call.
 */
import type { SittingNotice, UnreachableReason } from './sitting-mail';
import { dm } from '../../i18n/domain';

export const UNREACHABLE_REASONS: Record<UnreachableReason, string> = {
	no_address: dm.notify.sittingNotice.noAddress,
	opted_out: dm.notify.sittingNotice.optedOut,
	address_refused: dm.notify.sittingNotice.addressRefused
};

/** 通知：已邮件告知 李康宁、陈志明；未能通知 吴婷（没有账号，也没有登记联系邮箱） */
export function sittingNoticeLine(notice: SittingNotice): string {
	if (notice.past) return dm.notify.sittingNotice.past;
	const parts: string[] = [];
	if (notice.told.length > 0) parts.push(dm.notify.sittingNotice.told(notice.told.map((p) => p.name).join('、')));
	if (notice.unreachable.length > 0) parts.push(dm.notify.sittingNotice.unreachable(notice.unreachable.map((p) => `${p.name}（${UNREACHABLE_REASONS[p.reason]}）`).join('、')));
	return dm.notify.sittingNotice.summary(parts.join('；') || dm.notify.sittingNotice.nobody);
}
