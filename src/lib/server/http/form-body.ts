/**
 * A form body the browser (or anyone) sent cut short or garbled makes `request.formData()` throw a
 * TypeError inside the action, which SvelteKit answers with a 500 and logs as our bug. The hook parses a
 * copy of every form body first, so the visitor gets a 400 in words instead, and no action needs its own
 * guard.
 */

/** The two types `Request.formData()` can parse; anything else (JSON, XML, text/plain) it refuses. */
const PARSED_FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function hasFormContentType(request: Request): boolean {
	const type = (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
	return PARSED_FORM_TYPES.has(type);
}

/**
 * True when the request says it carries a form and its body cannot be read as one. A body over
 * BODY_SIZE_LIMIT (adapter-node fails the read with status 413) is not "malformed": it goes on to the
 * action, because the roster import answers that in its own words, and handleError covers the rest.
 */
export async function hasMalformedFormBody(request: Request): Promise<boolean> {
	if (!WITH_BODY.has(request.method) || !hasFormContentType(request)) return false;
	try {
		await request.clone().formData();
		return false;
	} catch (e) {
		return !(typeof e === 'object' && e !== null && 'status' in e && e.status === 413);
	}
}
