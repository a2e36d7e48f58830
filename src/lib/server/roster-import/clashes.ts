/**
 * Double bookings an import would cause: an expert in two places at once, or more experts at a site
 * than it has rooms — between two rows of the sheet, or between a row and what is already planned.
 * The rows are expanded into dated sittings the same way the schedule is (holidays, swapped working
 * days, leave), and checked with the same `findConflicts` as the rotation editor, so the import
 * refuses exactly what the editor refuses. All rows are checked at once: a few queries per sheet.
 * A row's expert busy with a lecture, free clinic or volunteer shift is a warning (findCommitmentWarnings).
 */
import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import { addDays, isoWeekday, type CalendarDate } from '../../calendar-date';
import { formatDay } from '../../format/dates';
import type { DbOrTx } from '../db/client';
import { expertLeaves, rotations, sites, sittingOverrides } from '../db/schema';
import { clashesOf, sittingCommitment } from '../schedule/commitments';
import { findConflicts, type Conflict } from '../schedule/conflicts';
import { expandRotation, MAX_MOVE_DAYS, type OccurrenceOverride, type Sitting } from '../schedule/expand';
import { RotationInput } from '../schedule/rotations';
import { listSittings, loadHolidayCalendar, loadSwapDayResolver } from '../schedule/sittings';
import type { InterpretedRow } from './interpret';
import { parseSittingId } from '../../sitting-id';
import { dm } from '../../i18n/domain';

/** How far ahead each row is checked: the half year the rotation editor previews too. */
export const CLASH_HORIZON_DAYS = 182;

export interface PlannedRow extends InterpretedRow {
	rowNumber: number;
}

const BLOCKING: Conflict['kind'][] = ['expert_double_booked', 'site_over_rooms'];
// One date format in every message the organizer reads: 12月3日 周四, as the planning grid writes it.
const dayLabel = (date: CalendarDate) => formatDay(date);

/** The part of a row's validity that still lies ahead, within the horizon; null if none does. */
function aheadOf(row: PlannedRow, today: CalendarDate): { from: CalendarDate; to: CalendarDate } | null {
	const from = row.input.validFrom > today ? row.input.validFrom : today;
	const horizon = addDays(from, CLASH_HORIZON_DAYS);
	const to = row.input.validUntil && row.input.validUntil < horizon ? row.input.validUntil : horizon;
	return from <= to ? { from, to } : null;
}

/** Sites whose sittings matter: the rows' own, and wherever their experts already sit or cover. */
async function sitesToCompare(db: DbOrTx, planned: readonly PlannedRow[], from: CalendarDate, to: CalendarDate): Promise<string[]> {
	const expertIds = [...new Set(planned.map((p) => p.input.expertId))];
	const [rostered, covering] = await Promise.all([
		db
			.selectDistinct({ siteId: rotations.siteId })
			.from(rotations)
			.where(and(eq(rotations.active, true), inArray(rotations.expertId, expertIds), or(isNull(rotations.validUntil), gte(rotations.validUntil, from)))),
		db
			.selectDistinct({ siteId: rotations.siteId })
			.from(sittingOverrides)
			.innerJoin(rotations, eq(rotations.id, sittingOverrides.rotationId))
			.where(
				and(
					inArray(sittingOverrides.substituteExpertId, expertIds),
					// A covered sitting may have been moved up to MAX_MOVE_DAYS into the range.
					gte(sittingOverrides.originalDate, addDays(from, -MAX_MOVE_DAYS)),
					lte(sittingOverrides.originalDate, addDays(to, MAX_MOVE_DAYS))
				)
			)
	]);
	return [...new Set([...planned.map((p) => p.input.siteId), ...rostered.map((r) => r.siteId), ...covering.map((r) => r.siteId)])];
}

