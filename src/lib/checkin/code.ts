/**
 * A registration's check-in code as the door reads it, typed or scanned: the page labels its queue
 * with it and the server looks the registration up by it, so both read it here, the same way.
 */

/**
 * The code, with spaces, dashes and case forgiven, from what was typed or from a whole QR link
 * (…?code=AB12CD). A link whose %-escapes cannot be read keeps them as they are: that code then
 * matches nobody and the volunteer is told so, where throwing would have failed the whole batch
 * and held up every operation queued behind it.
 */
export function readCode(input: string): string {
	const trimmed = input.trim();
	const fromUrl = /[?&]code=([^&#\s]+)/.exec(trimmed)?.[1];
	return (fromUrl === undefined ? trimmed : decodedOrAsIs(fromUrl)).replace(/[\s-]/g, '').toUpperCase();
}

function decodedOrAsIs(escaped: string): string {
	try {
		return decodeURIComponent(escaped);
	} catch {
		return escaped;
	}
}
