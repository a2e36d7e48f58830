import { m } from '$lib/i18n';

/** The heading of an error page, by status: a resident reads what happened, not a number. */
export function errorTitle(status: number): string {
	if (status === 404) return m.errors.notFoundTitle;
	if (status === 403) return m.errors.forbiddenTitle;
	if (status === 405) return m.errors.methodNotAllowedTitle;
	if (status === 410) return m.errors.goneTitle;
	if (status === 413) return m.errors.tooLargeTitle;
	if (status === 429) return m.errors.tooManyTitle;
	if (status < 500) return m.errors.badRequestTitle;
	return m.errors.serverTitle;
}

/**
 * What to do next, under the message, when the message alone does not say: someone refused a page
 * (a 403) is usually signed in with the wrong account. A form refused as sent from another site is a
 * 403 too, but its message already says what to do, and another account would not help.
 */
export function errorWhatToDo(status: number, message: string | undefined): string | null {
	if (status === 403 && message !== m.errors.crossSiteForm) return m.errors.forbiddenWhatToDo;
	return null;
}
