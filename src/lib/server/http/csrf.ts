/**
 * The cross-site form check SvelteKit does by default, done here so one path can be exempt: a mail
 * app's one-click unsubscribe (RFC 8058) POSTs a form to /unsubscribe/<token> from no origin at all.
 * That request changes nothing but the token holder's own preference, so it needs no origin. Tencent's
 * SMS reply callback (/sms/reply/<secret>) comes from no page either, in whatever content type Tencent
 * picks; the secret in its path is what only Tencent knows.
 *
 * `url.origin` is ORIGIN when set; otherwise the connection's scheme and the Host header the browser
 * sent (scripts/http-server.ts). A form on another site cannot make the browser send our Host with its
 * own Origin, so the two agree only for our own pages, at whatever name the site was opened by
 * (localhost, 127.0.0.1, the LAN address).
 */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const EXEMPT = /^\/(unsubscribe|sms\/reply)\/[^/]+$/;

export function isCrossSiteForm(request: Request, url: URL): boolean {
	if (!UNSAFE.has(request.method)) return false;
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return false;
	if (EXEMPT.test(url.pathname)) return false;
	return request.headers.get('origin') !== url.origin;
}
