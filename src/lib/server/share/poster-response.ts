/** A poster as an HTTP response: the PNG, an ETag for revalidation, and a short shared cache life. */
import type { PosterImage } from './posters';

export function posterResponse(poster: PosterImage, request: Request): Response {
	const headers = {
		'Content-Type': 'image/png',
		ETag: poster.etag,
		// Short, because an organizer's edit should reach the next person who opens the poster; the
		// ETag makes the check after that cheap.
		'Cache-Control': 'public, max-age=300'
	};
	if (request.headers.get('if-none-match') === poster.etag) return new Response(null, { status: 304, headers });
	return new Response(new Uint8Array(poster.png), { status: 200, headers: { ...headers, 'Content-Length': String(poster.png.length) } });
}
