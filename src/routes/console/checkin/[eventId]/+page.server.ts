import { randomUUID } from 'node:crypto';
import { redirect } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { formatSittingWhen, formatTimeRange } from '$lib/format/dates';
import { applyCheckInOp } from '$lib/server/checkin/checkin';
import { doorScreen } from '$lib/server/checkin/door-views';
import { getDb } from '$lib/server/db/app-db';
import { requireActor } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ url, params }) => {
	const actor = requireActor();
	const db = await getDb();
	const q = (url.searchParams.get('q') ?? '').trim();
	const { event, matches, last, count, recent } = await orPageError(() => doorScreen(db, actor, params.eventId, { q, opId: url.searchParams.get('op') }));
	return {
		event: {
			id: event.id,
			title: event.title,
			siteName: event.siteName,
			when: `${formatSittingWhen(event.date, event.startTime, event.endTime)} ${formatTimeRange(event.startTime, event.endTime)}`,
			cancelled: event.status === 'cancelled',
			closed: event.closed
		},
		code: url.searchParams.get('code') ?? '',
		q,
		matches,
		last,
		count,
		recent,
		// A fresh id per page: posting the same form twice (a double tap, a resent form) counts once.
		opId: randomUUID(),
		ageBands: Object.entries(m.events.ageBands).map(([value, label]) => ({ value, label }))
	};
};

function action(kind: 'code' | 'registration' | 'walk_in') {
	return async ({ params, request }: Parameters<Actions[string]>[0]) => {
		const actor = requireActor();
		const db = await getDb();
		const values: Record<string, string> = { ...formValues(await request.formData()), form: kind };
		const op =
			kind === 'code'
				? { id: values.opId, kind, code: values.code ?? '' }
				: kind === 'registration'
					? { id: values.opId, kind, registrationId: values.registrationId ?? '', admit: values.admit === 'on' || values.admit === 'true' }
					: { id: values.opId, kind, name: values.name, phone: values.phone, ageBand: values.ageBand, community: values.community, consent: values.consent === 'on' };
		const result = await orFormFailure(values, () => applyCheckInOp(db, actor, params.eventId!, op));
		if (!result.ok) return result.failure;
		const back = new URLSearchParams({ op: result.value.opId });
		if (kind === 'registration' && values.q) back.set('q', values.q);
		redirect(303, `/console/checkin/${params.eventId}?${back}`);
	};
}

export const actions: Actions = {
	code: action('code'),
	registration: action('registration'),
	walkin: action('walk_in')
};
