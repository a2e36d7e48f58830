import { describe, expect, it } from 'vitest';
import { flush, newOp, parseStoredQueue, withoutAnswered, type ServerOutcome } from './queue';

const at = new Date('2026-11-28T01:00:00Z');
const ops = ['a', 'b', 'c'].map((id) => newOp('code', id.toUpperCase(), { code: id }, `op-${id}`, at));
const answer = (body: Record<string, unknown>[]): ServerOutcome[] => body.map((b) => ({ opId: String(b.id), outcome: 'checked_in', message: `${b.code} ok` }));

describe('the door queue', () => {
	it('keeps everything, in order, while the server cannot be reached', async () => {
		const result = await flush(ops, async () => null);
		expect(result).toEqual({ remaining: ops, outcomes: [], delivered: false });
		const thrown = await flush(ops, async () => {
			throw new TypeError('Failed to fetch');
		});
		expect(thrown.remaining.map((o) => o.id)).toEqual(['op-a', 'op-b', 'op-c']);
	});

	it('sends in order and in batches, and empties once every op is answered', async () => {
		const seen: string[][] = [];
		const result = await flush(
			ops,
			async (body) => {
				seen.push(body.map((b) => String(b.id)));
				return answer(body);
			},
			2
		);
		expect(seen).toEqual([['op-a', 'op-b'], ['op-c']]);
		expect(result.remaining).toEqual([]);
		expect(result.outcomes.map((o) => o.message)).toEqual(['a ok', 'b ok', 'c ok']);
	});

	it('keeps what a lost connection left unanswered for the next try', async () => {
		let calls = 0;
		const result = await flush(
			ops,
			async (body) => {
				calls++;
				return calls === 1 ? answer(body) : null;
			},
			1
		);
		expect(result.remaining.map((o) => o.id)).toEqual(['op-b', 'op-c']);
		expect(result.delivered).toBe(true);
	});

	it('keeps what was tapped while a batch was on its way, and drops only what the server answered', async () => {
		const sent = ops.slice(0, 2);
		const result = await flush(sent, async (body) => answer(body));
		const tappedMeanwhile = newOp('walk_in', '赵大爷', { name: '赵大爷' }, 'op-d', at);
		expect(withoutAnswered([...ops, tappedMeanwhile], result.outcomes).map((o) => o.id)).toEqual(['op-c', 'op-d']);
	});

	it('carries the moment of the tap with each op, and survives a corrupted store', () => {
		expect(ops[0]!.body).toMatchObject({ id: 'op-a', kind: 'code', code: 'a', clientAt: at.toISOString() });
		expect(parseStoredQueue('not json')).toEqual([]);
		expect(parseStoredQueue(JSON.stringify([{ id: 'x', body: {} }, null, 3]))).toHaveLength(1);
	});
});
