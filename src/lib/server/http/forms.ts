/**
 * Form handling shared by actions: the first message per field from a failed parse, and a failure
 * that re-displays what the user typed with each message at its field.
 */
import { fail } from '@sveltejs/kit';
import type { z } from 'zod';

/** Messages keyed by field name; `form` is for a message about the whole form. */
export type FieldErrors = Partial<Record<string, string>>;

export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.length ? String(issue.path[0]) : 'form';
		errors[key] ??= issue.message;
	}
	return errors;
}

/** Strings from a form, with files dropped: safe to send back to the page to refill the fields. */
export function formValues(data: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of data) if (typeof value === 'string') values[key] = value;
	return values;
}

export function formFailure<P extends object = object>(status: number, values: Record<string, string>, errors: FieldErrors, page?: P) {
	return fail(status, { ...(page as P), values, errors });
}
