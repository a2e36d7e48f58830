import { m } from '$lib/i18n';
import { publicOrigin } from '$lib/server/public-url';
import { error, redirect, type Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db/app-db';
import { formFailure, formValues } from '$lib/server/http/forms';
import { answerItem, isDeviceToken, newDeviceToken, startResponse, submitResponse, surveyPage } from '$lib/server/surveys/answering';
import { shareForVisitor } from '$lib/server/share/wechat-client';
import { surveyShareMeta } from '$lib/server/share/share-meta';
import { surveyShareView } from '$lib/server/surveys/share-view';
import type { Actions, PageServerLoad } from './$types';
import { orFormFailure } from '$lib/server/http/domain-errors';

/** The phone's survey token. Scoped to /s so it travels with survey pages only; a year, so a resident can resume. */
const DEVICE_COOKIE = 'yz_survey_device';
const DEVICE_COOKIE_MAX_AGE = 365 * 24 * 3600;

function deviceOf(cookies: Cookies): string | null {
	const value = cookies.get(DEVICE_COOKIE);
	return isDeviceToken(value) ? value : null;
}

function ensureDevice(cookies: Cookies, url: URL): string {
	const existing = deviceOf(cookies);
	if (existing) return existing;
	const token = newDeviceToken();
	cookies.set(DEVICE_COOKIE, token, { path: '/s', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: DEVICE_COOKIE_MAX_AGE });
	return token;
}

const Position = z.coerce.number().int().min(1).max(500);

export const load: PageServerLoad = async ({ params, url, cookies, setHeaders, request }) => {
	// Each phone sees its own sheet: never cached by a proxy, and the code not passed on to other sites.
	setHeaders({ 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'same-origin' });
	const q = url.searchParams.get('q');
	const position = q === null ? null : Position.safeParse(q);
	if (position && !position.success) error(400, m.survey.badPosition);
	const db = await getDb();
	const [page, shareView] = await Promise.all([
		surveyPage(db, params.code, deviceOf(cookies), {
			position: position?.data ?? null,
			review: url.searchParams.has('review'),
			done: url.searchParams.has('done')
		}),
		surveyShareView(db, params.code)
	]);
	if (!page || !shareView) error(404, m.survey.notFound);
	// The same card for every phone: forwarding a half-answered survey shares the survey, not the sheet.
	return { page, share: shareForVisitor(surveyShareMeta(shareView, publicOrigin()), request) };
};

export const actions: Actions = {
	start: async ({ params, request, cookies, url }) => {
		const values = formValues(await request.formData());
		const device = ensureDevice(cookies, url);
		const result = await orFormFailure(values, async () => startResponse(await getDb(), params.code, device, { checkInCode: values.checkInCode ?? null }));
		if (!result.ok) return result.failure;
		redirect(303, `/s/${params.code}`);
	},
	answer: async ({ params, request, cookies }) => {
		const data = await request.formData();
		const values = formValues(data);
		const choices = data.getAll('choice').filter((c): c is string => typeof c === 'string');
		const device = deviceOf(cookies);
		if (!device) return formFailure(400, values, { form: m.survey.startFirstCookies });
		const result = await orFormFailure(values, async () =>
			answerItem(await getDb(), params.code, device, { responseId: values.responseId ?? '', itemId: values.itemId ?? '', choices })
		);
		if (!result.ok) return result.failure;
		redirect(303, result.value.next === 'review' ? `/s/${params.code}?review` : `/s/${params.code}?q=${result.value.next}`);
	},
	submit: async ({ params, request, cookies }) => {
		const values = formValues(await request.formData());
		const device = deviceOf(cookies);
		if (!device) return formFailure(400, values, { form: m.survey.startFirst });
		const result = await orFormFailure(values, async () => submitResponse(await getDb(), params.code, device, { responseId: values.responseId ?? '' }));
		if (!result.ok) return result.failure;
		redirect(303, `/s/${params.code}?done`);
	}
};
