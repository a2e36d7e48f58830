/** Turns the session cookie of a request into locals.user / locals.session / locals.actor. */
import type { RequestEvent } from '@sveltejs/kit';
import type { Db } from '../db/client';
import { deleteSessionCookie, setSessionCookie } from './cookies';
import { SESSION_COOKIE, validateSessionToken } from './sessions';
import { loadActor } from './users';

export async function authenticate(event: RequestEvent, db: Db): Promise<void> {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.actor = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) return;
	const result = await validateSessionToken(db, token);
	if (!result) {
		deleteSessionCookie(event.cookies, event.url);
		return;
	}
	if (result.renewed) setSessionCookie(event.cookies, event.url, token, result.session.expiresAt);
	event.locals.user = result.user;
	event.locals.session = result.session;
	event.locals.actor = await loadActor(db, result.user);
}
