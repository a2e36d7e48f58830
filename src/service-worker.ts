/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * Only for the check-in door (registered from that page, scope /console/checkin/): outdoor clinics
 * have weak signal and phones discard background tabs, so the door page must open again without a
 * connection. Network first — the volunteer sees today's numbers whenever there is signal — and the
 * last copy of the page (plus the app's own scripts and styles) when there is none. The queued
 * check-ins live in localStorage and are sent when the signal returns.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `yizhen-door-${version}`;
const ASSETS = [...build, ...files.filter((f) => /\.(css|svg|woff2?)$/.test(f))];

sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k.startsWith('yizhen-door-') && k !== CACHE).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
	);
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (ASSETS.includes(url.pathname)) {
		event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
		return;
	}
	// The door page itself (not its JSON endpoints, which the page handles being offline).
	if (request.mode !== 'navigate' || !isDoorPath(url.pathname)) return;
	event.respondWith(
		(async () => {
			try {
				const response = await fetch(request);
				await keep(url.pathname, response.clone());
				return response;
			} catch {
				return (await (await caches.open(CACHE)).match(sw.location.origin + url.pathname)) ?? Response.error();
			}
		})()
	);
});

// The page that registered the worker was loaded before it existed: it asks for itself to be kept.
sw.addEventListener('message', (event) => {
	const path = (event.data as { keep?: unknown } | null)?.keep;
	if (typeof path !== 'string' || !isDoorPath(path)) return;
	event.waitUntil(
		fetch(path, { credentials: 'same-origin' })
			.then((response) => keep(path, response))
			.catch(() => undefined)
	);
});

function isDoorPath(pathname: string): boolean {
	return /^\/console\/checkin\/[^/]+\/?$/.test(pathname);
}

/** One copy per door, whatever the query (?code=, ?op=): offline, the page needs its shell, not a result. */
async function keep(pathname: string, response: Response): Promise<void> {
	// A redirect means the session ended (sign-in page): never keep that as the door.
	if (!response.ok || response.redirected) return;
	await (await caches.open(CACHE)).put(sw.location.origin + pathname, response);
}
