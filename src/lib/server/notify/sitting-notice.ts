/**
 * The notice of one sitting change in words: the line the audit trail keeps, so the sitting's history
 * says who heard of each change and whom the organizer had to call.
 */
import type { SittingNotice, UnreachableReason } from './sitting-mail';

export const UNREACHABLE_REASONS: Record<UnreachableReason, string> = {
	no_address: '没有账号，也没有登记联系邮箱',
	opted_out: '已在账号设置里关闭坐诊变动邮件',
	address_refused: '联系邮箱曾退信或已退订，邮件发不到'
};

/** 通知：已邮件告知 李康宁、陈志明；未能通知 吴婷（没有账号，也没有登记联系邮箱） */
export function sittingNoticeLine(notice: SittingNotice): string {
	if (notice.past) return '通知：班次已过，没有通知任何人';
	const parts: string[] = [];
	if (notice.told.length > 0) parts.push(`已邮件告知 ${notice.told.map((p) => p.name).join('、')}`);
	if (notice.unreachable.length > 0) parts.push(`未能通知 ${notice.unreachable.map((p) => `${p.name}（${UNREACHABLE_REASONS[p.reason]}）`).join('、')}`);
	return `通知：${parts.join('；') || '没有需要通知的人'}`;
}
