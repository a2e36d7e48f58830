/**
 * Organization settings an organizer keeps: the name, and which weekday's roster a swapped working day
 * (调休上班日) follows — as a default, and for particular dates when the hospital decides per notice.
 * Every function here takes the signed-in actor and checks `organization:edit` before it reads the
 * input or the database.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { addDays, eachDate, parseCalendarDate, type CalendarDate } from '../../calendar-date';
import { formatDay } from '../../format/dates';
import { auditTrailView, changedFields, recordAudit } from '../audit/audit';
import { assertCan, type Actor } from '../auth/policy';
import { loadOrgTree, scopedObject } from '../auth/scope';
import type { Db, DbOrTx } from '../db/client';
import { organizations, swapDayRosters } from '../db/schema';
import { invalid, notFound } from '../errors';
import { loadHolidayCalendar } from '../schedule/sittings';
import { parseOrThrow } from '../validation';
import { singleLineText } from '../text/single-line';
import { dm } from '../../i18n/domain';

const weekday = z
	.string()
	.default('')
	.transform((v, ctx) => {
		if (v === '') return null;
		const n = Number(v);
		if (!Number.isInteger(n) || n < 1 || n > 7) {
			ctx.addIssue({ code: 'custom', message: dm.organizations.fields.chooseWeekday });
			return z.NEVER;
		}
		return n;
	});

export const OrganizationSettings = z.object({
	name: singleLineText(dm.organizations.fields.name).min(2, dm.organizations.fields.nameRequired).max(60, dm.organizations.fields.nameMax),
	shortName: singleLineText(dm.organizations.fields.shortName).max(20, dm.organizations.fields.shortNameMax).default(''),
	swapDayFollowsWeekday: weekday
});

/** 404 for an unknown organization, 403 for one outside the actor's subtrees. */
async function assertCanEditOrganization(db: DbOrTx, actor: Actor, organizationId: string): Promise<void> {
	assertCan(actor, 'organization:edit', await scopedObject(db, await loadOrgTree(db), 'organization', organizationId));
}

export async function updateOrganization(db: Db, actor: Actor, id: string, input: unknown): Promise<void> {
	await db.transaction(async (tx) => {
		await assertCanEditOrganization(tx, actor, id);
		const values = parseOrThrow(OrganizationSettings, input);
		const current = await tx.select().from(organizations).where(eq(organizations.id, id)).get();
		if (!current) throw notFound(dm.organizations.errors.organizationNotFound);
		const next = { ...values, shortName: values.shortName || null };
		await tx.update(organizations).set(next).where(eq(organizations.id, id));
		const diff = changedFields(current as unknown as Record<string, unknown>, next);
		await recordAudit(tx, actor, { action: 'organization.update', objectKind: 'organization', objectId: id, organizationId: id, before: diff.before, after: diff.after, summary: dm.organizations.audit.updated(values.name) });
	});
}

/** For one swapped working day: follow `weekday`'s roster (1–7), or null to fall back to the default. */
export async function setSwapDayChoice(db: Db, actor: Actor, organizationId: string, dateText: string, weekdayText: string): Promise<void> {
	await db.transaction(async (tx) => {
		await assertCanEditOrganization(tx, actor, organizationId);
		const date = parseCalendarDate(dateText);
		if (!date) throw invalid(dm.organizations.errors.badDate, 'date');
		const chosen = parseOrThrow(weekday, weekdayText);
		const calendar = await loadHolidayCalendar(tx);
		if (calendar.day(date).kind !== 'workday') throw invalid(dm.organizations.errors.notSwapDay(formatDay(date)), 'date');
		await tx.delete(swapDayRosters).where(and(eq(swapDayRosters.organizationId, organizationId), eq(swapDayRosters.date, date)));
		if (chosen !== null) await tx.insert(swapDayRosters).values({ organizationId, date, followsWeekday: chosen });
		await recordAudit(tx, actor, {
			action: 'organization.swap_day',
			objectKind: 'organization',
			objectId: organizationId,
			organizationId,
			after: { date, followsWeekday: chosen },
			summary: dm.organizations.audit.swapDayRoster(formatDay(date), chosen)
		});
	});
}

/** The swapped working days from `today` for a year, with this organization's own choice for each. */
async function upcomingSwapDays(db: DbOrTx, organizationId: string, today: CalendarDate) {
	const calendar = await loadHolidayCalendar(db);
	const choices = await db.select().from(swapDayRosters).where(eq(swapDayRosters.organizationId, organizationId));
	return eachDate(today, addDays(today, 365))
		.filter((d) => calendar.day(d).kind === 'workday')
		.map((date) => ({ date, label: formatDay(date), holiday: calendar.day(date).name, followsWeekday: choices.find((c) => c.date === date)?.followsWeekday ?? null }));
}

/** The settings page of one organization, with its swapped working days and change history, for an actor who may edit it. */
export async function organizationForEditing(db: DbOrTx, actor: Actor, id: string, today: CalendarDate) {
	await assertCanEditOrganization(db, actor, id);
	const org = await db.select().from(organizations).where(eq(organizations.id, id)).get();
	if (!org) throw notFound(dm.organizations.errors.organizationNotFound);
	return { org, swapDays: await upcomingSwapDays(db, id, today), trail: await auditTrailView(db, 'organization', id) };
}
