/**
 * The two form actions of a console page that edits one object which history refers to (an expert, a
 * site): `save` the form, and `active` to switch the object off or back on, never to delete it. Each
 * hands the signed-in organizer to the domain writer, which checks access itself, and comes back to
 * the page with `?saved`; a refused save redisplays the form with what was typed. A route still
 * spells out `actions = { save: …, active: … }`: the console's access matrix reads the keys there.
 */
import { redirect } from '@sveltejs/kit';
import type { Actor } from '../auth/policy';
import { getDb } from '../db/app-db';
import type { Db } from '../db/client';
import { requireOrganizer } from './console';
import { orFormFailure, orPageError } from './domain-errors';
import { formValues } from './forms';

interface EditEvent {
	params: { id: string };
	request: Request;
}

/** `pagePath` is the page's own path without the id: `/console/experts`. */
export function saveFormAction(pagePath: string, update: (db: Db, actor: Actor, id: string, values: Record<string, string>) => Promise<void>) {
	return async ({ params, request }: EditEvent) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const values = formValues(await request.formData());
		const result = await orFormFailure(values, () => update(db, actor, params.id, values));
		if (!result.ok) return result.failure;
		redirect(303, `${pagePath}/${params.id}?saved`);
	};
}

/** The form sends `active=true` to bring the object back, anything else to switch it off. */
export function setActiveAction(pagePath: string, setActive: (db: Db, actor: Actor, id: string, active: boolean) => Promise<void>) {
	return async ({ params, request }: EditEvent) => {
		const actor = requireOrganizer();
		const db = await getDb();
		const active = (await request.formData()).get('active') === 'true';
		await orPageError(() => setActive(db, actor, params.id, active));
		redirect(303, `${pagePath}/${params.id}?saved`);
	};
}
