import { randomUUID } from 'node:crypto';
import { error, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { authenticate } from '$lib/server/auth/authenticate';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { appDatabase, closeAppDatabase } from '$lib/server/db/app-db';
import { cachedPage, cacheScopesOf, KEEP_FOR_HEADER } from '$lib/server/http/page-cache';
import { inWeChat } from '$lib/server/feeds/platform';
import { isCrossSiteForm } from '$lib/server/http/csrf';
import { hasMalformedFormBody } from '$lib/server/http/form-body';
import { formatRequestLog } from '$lib/server/http/request-log';
import { HTML_CLASS_PLACEHOLDER, htmlClassAttribute, pageVariant, TEXT_SIZE_COOKIE, textSizeOf } from '$lib/server/http/text-size';
import { startAppOutboxWorker, stopAppOutboxWorker } from '$lib/server/notify/app-worker';
import { startBackupJob, stopBackupJob } from '$lib/server/db/backup-job';
import { databaseConfigFromEnv } from '$lib/server/db/client';
import { observePageCache, observeRequest } from '$lib/server/ops/metrics';
import { startRetentionSchedule, stopRetentionSchedule } from '$lib/server/ops/retention';
import { startReminderJob, stopReminderJob } from '$lib/server/notify/reminders';

/** Migrate at start so the first resident does not wait; a failure is logged and /healthz says 503. */
export const init: ServerInit = async () => {
	try {
		const { db } = await appDatabase();
		// With WEB_PROCESSES > 1 one worker runs the jobs and the others are told off (scripts/web-processes.ts):
		// a district needs one mail sender and one daily sweep, not one per core.
		if (process.env.YIZHEN_BACKGROUND_JOBS !== 'off') {
			startAppOutboxWorker(db);
			// The retention rules, each run's counts recorded for the admin's system page.
			startRetentionSchedule(db);
			startReminderJob(db);
			startBackupJob(db, databaseConfigFromEnv().url);
		}
	} catch (error) {
		console.error('database not ready at start:', error instanceof Error ? error.message : error);
	}
	process.once('sveltekit:shutdown', () => {
		stopRetentionSchedule();
		stopReminderJob();
		void Promise.all([stopAppOutboxWorker(), stopBackupJob()]).then(closeAppDatabase);
	});
};

const SECURITY_HEADERS: Record<string, string> = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'Permissions-Policy': 'geolocation=(), microphone=(), payment=()',
	'Cross-Origin-Opener-Policy': 'same-origin'
};

export const handle: Handle = async ({ event, resolve }) => {
	// Thrown, not returned: SvelteKit answers it with src/error.html (a Chinese page with a way back), or
	// JSON to a client that asks for JSON.
	if (isCrossSiteForm(event.request, event.url)) error(403, m.errors.crossSiteForm);
	if (await hasMalformedFormBody(event.request)) error(400, m.errors.badForm);
	const incoming = event.request.headers.get('x-request-id');
	const requestId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
	event.locals.requestId = requestId;
	const started = performance.now();
	event.locals.user = null;
	event.locals.session = null;
	event.locals.actor = null;
	// Only requests that carry a session cookie touch the database here: residents' pages stay cheap.
	const hasSession = Boolean(event.cookies.get(SESSION_COOKIE));
	if (hasSession) await authenticate(event, (await appDatabase()).db);
	// 长辈版 (the resident's cookie) and WeChat's browser are classes on <html>; the page's HTML is
	// otherwise the same, and the cached page is keyed by both (pageVariant).
	const textSize = textSizeOf(event.cookies.get(TEXT_SIZE_COOKIE));
	const wechat = inWeChat(event.request);
	const options = {
		transformPageChunk: ({ html }: { html: string }) => html.replace(HTML_CLASS_PLACEHOLDER, htmlClassAttribute(textSize, wechat))
	};
	const cacheScopes = cacheScopesOf(event, hasSession);
	// The page cache calls render only on a miss: that is how /metrics counts its hits.
	let rendered = false;
	const render = async () => {
		rendered = true;
		return resolve(event, options);
	};
	const response = cacheScopes
		? await cachedPage((await appDatabase()).db, event, cacheScopes, render, pageVariant({ wechat, textSize }))
		: await resolve(event, options);
	if (cacheScopes) observePageCache(!rendered);
	// A page may tighten a header (a private page sends no referrer at all); the defaults fill the rest.
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!response.headers.has(name)) response.headers.set(name, value);
	response.headers.set('X-Request-Id', requestId);
	// Meant for the page cache alone; a signed-in visitor's page, which skips the cache, must not carry it.
	response.headers.delete(KEEP_FOR_HEADER);
	const durationMs = performance.now() - started;
	console.log(
		formatRequestLog({
			requestId,
			method: event.request.method,
			routeId: event.route.id,
			params: event.params,
			status: response.status,
			durationMs
		})
	);
	observeRequest(event.route.id, event.request.method, response.status, durationMs / 1000);
	return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
	// 4xx are the visitor's doing (a wrong link, a form posted to the wrong place): answer, don't log a bug.
	if (status === 404) return { message: m.errors.notFound, requestId: event.locals.requestId };
	if (status === 405) return { message: m.errors.methodNotAllowed, requestId: event.locals.requestId };
	// A body over BODY_SIZE_LIMIT: the upload pages say so themselves; this covers every other form.
	if (status === 413) return { message: m.errors.tooLarge, requestId: event.locals.requestId };
	if (status < 500) return { message: m.errors.badRequest, requestId: event.locals.requestId };
	console.error(`req=${event.locals.requestId} unhandled error:`, error);
	return { message: m.errors.server, requestId: event.locals.requestId };
};
