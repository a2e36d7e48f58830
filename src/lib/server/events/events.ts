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
import { dm } from '../../i18n/domain';

export const EventInput = z
	.object({
		kind: z.enum(['free_clinic', 'lecture'], { message: dm.events.fields.chooseKind }),
		siteId: z.string().min(1, dm.events.fields.chooseSite),
		seriesId: z.string().nullable().default(null),
		title: singleLineText(dm.events.fields.title).min(2, dm.events.fields.titleRequired).max(60, dm.events.fields.titleMax),
		date: calendarDateField(dm.events.fields.date),
		startTime: timeOfDayField(dm.events.fields.startTime),
		endTime: timeOfDayField(dm.events.fields.endTime),
		capacity: z.number().int(dm.events.fields.capacityInteger).min(1, dm.events.fields.capacityMin).max(5000, dm.events.fields.capacityMax).nullable().default(null),
		description: multiLineText(dm.events.fields.description).max(1000, dm.events.fields.descriptionMax).nullable().default(null),
		services: z.array(singleLineText(dm.events.fields.services).min(1, dm.events.fields.serviceEmpty).max(20, dm.events.fields.serviceMax)).max(20, dm.events.fields.servicesMax).default([]),
		whatToBring: singleLineText(dm.events.fields.whatToBring).max(200, dm.events.fields.whatToBringMax).nullable().default(null),
		topic: singleLineText(dm.events.fields.topic).max(100, dm.events.fields.topicMax).nullable().default(null),
		audience: singleLineText(dm.events.fields.audience).max(100, dm.events.fields.audienceMax).nullable().default(null),
		speakerExpertId: z.string().nullable().default(null),
		speakerName: singleLineText(dm.events.fields.speaker).max(40, dm.events.fields.speakerMax).nullable().default(null),
		departmentIds: z.array(z.string()).default([]),
		expertIds: z.array(z.string()).default([])
	})
	.refine((e) => e.startTime < e.endTime, { message: dm.events.fields.endTimeAfterStart, path: ['endTime'] })
	.refine((e) => e.kind !== 'lecture' || Boolean(e.topic), { message: dm.events.fields.lectureNeedsTopic, path: ['topic'] })
	.refine((e) => e.kind !== 'lecture' || Boolean(e.speakerExpertId || e.speakerName), { message: dm.events.fields.lectureNeedsSpeaker, path: ['speakerName'] });
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
		if (!site) throw invalid(dm.events.errors.siteNotFound, 'siteId');
		let issueNumber: number | null = null;
		if (values.seriesId) {
			// Taking the number and moving the counter is one UPDATE … RETURNING: no two events share one.
			const [taken] = await tx
				.update(eventSeries)
				.set({ nextIssue: sql`${eventSeries.nextIssue} + 1` })
				.where(eq(eventSeries.id, values.seriesId))
				.returning({ issue: sql<number>`${eventSeries.nextIssue} - 1` });
			if (!taken) throw invalid(dm.events.errors.seriesNotFound, 'seriesId');
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
			summary: dm.events.audit.eventCreated(values.title, issueNumber ? dm.events.audit.issueSuffix(issueNumber) : '', values.date, site.name)
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
	if (!row) throw notFound(dm.events.errors.eventNotFound);
	return row;
}
