/**
 * Numbered series ("沙坪坝周末义诊 第441期") as organizers manage them: the series of the organizations
 * they organize, and new ones with a starting number (a series moved over from paper keeps counting).
 */
import { and, asc, count, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/policy';
import { authorize, loadOrgTree, organizedOrgIds } from '../auth/scope';
import type { Db, DbOrTx } from '../db/client';
import { events, eventSeries, organizations } from '../db/schema';
import { conflict } from '../errors';
import { newId } from '../ids';
import { parseOrThrow } from '../validation';
import { KIND_LABEL } from './public-events';
import { singleLineText } from '../text/single-line';
import { dm } from '../../i18n/domain';

export const SeriesInput = z.object({
	organizationId: z.string().min(1, dm.events.fields.chooseOrganization),
	name: singleLineText(dm.events.fields.seriesName).min(2, dm.events.fields.seriesNameRequired).max(30, dm.events.fields.seriesNameMax),
	kind: z.enum(['free_clinic', 'lecture'], { message: dm.events.fields.chooseSeriesKind }),
	startNumber: z.number({ message: dm.events.fields.startNumberNumber }).int(dm.events.fields.startNumberInteger).min(1, dm.events.fields.startNumberMin).max(99999, dm.events.fields.startNumberMax).default(1)
});
export type SeriesInput = z.input<typeof SeriesInput>;

export interface SeriesView {
	id: string;
	name: string;
	kind: 'free_clinic' | 'lecture';
	kindLabel: string;
	organizationId: string;
	organizationName: string;
	nextIssue: number;
	eventCount: number;
	lastIssue: number | null;
}

/** The series of the organizations the actor organizes (all for an admin), with how far each has got. */
export async function listSeriesForOrganizer(db: DbOrTx, actor: Actor): Promise<SeriesView[]> {
	const allowed = organizedOrgIds(actor, await loadOrgTree(db));
	const rows = await db
		.select({
			id: eventSeries.id,
			name: eventSeries.name,
			kind: eventSeries.kind,
			organizationId: eventSeries.organizationId,
			organizationName: organizations.name,
			nextIssue: eventSeries.nextIssue,
			eventCount: count(events.id),
			lastIssue: max(events.issueNumber)
		})
		.from(eventSeries)
		.innerJoin(organizations, eq(organizations.id, eventSeries.organizationId))
		.leftJoin(events, eq(events.seriesId, eventSeries.id))
		.groupBy(eventSeries.id)
		.orderBy(asc(eventSeries.name));
	return rows
		.filter((r) => allowed === null || allowed.has(r.organizationId))
		.map((r) => ({ ...r, kindLabel: KIND_LABEL[r.kind], lastIssue: r.lastIssue ?? null }));
}

/** Series an event at a site may join: those of the site's organization or one above it. */
export async function seriesForOrganizations(db: DbOrTx, organizationIds: readonly string[]) {
	const tree = await loadOrgTree(db);
	const rows = await db.select({ id: eventSeries.id, name: eventSeries.name, kind: eventSeries.kind, organizationId: eventSeries.organizationId, nextIssue: eventSeries.nextIssue }).from(eventSeries).orderBy(asc(eventSeries.name));
	const reachable = new Set(organizationIds.flatMap((id) => tree.pathOf(id)));
	return rows.filter((s) => reachable.has(s.organizationId)).map((s) => ({ ...s, label: dm.events.labels.seriesOption(s.name, KIND_LABEL[s.kind], s.nextIssue) }));
}

export async function createSeriesForOrganizer(db: Db, actor: Actor, input: SeriesInput): Promise<string> {
	const values = parseOrThrow(SeriesInput, input);
	return db.transaction(async (tx) => {
		await authorize(tx, actor, 'event:edit', 'organization', values.organizationId);
		const same = await tx
			.select({ id: eventSeries.id })
			.from(eventSeries)
			.where(and(eq(eventSeries.organizationId, values.organizationId), eq(eventSeries.name, values.name)))
			.get();
		if (same) throw conflict(dm.events.errors.seriesNameTaken(values.name), 'name');
		const id = newId();
		await tx.insert(eventSeries).values({ id, organizationId: values.organizationId, name: values.name, kind: values.kind, nextIssue: values.startNumber });
		await recordAudit(tx, actor, {
			action: 'series.create',
			objectKind: 'event_series',
			objectId: id,
			organizationId: values.organizationId,
			after: values,
			summary: dm.events.audit.seriesCreated(values.name, KIND_LABEL[values.kind], values.startNumber)
		});
		return id;
	});
}
