/** A file download: Chinese names survive (RFC 6266 filename*), and nothing personal is cached. */
export function attachment(body: string | Uint8Array, filename: string, contentType: string): Response {
	const ascii = filename.replace(/[^\w.-]+/g, '_');
	// A Node Buffer is copied into a plain Uint8Array: the DOM's BodyInit typing refuses Buffer's backing store.
	return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
		headers: {
			'Content-Type': contentType,
			'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
			'Cache-Control': 'no-store'
		}
	});
}
