/**
 * The queue kept on the phone, one per event, so a tab the browser drops while offline opens again with
 * its check-ins still waiting. Takes the storage as an argument: the page passes localStorage.
 */
import { parseStoredQueue, type QueuedOp } from './queue';

type QueueStorage = Pick<Storage, 'getItem' | 'setItem'>;

// The key is what finds a queue saved by an earlier version of the page: changing it strands those check-ins.
const keyOf = (eventId: string) => `yizhen-checkin-queue:${eventId}`;

export function loadStoredQueue(storage: QueueStorage, eventId: string): QueuedOp[] {
	return parseStoredQueue(storage.getItem(keyOf(eventId)));
}

export function storeQueue(storage: QueueStorage, eventId: string, queue: readonly QueuedOp[]): void {
	storage.setItem(keyOf(eventId), JSON.stringify(queue));
}
