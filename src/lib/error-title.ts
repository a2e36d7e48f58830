import { m } from '$lib/i18n';

/** The heading of an error page, by status: a resident reads what happened, not a number. */
export function errorTitle(status: number): string {
	if (status === 404) return m.errors.notFoundTitle;
	if (status === 403 || status === 405) return m.errors.forbiddenTitle;
	if (status === 410) return m.errors.goneTitle;
	if (status === 413) return m.errors.tooLargeTitle;
	if (status === 429) return m.errors.tooManyTitle;
	if (status < 500) return m.errors.badRequestTitle;
	return m.errors.serverTitle;
}
