import { todayIn } from '$lib/calendar-date';
import { formatFullDay } from '$lib/format/dates';
import { getDb } from '$lib/server/db/app-db';
import { followByToken, renewFollowByToken, stopFollowByToken, type FollowView } from '$lib/server/sms/follows';
import type { Actions, PageServerLoad } from './$types';
import { DISTRICT_TIME_ZONE } from '$lib/time-zone';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

/** 2027年6月7日 周一: the Beijing day an instant falls on. */
const dayOf = (instant: Date) => formatFullDay(todayIn(DISTRICT_TIME_ZONE, instant));

function shown(view: FollowView) {
	return { ...view, until: dayOf(view.expiresAt), stoppedOn: view.stoppedAt ? dayOf(view.stoppedAt) : null };
}

export const load: PageServerLoad = async ({ params, url, setHeaders }) => {
	// A private link: never cached, and never a Referer that carries it to another site. Not 'no-referrer':
	// that makes the browser send `Origin: null` with the stop button, and the CSRF check refuses it.
	setHeaders({ 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'same-origin' });
	const view = await orPageError(async () => followByToken(await getDb(), params.token));
	return { follow: shown(view), started: url.searchParams.has('started') };
};

export const actions: Actions = {
	stop: async ({ params }) => {
		const db = await getDb();
		const result = await orFormFailure({}, () => stopFollowByToken(db, params.token));
		if (!result.ok) return result.failure;
		return { done: 'stopped' as const, follow: shown(result.value) };
	},
	renew: async ({ params }) => {
		const db = await getDb();
		const result = await orFormFailure({}, () => renewFollowByToken(db, params.token));
		if (!result.ok) return result.failure;
		return { done: 'renewed' as const, follow: shown(result.value) };
	}
};
