/**
 * Refuses new requests with a short 503 page and Retry-After when this process is already as busy as it
 * should get, instead of letting them queue without bound: a resident told "try again in a moment" can
 * act on it, one staring at a spinner for a minute cannot, and a process that queues everything runs
 * out of memory and takes every request in flight down with it.
 *
 * Two signals, either one refuses:
 * - requests in flight in this process (MAX_IN_FLIGHT), the cheap, exact one;
 * - how late the event loop runs (OVERLOAD_DELAY_MS): when every turn of the loop already waits that
 *   long, a new request would wait at least as long before its first line of our code runs. Only while
 *   requests are piling up here (LAG_NEEDS_IN_FLIGHT): a loop that runs late with a handful of requests in
 *   flight is a machine busy with something else (another program, one long import), and refusing the
 *   few people who are here would help nobody. CI found this: with the browsers of the tests on the
 *   same two cores, a lone resident's page was refused.
 *
 * Requests already admitted always finish. /healthz is never refused: it is the liveness answer, and a
 * process manager that reads a busy process as a dead one would restart it and make things worse.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A page here takes from about a millisecond (a cached page) to a few tens of milliseconds of the one
 * thread; 256 waiting requests is a few seconds for the last of them, about as long as a person waits
 * before giving up, and far more than one district's residents open at the same moment. Memory stays
 * bounded too: most bodies are a few hundred bytes, and the rare 3 MB upload is not 256 at once.
 */
export const DEFAULT_MAX_IN_FLIGHT = 256;
/** Half a second of waiting on every turn of the loop is already slow for a page; beyond it, refuse. */
export const DEFAULT_OVERLOAD_DELAY_MS = 500;
/** Requests in flight below which a late loop is not read as overload (see the header). */
export const LAG_NEEDS_IN_FLIGHT = 8;
/** How often the loop's lateness is sampled. */
export const DELAY_SAMPLE_MS = 100;
export const RETRY_AFTER_SECONDS = 2;

/** The words of the 503 page. The app's catalog lives in the built bundle, out of reach of scripts/. */
export const BUSY_WORDS = {
	title: '请稍后再试 · 义诊',
	heading: '现在访问的人太多',
	retry: '请等几秒钟再刷新这个页面。',
	notSubmitted: '刚才填写的内容没有提交成功，请稍后重新提交。'
};

export interface OverloadLimits {
	/** 0: no cap. */
	maxInFlight: number;
	/** 0: no delay check. */
	maxLoopDelayMs: number;
}

export function overloadLimitsFromEnv(env: NodeJS.ProcessEnv): OverloadLimits {
	return {
		maxInFlight: wholeNumber(env, 'MAX_IN_FLIGHT', DEFAULT_MAX_IN_FLIGHT),
		maxLoopDelayMs: wholeNumber(env, 'OVERLOAD_DELAY_MS', DEFAULT_OVERLOAD_DELAY_MS)
	};
}

/** A typo in a limit fails the start loudly rather than leaving the server without one. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name]?.trim();
	if (!raw) return fallback;
	if (!/^\d+$/.test(raw)) throw new Error(`${name} 应为不小于 0 的整数 / must be a whole number ≥ 0, got "${raw}"`);
	return Number(raw);
}

export interface OverloadGuard {
	/** True when the request may go on; false when the guard has already answered it with a 503. */
	admit(req: IncomingMessage, res: ServerResponse): boolean;
	/** Whether the loop is running late now (read by the tests). */
	lagging(): boolean;
	stop(): void;
}

export function createOverloadGuard(
	limits: OverloadLimits,
	sampleMs = DELAY_SAMPLE_MS,
	lagNeedsInFlight = LAG_NEEDS_IN_FLIGHT
): OverloadGuard {
	let inFlight = 0;
	let lagging = false;
	let sampler: NodeJS.Timeout | null = null;
	if (limits.maxLoopDelayMs > 0) {
		// A timer that should fire every sampleMs fires as late as the loop is busy. Late twice in a row,
		// not once: one slow turn (a large import being parsed) is not overload, while under overload every
		// turn is slow. (perf_hooks' monitorEventLoopDelay records nothing while every turn is busy, which
		// is exactly the case to catch.)
		let expected = performance.now() + sampleMs;
		let lateInARow = 0;
		sampler = setInterval(() => {
			const now = performance.now();
			lateInARow = now - expected > limits.maxLoopDelayMs ? lateInARow + 1 : 0;
			lagging = lateInARow >= 2;
			expected = now + sampleMs;
		}, sampleMs);
		sampler.unref();
	}

	return {
		admit(req, res) {
			if (isHealthCheck(req)) return true;
			const late = lagging && inFlight >= lagNeedsInFlight;
			if (late || (limits.maxInFlight > 0 && inFlight >= limits.maxInFlight)) {
				answerBusy(req, res);
				return false;
			}
			inFlight++;
			res.once('close', () => inFlight--);
			return true;
		},
		lagging: () => lagging,
		stop() {
			if (sampler) clearInterval(sampler);
		}
	};
}

function isHealthCheck(req: IncomingMessage): boolean {
	const path = (req.url ?? '').split('?', 1)[0];
	return path === '/healthz';
}

function answerBusy(req: IncomingMessage, res: ServerResponse) {
	const submitting = req.method !== 'GET' && req.method !== 'HEAD';
	const body = busyPage(submitting);
	res.writeHead(503, {
		'Content-Type': 'text/html; charset=utf-8',
		'Content-Length': Buffer.byteLength(body),
		'Retry-After': String(RETRY_AFTER_SECONDS),
		'Cache-Control': 'no-store'
	});
	res.end(req.method === 'HEAD' ? undefined : body);
}

export function busyPage(submitting: boolean): string {
	const w = BUSY_WORDS;
	return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.title}</title>
<style>body{margin:0;font:1.125rem/1.6 system-ui,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;color:#1a1a1a;background:#f5f7f6}header{background:#0b6e4f;padding:.75rem 1rem}header a{color:#fff;font-weight:700;text-decoration:none}main{max-width:46rem;margin:0 auto;padding:2rem 1rem}h1{font-size:1.75rem;line-height:1.3}</style>
</head><body><header><a href="/">义诊</a></header><main>
<h1>${w.heading}</h1>
${submitting ? `<p>${w.notSubmitted}</p>\n` : ''}<p>${w.retry}</p>
</main></body></html>
`;
}
