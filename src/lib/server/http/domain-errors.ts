/**
 * The two ways a domain failure (errors.ts: a 4xx with a Chinese message and maybe the field it is
 * about) reaches the user: as the page's error in a load or an endpoint, or as the form's message at
 * its field with what they typed kept. Anything that is not a domain failure is a bug: a 500.
 */
import { error } from '@sveltejs/kit';
import { isDomainError } from '../errors';
import { formFailure } from './forms';

/** In a load function or an endpoint: the 4xx page (or body) with the message and its field. */
export async function orPageError<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (isDomainError(e)) error(e.status, e.field ? { message: e.message, field: e.field } : { message: e.message });
		throw e;
	}
}

/**
 * In a form action: the failure re-displays `values` with the message at the field the domain named
 * (`form` when it named none). `page` adds what else the form needs to redraw itself, e.g. which of
 * a page's forms was sent.
 */
export async function orFormFailure<T, P extends object = object>(values: Record<string, string>, work: () => Promise<T>, page?: P) {
	try {
		return { ok: true as const, value: await work() };
	} catch (e) {
		if (isDomainError(e)) return { ok: false as const, failure: formFailure(e.status, values, { [e.field ?? 'form']: e.message }, page) };
		throw e;
	}
}
