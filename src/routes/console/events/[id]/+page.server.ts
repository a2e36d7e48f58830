import { publicOrigin } from '$lib/server/public-url';
import { fail, redirect } from '@sveltejs/kit';
import { addDays } from '$lib/calendar-date';
import { siteToday } from '$lib/server/clock';
import { getDb } from '$lib/server/db/app-db';
import { eventFormOptions, eventFormState, eventInputFromForm, eventToForm, orEventFormErrors } from '$lib/server/events/event-form';
import { cancelEvent, copyEvent, updateEvent } from '$lib/server/events/manage';
import { eventForEditing } from '$lib/server/events/organizer-events';
import { auditActor, orPageError, requireOrganizer } from '$lib/server/http/console';
import { formValues } from '$lib/server/http/forms';
import { createLectureQuiz, lectureQuizOf } from '$lib/server/surveys/create';
import { surveyFormOptions } from '$lib/server/surveys/manage';
import { createSurvey, surveyUrl, type EventSurvey } from '$lib/server/surveys/surveys';
import { isDomainError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

const TIME_ZONE = 'Asia/Shanghai';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const actor = requireOrganizer(locals, url);
	const db = await getDb();
	const { found, trail, surveys } = await orPageError(() => eventForEditing(db, actor, params.id));
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
		...(await eventSurveys(db, actor, surveys, e.kind === 'lecture', publicOrigin())),
		lectureQuiz: e.kind === 'lecture' ? await lectureQuizOf(db, actor, e.id) : null
	};
};

/** The event's surveys with their links, and for a lecture what a new pre/post survey may use. */
async function eventSurveys(db: Awaited<ReturnType<typeof getDb>>, actor: Parameters<typeof surveyFormOptions>[1], ofEvent: EventSurvey[], lecture: boolean, origin: string) {
	const surveys = ofEvent.map((s) => ({ ...s, link: surveyUrl(origin, s.code) }));
	const missingKinds = lecture ? (['pre', 'post'] as const).filter((k) => !surveys.some((s) => s.kind === k)) : [];
	const versions = missingKinds.length ? (await surveyFormOptions(db, actor, siteToday(TIME_ZONE))).versions : [];
	return { surveys, missingKinds, surveyVersions: versions };
}

export const actions: Actions = {
	/** 创建课前/课后小测验: the lecture's own quiz from the template, then its editor. */
	quiz: async ({ locals, url, params }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		let made: Awaited<ReturnType<typeof createLectureQuiz>>;
		try {
			made = await createLectureQuiz(db, actor, auditActor(locals), params.id);
		} catch (e) {
			if (isDomainError(e)) return fail(e.status, { action: 'quiz', values: {} as Record<string, string>, errors: { [e.field ?? 'form']: e.message } as Record<string, string | undefined> });
			throw e;
		}
		redirect(303, `/console/questionnaires/${made.questionnaireId}/versions/${made.versionId}${made.created ? '?created=1' : ''}`);
	},
	survey: async ({ locals, url, params, request }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const values = formValues(await request.formData());
		try {
			const created = await createSurvey(db, actor, {
				versionId: values.versionId ?? '',
				kind: values.kind === 'post' ? 'post' : values.kind === 'pre' ? 'pre' : ('' as 'pre'),
				eventId: params.id,
				title: values.title ?? ''
			});
			redirect(303, `/console/events/${params.id}?done=survey&survey=${created.id}`);
		} catch (e) {
			if (isDomainError(e)) return fail(e.status, { action: 'survey', values, errors: { [e.field ?? 'form']: e.message } as Record<string, string | undefined> });
			throw e;
		}
	},
	save: async ({ locals, url, params, request }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const state = eventFormState(await request.formData());
		const result = await orEventFormErrors(() =>
			updateEvent(db, actor, params.id, () => eventInputFromForm(state), { expectedVersion: Number(state.values.version), today: siteToday(TIME_ZONE) })
		);
		if (!result.ok) return fail(result.status, { action: 'save', state, errors: result.errors });
		redirect(303, `/console/events/${params.id}?done=saved${result.value.promoted ? `&promoted=${result.value.promoted}` : ''}`);
	},
	cancel: async ({ locals, url, params, request }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orEventFormErrors(() => cancelEvent(db, actor, params.id, { reason: values.reason ?? '' }));
		if (!result.ok) return fail(result.status, { action: 'cancel', values, errors: result.errors });
		redirect(303, `/console/events/${params.id}?done=cancelled`);
	},
	copy: async ({ locals, url, params, request }) => {
		const actor = requireOrganizer(locals, url);
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orEventFormErrors(() =>
			copyEvent(db, actor, params.id, { date: values.date ?? '', siteId: values.siteId || null, confirmClashes: values.confirmClashes === 'on' }, { today: siteToday(TIME_ZONE) })
		);
		if (!result.ok) return fail(result.status, { action: 'copy', values, errors: result.errors });
		redirect(303, `/console/events/${result.value}?done=copied`);
	}
};