/** Messages per row number; a row absent from the map clashes with nothing. */
export async function findClashes(db: DbOrTx, planned: readonly PlannedRow[], today: CalendarDate): Promise<Map<number, string[]>> {
	const windows = planned.map((row) => ({ row, range: aheadOf(row, today) })).filter((w) => w.range !== null);
	const result = new Map<number, string[]>();
	if (windows.length === 0) return result;
	const from = windows.map((w) => w.range!.from).reduce((a, b) => (a < b ? a : b));
	const to = windows.map((w) => w.range!.to).reduce((a, b) => (a > b ? a : b));
	const expertIds = [...new Set(planned.map((p) => p.input.expertId))];

	const siteIds = await sitesToCompare(db, planned, from, to);
	const [existing, holidays, swapDayWeekday, leaves, rooms] = await Promise.all([
		listSittings(db, { from, to, siteIds }),
		loadHolidayCalendar(db),
		loadSwapDayResolver(db),
		db
			.select({ expertId: expertLeaves.expertId, startDate: expertLeaves.startDate, endDate: expertLeaves.endDate, reason: expertLeaves.reason })
			.from(expertLeaves)
			.where(and(inArray(expertLeaves.expertId, expertIds), eq(expertLeaves.status, 'approved'), lte(expertLeaves.startDate, to), gte(expertLeaves.endDate, from))),
		db.select({ id: sites.id, rooms: sites.rooms }).from(sites).where(inArray(sites.id, siteIds))
	]);

	const names = new Map<string, string>();
	for (const s of existing.sittings) {
		names.set(s.expertId, s.expert.name);
		names.set(s.siteId, s.site.name);
	}
	const rowOfRotation = new Map<string, PlannedRow>();
	const sittings: Sitting[] = [...existing.sittings];
	const noOverrides = new Map<CalendarDate, OccurrenceOverride>();
	for (const { row, range } of windows) {
		const id = `import-row-${row.rowNumber}`;
		rowOfRotation.set(id, row);
		names.set(row.input.expertId, row.expertName);
		names.set(row.input.siteId, row.siteName);
		// Holiday policy and swap days as a created rotation will have them (the schema's defaults).
		const { holidayPolicy, countSwapDays } = RotationInput.parse(row.input);
		const rule = { id, ...row.input, holidayPolicy, countSwapDays };
		sittings.push(...expandRotation(rule, range!.from, range!.to, { holidays, swapDayWeekday, overrides: noOverrides, leaves: leaves.filter((l) => l.expertId === row.input.expertId) }));
	}
	const roomsOf = new Map(rooms.map((s) => [s.id, s.rooms]));
	const conflicts = findConflicts(sittings, {
		expert: (id) => names.get(id) ?? dm.rosterImport.clashes.someExpert,
		site: (id) => names.get(id) ?? dm.rosterImport.clashes.someSite,
		rooms: (id) => roomsOf.get(id) ?? null
	});

	const byId = new Map(sittings.map((s) => [s.id, s]));
	const rowOf = (s: Sitting) => rowOfRotation.get(s.rotationId) ?? null;
	/** One message per row and other party, at its first date, with how many dates clash in all. */
	const found = new Map<string, { rowNumber: number; message: string; days: number }>();
	const note = (row: PlannedRow, other: string, message: string) => {
		const key = `${row.rowNumber}|${other}`;
		const seen = found.get(key);
		if (seen) seen.days++;
		else found.set(key, { rowNumber: row.rowNumber, message, days: 1 });
	};

	for (const c of conflicts) {
		if (!BLOCKING.includes(c.kind)) continue;
		const involved = c.sittingIds.map((id) => byId.get(id)!);
		const ours = involved.filter((s) => rowOf(s)).sort((a, b) => rowOf(b)!.rowNumber - rowOf(a)!.rowNumber);
		const target = ours[0];
		if (!target) continue;
		const row = rowOf(target)!;
		if (c.kind === 'expert_double_booked') {
			const other = involved.find((s) => s !== target)!;
			const otherRow = rowOf(other);
			const what = dm.rosterImport.clashes.booked(String(names.get(other.expertId)), dayLabel(c.date), other.startTime, other.endTime, String(names.get(other.siteId)));
			if (otherRow) note(row, `row ${otherRow.rowNumber}`, dm.rosterImport.clashes.overlapsRow(otherRow.rowNumber, what));
			else {
				// The same expert at the same site at another time or quota: the organizer meant to change it.
				const hint = other.siteId === target.siteId && other.rosteredExpertId === target.rosteredExpertId ? dm.rosterImport.clashes.editInConsole : '';
				note(row, other.rotationId, dm.rosterImport.clashes.withExisting(what, hint));
			}
		} else {
			const otherRows = ours.slice(1).map((s) => rowOf(s)!.rowNumber).sort((a, b) => a - b);
			const alsoRows = otherRows.length ? dm.rosterImport.clashes.alsoRows(otherRows.join('、')) : '';
			note(row, `rooms ${target.siteId}`, dm.rosterImport.clashes.rooms(String(names.get(target.siteId)), dayLabel(c.date), target.startTime, involved.length, roomsOf.get(target.siteId), alsoRows));
		}
	}
	for (const { rowNumber, message, days } of found.values()) {
		const list = result.get(rowNumber) ?? [];
		list.push(days > 1 ? dm.rosterImport.clashes.days(message, days) : message);
		result.set(rowNumber, list);
	}
	return result;
}

