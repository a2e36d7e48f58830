/** The session cookie: httpOnly, SameSite=Lax, Secure whenever the site is served over HTTPS. */
import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './sessions';

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		// Behind a proxy, adapter-node builds `url` from ORIGIN, so an https ORIGIN gives Secure cookies.
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}
