/**
 * Conflicts are found, not hoped away: an expert in two places at once, a sitting on a holiday, an
 * expert on leave with nobody covering, more visiting experts at a site than it has rooms.
 *
 * Every message names its own day as people read it (12月9日 周三), as a busy-expert message does:
 * the planning grid, the overview, the rotation editor and the Friday digest print it as it is, so
 * none of them adds a date of its own or shows one twice.
 */
import { formatDay } from '../../format/dates';
import type { CommitmentClash } from './commitments';
import type { Sitting } from './expand';
import { dm } from '../../i18n/domain';

/**
 * `expert_busy`: a sitting runs into something else the expert does at that hour (a lecture, a free
 * clinic, a volunteer shift); see commitments.ts. The others are sittings among themselves.
 */
export type ConflictKind = 'expert_double_booked' | 'expert_busy' | 'on_holiday' | 'needs_cover' | 'site_over_rooms';

export interface Conflict {
	kind: ConflictKind;
	date: string;
	sittingIds: string[];
	message: string;
}

export interface ConflictNames {
	expert(id: string): string;
	site(id: string): string;
	rooms(siteId: string): number | null;
}

const overlaps = (a: Sitting, b: Sitting) => a.date === b.date && a.startTime < b.endTime && b.startTime < a.endTime;

/** Sittings that will actually take place occupy the expert and a room. */
const isLive = (s: Sitting) => s.status === 'scheduled';

export function findConflicts(sittings: readonly Sitting[], names: ConflictNames): Conflict[] {
	const conflicts: Conflict[] = [];
	const live = sittings.filter(isLive);

	const byExpertDay = groupBy(live, (s) => `${s.expertId}|${s.date}`);
	for (const group of byExpertDay.values()) {
		for (let i = 0; i < group.length; i++) {
			for (let j = i + 1; j < group.length; j++) {
				const a = group[i]!;
				const b = group[j]!;
				if (!overlaps(a, b)) continue;
				conflicts.push({
					kind: 'expert_double_booked',
					date: a.date,
					sittingIds: [a.id, b.id],
					message: dm.schedule.conflicts.doubleBooked(formatDay(a.date), names.expert(a.expertId), names.site(a.siteId), names.site(b.siteId))
				});
			}
		}
	}

	for (const s of live) {
		if (s.onHoliday) {
			conflicts.push({
				kind: 'on_holiday',
				date: s.date,
				sittingIds: [s.id],
				message: dm.schedule.conflicts.onHoliday(formatDay(s.date), names.expert(s.expertId), names.site(s.siteId), s.onHoliday)
			});
		}
	}
	for (const s of sittings) {
		if (s.status === 'needs_cover') {
			conflicts.push({
				kind: 'needs_cover',
				date: s.date,
				sittingIds: [s.id],
				message: dm.schedule.conflicts.onLeave(formatDay(s.date), names.expert(s.expertId), names.site(s.siteId))
			});
		}
	}

	const bySiteDay = groupBy(live, (s) => `${s.siteId}|${s.date}`);
	for (const group of bySiteDay.values()) {
		const rooms = names.rooms(group[0]!.siteId);
		if (rooms === null || group.length <= rooms) continue;
		// The most experts present at any one moment: check at each sitting's start.
		for (const s of group) {
			const present = group.filter((o) => o.startTime <= s.startTime && s.startTime < o.endTime);
			if (present.length > rooms) {
				conflicts.push({
					kind: 'site_over_rooms',
					date: s.date,
					sittingIds: present.map((p) => p.id),
					message: dm.schedule.conflicts.tooFewRooms(formatDay(s.date), s.startTime, names.site(s.siteId), present.length, rooms)
				});
				break;
			}
		}
	}
	return conflicts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const k = key(item);
		const group = groups.get(k);
		if (group) group.push(item);
		else groups.set(k, [item]);
	}
	return groups;
}

/** A sitting that runs into another kind of commitment, as a conflict of the planned sitting. */
export function busyConflict(clash: CommitmentClash): Conflict {
	const sittingIds = [clash.planned, clash.other].filter((c) => c.kind === 'sitting').map((c) => c.ref);
	return { kind: 'expert_busy', date: clash.date, sittingIds, message: clash.message };
}
