/**
 * Whom an organizer may hand one sitting to, in the order they should look: experts of the sitting's
 * own department first (residents come for that department), free ones before busy ones and senior
 * titles before junior; then every other department, each a group of its own. Busy means sitting
 * somewhere else at an overlapping time that day, or on approved leave that day: such an expert is
 * still listed (the organizer may know better, e.g. a clinic that ends early) but marked.
 */
import { and, eq, gte, lte } from 'drizzle-orm';
import type { CalendarDate } from '../../calendar-date';
import { formatTimeRange } from '../../format/dates';
import type { Actor } from '../auth/policy';
import { authorize } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { EXPERT_TITLES, expertLeaves } from '../db/schema';
import { notFound } from '../errors';
import { listExperts, type ExpertListing } from '../experts/experts';
import { findSittingView } from './sitting-actions';
import { loadCommitments } from './commitments';
import { listSittings, pinyinRanks, type SittingView } from './sittings';
import { comparePinyin } from '../../format/pinyin-order';
import { dm } from '../../i18n/domain';

/** An expert of the district's list, with the short name of their hospital. */
export type SubstituteCandidate = Pick<ExpertListing, 'id' | 'name' | 'title' | 'departmentId' | 'departmentName' | 'departmentSortOrder'> & { hospital: string };

/** Why a candidate cannot simply go: another sitting at an overlapping time, or approved leave. */
export interface Busy {
	/** The other sitting's center and time, e.g. 天星桥社区卫生服务中心 08:30–11:30. */
	sittingElsewhere: { site: string; timeRange: string } | null;
	onLeave: boolean;
	/** A lecture they give, a clinic they staff or a volunteer shift at that time (commitments.ts), in words. */
	otherCommitment?: string;
}

export interface SubstituteChoice extends SubstituteCandidate {
	busy: Busy | null;
}

export interface SubstituteGroup {
	departmentName: string;
	/** The sitting's own department: the group listed first. */
	sameDepartment: boolean;
	experts: SubstituteChoice[];
}

const titleRank = (title: string) => {
	const at = (EXPERT_TITLES as readonly string[]).indexOf(title);
	return at === -1 ? EXPERT_TITLES.length : at;
};

/**
 * Pure ordering: the sitting's department first, then the others by the district's department order;
 * inside a group free before busy, then by title (主任医师 first), then by name in pinyin order.
 */
export function orderSubstitutes(
	candidates: readonly SubstituteCandidate[],
	sitting: { departmentId: string; excludedExpertIds: readonly string[] },
	busyById: ReadonlyMap<string, Busy>
): SubstituteGroup[] {
	const nameRank = pinyinRanks(candidates.map((c) => c.name));
	const groups = new Map<string, SubstituteGroup & { sortOrder: number }>();
	for (const c of candidates) {
		if (sitting.excludedExpertIds.includes(c.id)) continue;
		let group = groups.get(c.departmentId);
		if (!group) {
			group = { departmentName: c.departmentName, sameDepartment: c.departmentId === sitting.departmentId, experts: [], sortOrder: c.departmentSortOrder };
			groups.set(c.departmentId, group);
		}
		group.experts.push({ ...c, busy: busyById.get(c.id) ?? null });
	}
	for (const group of groups.values()) {
		group.experts.sort(
			(a, b) => Number(a.busy !== null) - Number(b.busy !== null) || titleRank(a.title) - titleRank(b.title) || nameRank.get(a.name)! - nameRank.get(b.name)!
		);
	}
	return [...groups.values()]
		.sort((a, b) => Number(b.sameDepartment) - Number(a.sameDepartment) || a.sortOrder - b.sortOrder || comparePinyin(a.departmentName, b.departmentName))
		.map(({ sortOrder: _sortOrder, ...group }) => group);
}

const overlaps = (a: { startTime: string; endTime: string }, b: { startTime: string; endTime: string }) => a.startTime < b.endTime && b.startTime < a.endTime;

/** Pure: who is busy at the sitting's time, from that day's other sittings and the approved leave. */
export function busyAt(
	sitting: Pick<SittingView, 'id' | 'date' | 'startTime' | 'endTime'>,
	sameDay: readonly Pick<SittingView, 'id' | 'date' | 'startTime' | 'endTime' | 'status' | 'expertId' | 'site'>[],
	onLeave: ReadonlySet<string>
): Map<string, Busy> {
	const busy = new Map<string, Busy>();
	for (const other of sameDay) {
		// Only a sitting that takes place occupies the expert: a cancelled one, or one they are on leave from, does not.
		if (other.id === sitting.id || other.status !== 'scheduled' || other.date !== sitting.date || !overlaps(other, sitting)) continue;
		if (busy.get(other.expertId)?.sittingElsewhere) continue;
		busy.set(other.expertId, { sittingElsewhere: { site: other.site.name, timeRange: formatTimeRange(other.startTime, other.endTime) }, onLeave: onLeave.has(other.expertId) });
	}
	for (const expertId of onLeave) {
		if (!busy.has(expertId)) busy.set(expertId, { sittingElsewhere: null, onLeave: true });
	}
	return busy;
}

async function expertsOnApprovedLeave(db: DbOrTx, date: CalendarDate): Promise<Set<string>> {
	const rows = await db
		.select({ expertId: expertLeaves.expertId })
		.from(expertLeaves)
		.where(and(eq(expertLeaves.status, 'approved'), lte(expertLeaves.startDate, date), gte(expertLeaves.endDate, date)));
	return new Set(rows.map((r) => r.expertId));
}

/**
 * The substitutes for one sitting as its console page lists them, for an actor who may change the
 * sitting (`sitting:change`): the same district-wide pool applySittingAction accepts, less the
 * rostered expert (the current substitute stays, so the form can show them chosen).
 */
export async function substituteChoices(db: DbOrTx, actor: Actor, sittingId: string): Promise<SubstituteGroup[]> {
	await authorize(db, actor, 'sitting:change', 'sitting', sittingId);
	const sitting = await findSittingView(db, sittingId);
	if (!sitting) throw notFound(dm.schedule.errors.sittingNotFound);
	const [experts, { sittings: sameDay }, onLeave] = await Promise.all([
		listExperts(db),
		listSittings(db, { from: sitting.date, to: sitting.date }),
		expertsOnApprovedLeave(db, sitting.date)
	]);
	const candidates = experts
		.filter((e) => e.active)
		.map((e) => ({
			id: e.id,
			name: e.name,
			title: e.title,
			departmentId: e.departmentId,
			departmentName: e.departmentName,
			departmentSortOrder: e.departmentSortOrder,
			hospital: e.hospitalShortName ?? e.hospitalName
		}));
	const busy = busyAt(sitting, sameDay, onLeave);
	// Lectures, clinics and shifts occupy an expert as a sitting does: the save would stop at them too.
	const others = await loadCommitments(db, { expertIds: candidates.map((c) => c.id), from: sitting.date, to: sitting.date, kinds: ['lecture', 'clinic', 'volunteer'] });
	for (const c of others) {
		if (c.startTime >= sitting.endTime || sitting.startTime >= c.endTime) continue;
		const words = `${formatTimeRange(c.startTime, c.endTime)} ${c.what}`;
		busy.set(c.expertId, { ...(busy.get(c.expertId) ?? { sittingElsewhere: null, onLeave: false }), otherCommitment: words });
	}
	return orderSubstitutes(candidates, { departmentId: sitting.departmentId, excludedExpertIds: [sitting.rosteredExpertId] }, busy);
}
