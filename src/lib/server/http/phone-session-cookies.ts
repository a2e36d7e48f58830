import type { Cookies } from '@sveltejs/kit';

/**
 * The two cookies of a resident's phone check (the challenge of the texted code, then the 30-minute
 * phone session it opens), kept to the one page that asked for them. Secure whenever the site is served
 * over HTTPS (an https ORIGIN behind a proxy too), as the staff session is.
 */
export function phoneSessionCookies(path: string) {
	const options = (url: URL) => ({ path, httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:' });
	return {
		set(cookies: Cookies, url: URL, name: string, value: string, expires: Date): void {
			cookies.set(name, value, { ...options(url), expires });
		},
		delete(cookies: Cookies, url: URL, name: string): void {
			cookies.delete(name, options(url));
		}
	};
}
