import { describe, expect, it } from 'vitest';
import { scheduledCopyDue } from './backup-job';

const HOUR = 3_600_000;
const NOW = new Date('2026-12-07T12:00:00.000Z');
const copy = (minutesAgo: number, tag: string | null = null) => ({ name: `c${minutesAgo}`, takenAt: new Date(NOW.getTime() - minutesAgo * 60_000), tag });

describe('scheduledCopyDue', () => {
	it('takes the first copy, and the next once half an interval has passed since the newest', () => {
		expect(scheduledCopyDue([], HOUR, NOW)).toBe(true);
		expect(scheduledCopyDue([copy(30), copy(90)], HOUR, NOW)).toBe(true);
		expect(scheduledCopyDue([copy(61)], HOUR, NOW)).toBe(true);
	});

	it('leaves it to the copy another server on the same database took a moment ago', () => {
		expect(scheduledCopyDue([copy(29), copy(89)], HOUR, NOW)).toBe(false);
		expect(scheduledCopyDue([copy(0)], HOUR, NOW)).toBe(false);
	});

	it('does not count a copy taken before an upgrade or a restore, which is kept apart', () => {
		expect(scheduledCopyDue([copy(5, 'before-upgrade'), copy(120)], HOUR, NOW)).toBe(true);
	});
});
