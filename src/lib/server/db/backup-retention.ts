/**
 * Which backup copies to keep: the newest N, plus the newest of each day for a week and the newest of
 * each week for a month (days and weeks in Beijing time, where the operators are). Copies taken
 * before an upgrade or a restore carry a tag and are kept apart: the newest few of each tag stay,
 * whatever their age, because they are the way back from that one step.
 */
import { daysBetween, mondayOf, todayIn } from '../../calendar-date';
import { DISTRICT_TIME_ZONE } from '../../time-zone';

export const KEEP_DAILY_FOR_DAYS = 7;
export const KEEP_WEEKLY_FOR_DAYS = 31;
export const KEEP_PER_TAG = 3;

export interface BackupCopy {
	name: string;
	takenAt: Date;
	/** 'before-upgrade', 'before-restore', or null for a scheduled or manual copy. */
	tag: string | null;
}

/** `yizhen-20261207T190512.345Z.db`, or with a tag: `yizhen-20261207T190512.345Z-before-upgrade.db`. */
const NAME = /^(.+)-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z(?:-([a-z][a-z-]*))?\.db$/;

export function backupFileName(base: string, takenAt: Date, tag: string | null = null): string {
	const stamp = takenAt.toISOString().replace(/[-:]/g, '');
	return `${base}-${stamp}${tag ? `-${tag}` : ''}.db`;
}

/** A copy of database `base`, read from its file name; null for any other file in the folder. */
export function parseBackupFileName(base: string, name: string): BackupCopy | null {
	const match = NAME.exec(name);
	if (!match || match[1] !== base) return null;
	const [, , y, mo, d, h, mi, s, ms, tag] = match;
	const takenAt = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
	if (Number.isNaN(takenAt.getTime())) return null;
	return { name, takenAt, tag: tag ?? null };
}

/** The copies that the policy no longer keeps, oldest first. Nothing is removed that cannot be placed in time. */
export function backupsToRemove(copies: readonly BackupCopy[], now: Date, keepLast: number): BackupCopy[] {
	const keep = new Set<string>();
	const newestFirst = [...copies].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
	const today = todayIn(DISTRICT_TIME_ZONE, now);

	const plain = newestFirst.filter((c) => c.tag === null);
	for (const copy of plain.slice(0, Math.max(0, keepLast))) keep.add(copy.name);
	const days = new Set<string>();
	const weeks = new Set<string>();
	for (const copy of plain) {
		// A copy from the future (a clock set wrong) is not judged by a clock that may be the wrong one.
		if (copy.takenAt > now) {
			keep.add(copy.name);
			continue;
		}
		const day = todayIn(DISTRICT_TIME_ZONE, copy.takenAt);
		const age = daysBetween(day, today);
		if (age < KEEP_DAILY_FOR_DAYS && !days.has(day)) {
			days.add(day);
			keep.add(copy.name);
		}
		const week = mondayOf(day);
		if (age < KEEP_WEEKLY_FOR_DAYS && !weeks.has(week)) {
			weeks.add(week);
			keep.add(copy.name);
		}
	}

	const perTag = new Map<string, number>();
	for (const copy of newestFirst) {
		if (copy.tag === null) continue;
		const n = (perTag.get(copy.tag) ?? 0) + 1;
		perTag.set(copy.tag, n);
		if (n <= KEEP_PER_TAG) keep.add(copy.name);
	}

	return newestFirst.filter((c) => !keep.has(c.name)).reverse();
}
