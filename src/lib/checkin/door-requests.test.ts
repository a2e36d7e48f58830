import { describe, expect, it } from 'vitest';
import { fetchDoorCount, sendDoorOps } from './door-requests';

const count = { checkedIn: 3, walkIns: 1, registered: 5, expected: 3, waitlisted: 1 };

/** Answers as the door's endpoints would, and keeps what it was asked. */
function server(answer: (path: string, init?: RequestInit) => Response) {
	const asked: { path: string; init?: RequestInit }[] = [];
	const fetch = async (input: string | URL | Request, init?: RequestInit) => {
		asked.push({ path: String(input), init });
		return answer(String(input), init);
	};
	return { fetch: fetch as typeof globalThis.fetch, asked };
}

describe('the door page’s requests', () => {
	it('posts the queued ops as JSON to this event’s ops endpoint and returns its outcomes and count', async () => {
		const outcomes = [{ opId: 'op-1', outcome: 'checked_in', message: '王*兰 签到成功。', registrationId: 'reg-1' }];
		const { fetch, asked } = server(() => Response.json({ outcomes, count }));
		const ops = [{ id: 'op-1', kind: 'code', code: 'ab12cd' }];
		expect(await sendDoorOps(fetch, 'ev-1', ops)).toEqual({ outcomes, count });
		expect(asked).toHaveLength(1);
		expect(asked[0]!.path).toBe('/console/checkin/ev-1/ops');
		expect(asked[0]!.init?.method).toBe('POST');
		expect(new Headers(asked[0]!.init?.headers).get('content-type')).toBe('application/json');
		expect(JSON.parse(String(asked[0]!.init?.body))).toEqual({ ops });
	});

	it('gives nothing back when the server turns the batch away, so the ops stay queued', async () => {
		for (const status of [401, 403, 503]) {
			const { fetch } = server(() => Response.json({ message: '请重新登录' }, { status }));
			expect(await sendDoorOps(fetch, 'ev-1', [{ id: 'op-1' }])).toBeNull();
		}
	});

	it('reads the live figures from this event’s headcount endpoint', async () => {
		const { fetch, asked } = server(() => Response.json({ count, recent: [] }));
		expect(await fetchDoorCount(fetch, 'ev-2')).toEqual(count);
		expect(asked.map((a) => a.path)).toEqual(['/console/checkin/ev-2/headcount']);
	});

	it('goes without the figures when the signal is too weak or the server says no', async () => {
		const offline = (async () => {
			throw new TypeError('Failed to fetch');
		}) as typeof globalThis.fetch;
		expect(await fetchDoorCount(offline, 'ev-2')).toBeNull();
		expect(await fetchDoorCount(server(() => Response.json({ message: '服务器繁忙' }, { status: 503 })).fetch, 'ev-2')).toBeNull();
	});
});
