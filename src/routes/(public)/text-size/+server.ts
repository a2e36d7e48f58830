import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { hasFormContentType } from '$lib/server/http/form-body';
import { requestedTextSize, sameSiteReturnPath, TEXT_SIZE_COOKIE, TEXT_SIZE_MAX_AGE_SECONDS } from '$lib/server/http/text-size';
import type { RequestHandler } from './$types';

/**
 * The 长辈版 toggle in the public header: a plain form post (pages ship no JavaScript) that remembers
 * the choice and goes back to the page it came from, on this site only.
 */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	// A JSON or XML body would make formData() throw, and that would be a 500 for someone else's mistake.
	if (!hasFormContentType(request)) error(415, m.errors.notAForm);
	const form = await request.formData();
	const size = requestedTextSize(form.get('size'));
	if (!size) error(400, m.errors.badRequest);
	const options = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:' };
	if (size === 'large') cookies.set(TEXT_SIZE_COOKIE, 'large', { ...options, maxAge: TEXT_SIZE_MAX_AGE_SECONDS });
	else cookies.delete(TEXT_SIZE_COOKIE, options);
	redirect(303, sameSiteReturnPath(form.get('back')));
};
