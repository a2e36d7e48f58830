import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { retryingSync } from './retrying-sync';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** An attempt that answers, in turn, each of `delivered`, and counts how often it was made. */
function attempts(...delivered: boolean[]) {
	let made = 0;
	const attempt = async () => delivered[made++] ?? true;
	return { attempt, made: () => made };
}

describe('sending the door queue one attempt at a time', () => {
	it('does not start a second send while one is on its way', async () => {
		let finish: (delivered: boolean) => void = () => {};
		let made = 0;
		const onItsWay = () => new Promise<boolean>((resolve) => (finish = resolve));
		const sync = retryingSync(() => (made++ === 0 ? onItsWay() : Promise.resolve(true)), () => true);
		const first = sync.run();
		await sync.run();
		expect(made).toBe(1);
		finish(true);
		await first;
		await sync.run();
		expect(made).toBe(2);
	});

	it('tries again two seconds after a send that delivered nothing while online', async () => {
		const { attempt, made } = attempts(false, true);
		const sync = retryingSync(attempt, () => true);
		await sync.run();
		await vi.advanceTimersByTimeAsync(1_999);
		expect(made()).toBe(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(made()).toBe(2);
		await vi.advanceTimersByTimeAsync(60_000);
		expect(made()).toBe(2);
	});

	it('waits for the signal rather than retrying while the phone is offline', async () => {
		const { attempt, made } = attempts(false);
		await retryingSync(attempt, () => false).run();
		await vi.advanceTimersByTimeAsync(60_000);
		expect(made()).toBe(1);
	});

	it('drops a waiting retry when a send starts sooner, or when the page closes', async () => {
		const sooner = attempts(false, true);
		const sync = retryingSync(sooner.attempt, () => true);
		await sync.run();
		await vi.advanceTimersByTimeAsync(1_000);
		await sync.run();
		await vi.advanceTimersByTimeAsync(60_000);
		expect(sooner.made()).toBe(2);

		const closing = attempts(false);
		const closed = retryingSync(closing.attempt, () => true);
		await closed.run();
		closed.stop();
		await vi.advanceTimersByTimeAsync(60_000);
		expect(closing.made()).toBe(1);
	});
});
