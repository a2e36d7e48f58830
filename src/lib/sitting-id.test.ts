import { describe, expect, it } from 'vitest';
import { parseSittingId, sittingIdOf } from './sitting-id';

describe('sitting ids', () => {
	it('read back the rotation and date they were made from', () => {
		const id = sittingIdOf('r8k2m4', '2026-12-08');
		expect(id).toBe('r8k2m4_2026-12-08');
		expect(parseSittingId(id)).toEqual({ rotationId: 'r8k2m4', originalDate: '2026-12-08' });
	});

	it('are not anything with an underscore in it', () => {
		for (const bad of ['', '_2026-12-08', 'r8k2m4', 'r8k2m4_', 'r8k2m4_2026-13-01', 'r8k2m4_2026-02-30', 'r8k2m4_tomorrow', '2026-12-08']) {
			expect(parseSittingId(bad), bad).toBeNull();
		}
	});
});
