/**
 * Who may read /metrics: a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`. A token rather
 * than an admin's session, because Prometheus cannot sign in through the login form (Argon2id, a
 * cookie, a CSRF check) but does send a bearer token from its scrape config; and the figures
 * (routes, backlog, job health) are for the operator, not the public. Unset, /metrics answers 404:
 * nothing is exposed until someone chooses to.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'off' | 'denied' | 'allowed';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function metricsAccess(authorization: string | null, token: string | undefined): MetricsAccess {
	if (!token) return 'off';
	const sent = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
	if (!sent) return 'denied';
	// Equal-length digests, compared in constant time: the answer's timing says nothing about the token.
	return timingSafeEqual(digest(sent), digest(token)) ? 'allowed' : 'denied';
}
