import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToRemove, parseBackupFileName, type BackupCopy } from './backup-retention';

const HOUR = 3_600_000;
/** Monday 2026-12-07 20:00 in Beijing. */
const NOW = new Date('2026-12-07T12:00:00.000Z');

function hourly(hours: number, from = NOW): BackupCopy[] {
	return Array.from({ length: hours }, (_, i) => {
		const takenAt = new Date(from.getTime() - i * HOUR);
		return { name: backupFileName('yizhen', takenAt), takenAt, tag: null };
	});
}

const kept = (copies: BackupCopy[], keepLast: number) => {
	const removed = new Set(backupsToRemove(copies, NOW, keepLast).map((c) => c.name));
	return copies.filter((c) => !removed.has(c.name));
};

describe('backup file names', () => {
	it('reads back the moment and the tag it was named with', () => {
		const at = new Date('2026-12-07T19:05:12.345Z');
		expect(backupFileName('yizhen', at)).toBe('yizhen-20261207T190512.345Z.db');
		expect(parseBackupFileName('yizhen', backupFileName('yizhen', at, 'before-upgrade'))).toEqual({
			name: 'yizhen-20261207T190512.345Z-before-upgrade.db',
			takenAt: at,
			tag: 'before-upgrade'
		});
	});

	it('ignores other files and other databases’ copies in the folder', () => {
		expect(parseBackupFileName('yizhen', 'notes.txt')).toBeNull();
		expect(parseBackupFileName('yizhen', 'yizhen-20261207T190512.345Z.db.partial')).toBeNull();
		expect(parseBackupFileName('yizhen', 'other-20261207T190512.345Z.db')).toBeNull();
	});
});

describe('backupsToRemove', () => {
	it('keeps the newest N of a day of hourly copies and removes the rest of that day', () => {
		const copies = hourly(12);
		const left = kept(copies, 5);
		// The newest 5, plus none more: they are all of today, whose newest is among them.
		expect(left.map((c) => c.name)).toEqual(copies.slice(0, 5).map((c) => c.name));
	});

	it('keeps one a day for a week and one a week for a month from 40 days of hourly copies', () => {
		const copies = hourly(40 * 24);
		const left = kept(copies, 3);
		const days = new Set(left.map((c) => c.takenAt.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })));
		// Today and the 6 days before it each keep their newest copy.
		for (const day of ['2026-12-07', '2026-12-06', '2026-12-05', '2026-12-04', '2026-12-03', '2026-12-02', '2026-12-01']) expect(days).toContain(day);
		// Before that, only Sundays (the newest of each Monday-to-Sunday week) within 31 days.
		const older = [...days].filter((d) => d < '2026-12-01').sort();
		expect(older).toEqual(['2026-11-08', '2026-11-15', '2026-11-22', '2026-11-29'].filter((d) => d >= '2026-11-06'));
		// 3 newest + 6 earlier days + 4 weeks; nothing from more than a month ago.
		expect(left.length).toBe(3 + 6 + 4);
		expect(left.every((c) => NOW.getTime() - c.takenAt.getTime() < 32 * 24 * HOUR)).toBe(true);
	});

	it('counts days in Beijing time, not UTC', () => {
		// 15:30Z and 16:30Z on 2026-12-05 are two Beijing days (23:30 and 00:30).
		const a = { name: 'a', takenAt: new Date('2026-12-05T15:30:00.000Z'), tag: null };
		const b = { name: 'b', takenAt: new Date('2026-12-05T16:30:00.000Z'), tag: null };
		expect(backupsToRemove([a, b], NOW, 0)).toEqual([]);
	});

	it('keeps the newest three of each tag whatever their age, apart from the count of plain copies', () => {
		const tagged = Array.from({ length: 5 }, (_, i) => {
			const takenAt = new Date(NOW.getTime() - (i + 1) * 90 * 24 * HOUR);
			return { name: backupFileName('yizhen', takenAt, 'before-upgrade'), takenAt, tag: 'before-upgrade' };
		});
		const removed = backupsToRemove([...hourly(2), ...tagged], NOW, 2);
		expect(removed.map((c) => c.name)).toEqual([tagged[4]!.name, tagged[3]!.name]);
	});

	it('never removes a copy dated after now', () => {
		const future = { name: 'future', takenAt: new Date(NOW.getTime() + 48 * HOUR), tag: null };
		expect(backupsToRemove([future, ...hourly(3)], NOW, 1)).not.toContainEqual(future);
	});
});
