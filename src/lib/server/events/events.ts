/**
 * Free clinics and lectures as organizers plan them. Events in a series are numbered when created
 * ("沙坪坝周末义诊 第441期"); the series counter moves in the same transaction, so two organizers
 * creating events at once never get the same number.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../audit/audit';
import type { Db, DbOrTx } from '../db/client';
import { eventDepartments, eventExperts, events, eventSeries, sites } from '../db/schema';
import { invalid, notFound } from '../errors';
import { newId } from '../ids';
import { calendarDateField, parseOrThrow, timeOfDayField } from '../validation';
import { singleLineText, multiLineText } from '../text/single-line';

export const EventInput = z
	.object({
		kind: z.enum(['free_clinic', 'lecture'], { message: '请选择活动类型' }),
		siteId: z.string().min(1, '请选择地点'),
		seriesId: z.string().nullable().default(null),
		title: singleLineText('活动名称').min(2, '请填写活动名称').max(60, '名称不超过 60 字'),
		date: calendarDateField('日期'),
		startTime: timeOfDayField('开始时间'),
		endTime: timeOfDayField('结束时间'),
		capacity: z.number().int('名额应为整数').min(1, '名额至少 1 个').max(5000, '名额不超过 5000').nullable().default(null),
		description: multiLineText('活动介绍').max(1000, '活动介绍不超过 1000 字').nullable().default(null),
		services: z.array(singleLineText('服务项目').min(1, '服务项目不能为空').max(20, '每个服务项目不超过 20 字')).max(20, '服务项目不超过 20 项').default([]),
		whatToBring: singleLineText('携带物品').max(200, '携带物品不超过 200 字').nullable().default(null),
		topic: singleLineText('主题').max(100, '主题不超过 100 字').nullable().default(null),
		audience: singleLineText('适合人群').max(100, '适合人群不超过 100 字').nullable().default(null),
		speakerExpertId: z.string().nullable().default(null),
		speakerName: singleLineText('主讲人').max(40, '主讲人不超过 40 字').nullable().default(null),
		departmentIds: z.array(z.string()).default([]),
		expertIds: z.array(z.string()).default([])
	})
	.refine((e) => e.startTime < e.endTime, { message: '结束时间应晚于开始时间', path: ['endTime'] })
	.refine((e) => e.kind !== 'lecture' || Boolean(e.topic), { message: '讲座请填写主题', path: ['topic'] })
	.refine((e) => e.kind !== 'lecture' || Boolean(e.speakerExpertId || e.speakerName), { message: '讲座请填写主讲人', path: ['speakerName'] });
export type EventInput = z.input<typeof EventInput>;

/**
 * Writes an event as the system: it checks no access, so only the demo seed, scripts and tests call
 * it. The console creates events with `createOrganizerEvent` (manage.ts), which checks the site first.
 */
export async function createEvent(db: Db, actor: AuditActor, input: EventInput): Promise<string> {
	return db.transaction((tx) => createEventIn(tx, actor, input));
}

/** The same inside a caller's transaction (the demo seed, and manage.ts after its own access checks). */
export async function createEventIn(tx: DbOrTx, actor: AuditActor, input: EventInput, options: { id?: string } = {}): Promise<string> {
	const values = parseOrThrow(EventInput, input);
	{
		const site = await tx.select({ organizationId: sites.organizationId, name: sites.name }).from(sites).where(eq(sites.id, values.siteId)).get();
		if (!site) throw invalid('所选地点不存在', 'siteId');
		let issueNumber: number | null = null;
		if (values.seriesId) {
			// Taking the number and moving the counter is one UPDATE … RETURNING: no two events share one.
			const [taken] = await tx
				.update(eventSeries)
				.set({ nextIssue: sql`${eventSeries.nextIssue} + 1` })
				.where(eq(eventSeries.id, values.seriesId))
				.returning({ issue: sql<number>`${eventSeries.nextIssue} - 1` });
			if (!taken) throw invalid('所选系列不存在', 'seriesId');
			issueNumber = taken.issue;
		}
		const id = options.id ?? newId();
		const { departmentIds, expertIds, ...row } = values;
		await tx.insert(events).values({ id, ...row, organizationId: site.organizationId, issueNumber });
		if (departmentIds.length) await tx.insert(eventDepartments).values(departmentIds.map((departmentId) => ({ eventId: id, departmentId })));
		if (expertIds.length) await tx.insert(eventExperts).values(expertIds.map((expertId) => ({ eventId: id, expertId })));
		await recordAudit(tx, actor, {
			action: 'event.create',
			objectKind: 'event',
			objectId: id,
			organizationId: site.organizationId,
			after: { ...values, issueNumber },
			summary: `新建活动：${values.title}${issueNumber ? ` 第${issueNumber}期` : ''}（${values.date} ${site.name}）`
		});
		return id;
	}
}

export async function createSeries(db: DbOrTx, input: { organizationId: string; name: string; kind: 'free_clinic' | 'lecture'; nextIssue?: number }): Promise<string> {
	const id = newId();
	await db.insert(eventSeries).values({ id, ...input, nextIssue: input.nextIssue ?? 1 });
	return id;
}

export async function findEvent(db: Db, id: string) {
	const row = await db.select().from(events).where(eq(events.id, id)).get();
	if (!row) throw notFound('没有找到这个活动');
	return row;
}