/**
 * The other things the rows' experts already do at those hours — lectures they give, free clinics
 * they staff, volunteer shifts — as messages per row number, to show beside the row. A warning, never
 * a refusal: a row is a rotation for months and such a clash is one date, which the organizer settles
 * on that date (a substitute, a cancelled sitting, someone else at the lecture); refusing the row
 * would refuse the whole sheet, as an import is all or nothing.
 */
export async function findCommitmentWarnings(db: DbOrTx, planned: readonly PlannedRow[], today: CalendarDate): Promise<Map<number, string[]>> {
	const result = new Map<number, string[]>();
	const windows = planned.map((row) => ({ row, range: aheadOf(row, today) })).filter((w) => w.range !== null);
	if (windows.length === 0) return result;
	const from = windows.map((w) => w.range!.from).reduce((a, b) => (a < b ? a : b));
	const to = windows.map((w) => w.range!.to).reduce((a, b) => (a > b ? a : b));
	const expertIds = [...new Set(windows.map((w) => w.row.input.expertId))];
	const [holidays, swapDayWeekday, leaves] = await Promise.all([
		loadHolidayCalendar(db),
		loadSwapDayResolver(db),
		db
			.select({ expertId: expertLeaves.expertId, startDate: expertLeaves.startDate, endDate: expertLeaves.endDate, reason: expertLeaves.reason })
			.from(expertLeaves)
			.where(and(inArray(expertLeaves.expertId, expertIds), eq(expertLeaves.status, 'approved'), lte(expertLeaves.startDate, to), gte(expertLeaves.endDate, from)))
	]);
	const rowOfRotation = new Map<string, number>();
	const commitments = windows.flatMap(({ row, range }) => {
		const id = `import-row-${row.rowNumber}`;
		rowOfRotation.set(id, row.rowNumber);
		const { holidayPolicy, countSwapDays } = RotationInput.parse(row.input);
		const rule = { id, ...row.input, holidayPolicy, countSwapDays };
		const sittings = expandRotation(rule, range!.from, range!.to, {
			holidays,
			swapDayWeekday,
			overrides: new Map<CalendarDate, OccurrenceOverride>(),
			leaves: leaves.filter((l) => l.expertId === row.input.expertId)
		});
		return sittings.flatMap((s) => sittingCommitment(s, { expert: row.expertName, site: row.siteName }) ?? []);
	});
	const rotationOf = new Map(commitments.map((c) => [c.ref, parseSittingId(c.ref)?.rotationId ?? '']));
	for (const clash of await clashesOf(db, commitments, { crossKindOnly: true })) {
		// Row against row, or row against a stored sitting, is findClashes' double booking, not here.
		const rowNumber = rowOfRotation.get(rotationOf.get(clash.planned.ref) ?? '');
		if (rowNumber === undefined) continue;
		const list = result.get(rowNumber) ?? [];
		list.push(clash.message);
		result.set(rowNumber, list);
	}
	return result;
}
