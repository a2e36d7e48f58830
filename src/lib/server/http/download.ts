/** A file download: Chinese names survive (RFC 6266 filename*), and nothing personal is cached. */
export function attachment(body: string, filename: string, contentType: string): Response {
	const ascii = filename.replace(/[^\w.-]+/g, '_');
	return new Response(body, {
		headers: {
			'Content-Type': contentType,
			'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
			'Cache-Control': 'no-store'
		}
	});
}
