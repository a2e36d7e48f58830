import { publicOrigin } from '$lib/server/public-url';
import { redirect } from '@sveltejs/kit';
import { addDays } from '$lib/calendar-date';
import { districtToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { eventFormOptions, eventFormState, eventInputFromForm, eventToForm } from '$lib/server/events/event-form';
import { cancelEvent, restoreEvent } from '$lib/server/events/cancellation';
import { copyEvent, updateEvent } from '$lib/server/events/manage';
import { eventForEditing } from '$lib/server/events/organizer-events';
import { auditActor, requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { createLectureQuiz, lectureQuizOf } from '$lib/server/surveys/create';
import { surveyFormOptions } from '$lib/server/surveys/manage';
import { createSurvey, surveyUrl, type EventSurvey } from '$lib/server/surveys/surveys';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure, orPageError } from '$lib/server/http/domain-errors';

export const load: PageServerLoad = async ({ params }) => {
	const actor = requireOrganizer();
	const db = await getDb();
	const { found, trail, surveys, restore } = await orPageError(() => eventForEditing(db, actor, params.id));
	const e = found.event;
	return {
		event: {
			id: e.id,
			title: e.title,
			kindLabel: found.kindLabel,
			seriesLabel: found.issueLabel ? `${found.seriesName} ${found.issueLabel}` : null,
			when: found.when,
			timeRange: found.timeRange,
			date: e.date,
			siteId: e.siteId,
			siteName: found.siteName,
			capacity: e.capacity,
			registered: found.registered,
			waitlisted: found.waitlisted,
			cancelled: e.status === 'cancelled',
			cancelReason: e.cancelReason,
			roles: found.roles.map((r) => ({ id: r.id, name: r.name, needed: r.needed, filled: r.filled }))
		},
		fields: eventToForm(found),
		copyDate: addDays(e.date, 7),
		options: await eventFormOptions(db, actor),
		trail,
		restore,
		...(await eventSurveys(db, actor, surveys, e.kind === 'lecture', publicOrigin())),
		lectureQuiz: e.kind === 'lecture' ? await lectureQuizOf(db, actor, e.id) : null
	};
};

/** The event's surveys with their links, and for a lecture what a new pre/post survey may use. */
async function eventSurveys(db: Awaited<ReturnType<typeof getDb>>, actor: Parameters<typeof surveyFormOptions>[1], ofEvent: EventSurvey[], lecture: boolean, origin: string) {
	const surveys = ofEvent.map((s) => ({ ...s, link: surveyUrl(origin, s.code) }));
	const missingKinds = lecture ? (['pre', 'post'] as const).filter((k) => !surveys.some((s) => s.kind === k)) : [];
	const versions = missingKinds.length ? (await surveyFormOptions(db, actor, districtToday())).versions : [];
	return { surveys, missingKinds, surveyVersions: versions };
}

export const actions: Actions = {
	/** 创建课前/课后小测验: the lecture's own quiz from the template, then its editor. */
	quiz: async ({ params }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const result = await orFormFailure({}, () => createLectureQuiz(db, actor, auditActor(), params.id), { action: 'quiz' });
		if (!result.ok) return result.failure;
		const made = result.value;
		redirect(303, `/console/questionnaires/${made.questionnaireId}/versions/${made.versionId}${made.created ? '?created=1' : ''}`);
	},
	survey: async ({ params, request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orFormFailure(
			values,
			() =>
				createSurvey(db, actor, {
					versionId: values.versionId ?? '',
					kind: values.kind === 'post' ? 'post' : values.kind === 'pre' ? 'pre' : ('' as 'pre'),
					eventId: params.id,
					title: values.title ?? ''
				}),
			{ action: 'survey' }
		);
		if (!result.ok) return result.failure;
		redirect(303, `/console/events/${params.id}?done=survey&survey=${result.value.id}`);
	},
	save: async ({ params, request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const state = eventFormState(await request.formData());
		const result = await orFormFailure(
			state.values,
			() => updateEvent(db, actor, params.id, () => eventInputFromForm(state), { expectedVersion: Number(state.values.version), today: districtToday() }),
			{ action: 'save', state }
		);
		if (!result.ok) return result.failure;
		redirect(303, `/console/events/${params.id}?done=saved${result.value.promoted ? `&promoted=${result.value.promoted}` : ''}`);
	},
	cancel: async ({ params, request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orFormFailure(values, () => cancelEvent(db, actor, params.id, { reason: values.reason ?? '' }), { action: 'cancel' });
		if (!result.ok) return result.failure;
		redirect(303, `/console/events/${params.id}?done=cancelled`);
	},
	/** 恢复活动: takes the cancellation back until the event starts (from the card or the trail's line). */
	restore: async ({ params, request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orFormFailure(values, () => restoreEvent(db, actor, params.id), { action: 'restore' });
		if (!result.ok) return result.failure;
		redirect(303, `/console/events/${params.id}?done=restored`);
	},
	copy: async ({ params, request }) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orFormFailure(
			values,
			() => copyEvent(db, actor, params.id, { date: values.date ?? '', siteId: values.siteId || null, confirmClashes: values.confirmClashes === 'on' }, { today: districtToday() }),
			{ action: 'copy' }
		);
		if (!result.ok) return result.failure;
		redirect(303, `/console/events/${result.value}?done=copied`);
	}
};
