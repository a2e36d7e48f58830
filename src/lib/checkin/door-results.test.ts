import { describe, expect, it } from 'vitest';
import { cameraRefusal, checkedInFromThisPhone, outcomeTone, withNewResults, type DoorResult } from './door-results';

const result = (opId: string, outcome: DoorResult['outcome'] = 'checked_in', registrationId: string | null = null): DoorResult => ({
	opId,
	outcome,
	message: `${opId} 的结果`,
	registrationId
});

describe('the door screen’s list of answers', () => {
	it('puts the latest answer at the top, above those shown before', () => {
		const shown = [result('b'), result('a')];
		const list = withNewResults(shown, [result('c'), result('d')]);
		expect(list.map((r) => r.opId)).toEqual(['d', 'c', 'b', 'a']);
		expect(shown.map((r) => r.opId)).toEqual(['b', 'a']);
	});

	it('keeps the twenty latest answers and lets older ones go', () => {
		const shown = Array.from({ length: 19 }, (_, i) => result(`old-${19 - i}`));
		const list = withNewResults(shown, [result('new-1'), result('new-2'), result('new-3')]);
		expect(list).toHaveLength(20);
		expect(list.slice(0, 3).map((r) => r.opId)).toEqual(['new-3', 'new-2', 'new-1']);
		expect(list.at(-1)!.opId).toBe('old-3');
	});

	it('tells two camera refusals apart, and never takes one for a server’s answer', () => {
		const first = cameraRefusal('无法使用摄像头', '1');
		const second = cameraRefusal('无法使用摄像头', '2');
		expect(first.opId).not.toBe(second.opId);
		expect(first).toMatchObject({ outcome: 'rejected', message: '无法使用摄像头' });
		expect(first.opId).not.toBe('1');
	});

	it('shows a check-in as done, a repeat as information, and anything else as needing the volunteer', () => {
		expect(outcomeTone('checked_in')).toBe('ok');
		expect(outcomeTone('already')).toBe('info');
		expect(outcomeTone('conflict')).toBe('warn');
		expect(outcomeTone('rejected')).toBe('warn');
	});

	it('counts a resident as in once this phone has checked them in, or been told they were', () => {
		expect(checkedInFromThisPhone([result('a', 'checked_in', 'reg-1')], 'reg-1')).toBe(true);
		expect(checkedInFromThisPhone([result('a', 'already', 'reg-1')], 'reg-1')).toBe(true);
		expect(checkedInFromThisPhone([result('a', 'conflict', 'reg-1'), result('b', 'rejected', 'reg-1')], 'reg-1')).toBe(false);
		expect(checkedInFromThisPhone([result('a', 'checked_in', 'reg-2')], 'reg-1')).toBe(false);
		expect(checkedInFromThisPhone([], 'reg-1')).toBe(false);
	});
});
