import { describe, expect, it } from 'vitest';
import { newOp } from './queue';
import { loadStoredQueue, storeQueue } from './stored-queue';

/** The part of localStorage the queue uses, kept in memory. */
function phoneStorage() {
	const items = new Map<string, string>();
	return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

const at = new Date('2026-11-28T01:30:00Z');

describe('the queue kept on the phone', () => {
	it('opens again with the same check-ins, in order, after the tab is dropped', () => {
		const storage = phoneStorage();
		const queue = [newOp('code', 'AB12CD', { code: 'ab12cd' }, 'op-1', at), newOp('walk_in', '赵大爷', { name: '赵大爷', consent: true }, 'op-2', at)];
		storeQueue(storage, 'ev-1', queue);
		expect(loadStoredQueue(storage, 'ev-1')).toEqual(queue);
	});

	it('keeps each event’s queue apart', () => {
		const storage = phoneStorage();
		storeQueue(storage, 'ev-1', [newOp('code', 'AB12CD', { code: 'ab12cd' }, 'op-1', at)]);
		storeQueue(storage, 'ev-2', []);
		expect(loadStoredQueue(storage, 'ev-1')).toHaveLength(1);
		expect(loadStoredQueue(storage, 'ev-2')).toEqual([]);
		expect(loadStoredQueue(storage, 'ev-3')).toEqual([]);
	});

	it('finds a queue an earlier version of the page left on the phone', () => {
		const storage = phoneStorage();
		const left = [newOp('code', 'XY98ZW', { code: 'xy98zw' }, 'op-old', at)];
		storage.setItem('yizhen-checkin-queue:ev-9', JSON.stringify(left));
		expect(loadStoredQueue(storage, 'ev-9')).toEqual(left);
	});

	it('replaces what was stored, so a sent check-in is not sent again after a reload', () => {
		const storage = phoneStorage();
		storeQueue(storage, 'ev-1', [newOp('code', 'AB12CD', { code: 'ab12cd' }, 'op-1', at)]);
		storeQueue(storage, 'ev-1', []);
		expect(loadStoredQueue(storage, 'ev-1')).toEqual([]);
		expect(storage.items.size).toBe(1);
	});
});
