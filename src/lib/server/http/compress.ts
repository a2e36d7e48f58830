/**
 * A body kept ready in each content coding a browser may ask for, each copy compressed once and then
 * sent as many times as it is asked for: choosing the coding, the ETag of each copy, and whether the
 * client already has it.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants, gzipSync } from 'node:zlib';

export type ContentCoding = 'br' | 'gzip' | 'identity';

/** Plain bytes over their own ArrayBuffer, the type a Response body takes. */
type Bytes = Uint8Array<ArrayBuffer>;

/**
 * Measured on a seeded center page (17 KB): brotli 5 takes 0.7 ms to 28%; 6 to 8 save nothing more for
 * twice to six times the time; 11 saves another 13% for 19 ms, paid again each time the page is stored
 * (every hour, per page and variant) on two cores the pages need. gzip 9 is no smaller than 6.
 */
const BROTLI_QUALITY = 5;
const GZIP_LEVEL = 6;
const utf8 = new TextEncoder();

/**
 * A page's body in the codings a browser may ask for. The br copy is made at once: browsers ask for br
 * wherever the page is served over https, as it is in production. The gzip copy is made the first time
 * a client asks for it (an older browser, a phone on plain http over the clinic's Wi-Fi, where Chrome
 * offers gzip only) and kept from then on: making it with every draw cost more than the br copy itself
 * (0.6 ms of a district center page's ~9 ms draw, most of the writer's re-renders).
 */
export class EncodedBody {
	#identity: Bytes | null;
	#gzip: Bytes | null;

	private constructor(
		/** The ETag of the identity body; each coding's copy gets its own (see `etagFor`). */
		readonly etag: string,
		readonly br: Bytes,
		identity: Bytes | null,
		gzip: Bytes | null
	) {
		this.#identity = identity;
		this.#gzip = gzip;
	}

	static of(body: string): EncodedBody {
		const identity = utf8.encode(body);
		const br = brotliCompressSync(identity, {
			params: {
				[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
				[constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
				[constants.BROTLI_PARAM_SIZE_HINT]: identity.length
			}
		});
		return new EncodedBody(`"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`, new Uint8Array(br), identity, null);
	}

	/** The plain bytes: held until the body is kept, then decoded from br for the rare client that takes neither coding. */
	get identity(): Bytes {
		return this.#identity ?? new Uint8Array(brotliDecompressSync(this.br));
	}

	get gzip(): Bytes {
		this.#gzip ??= new Uint8Array(gzipSync(this.identity, { level: GZIP_LEVEL }));
		return this.#gzip;
	}

	/**
	 * What a cache keeps: the compressed copies only, as the plain copy is three times their size together
	 * (17 KB against 5 + 4.7 KB for a center's week). A gzip copy already made comes along.
	 */
	kept(): EncodedBody {
		return new EncodedBody(this.etag, this.br, null, this.#gzip);
	}

	/** Which copies are held now, smallest first. */
	get copies(): ContentCoding[] {
		return ['br', ...(this.#gzip ? (['gzip'] as const) : []), ...(this.#identity ? (['identity'] as const) : [])];
	}
}

export function encodeBody(body: string): EncodedBody {
	return EncodedBody.of(body);
}

/** A different content coding is a different representation, so its ETag differs (RFC 9110 §8.8.3). */
export function etagFor(etag: string, coding: ContentCoding): string {
	if (coding === 'identity') return etag;
	return `${etag.slice(0, -1)}-${coding === 'gzip' ? 'gz' : 'br'}"`;
}

/** The q-value of each coding the header names; a bad q counts as 0, as a client that cannot say it. */
function qualities(header: string): Map<string, number> {
	const q = new Map<string, number>();
	for (const part of header.split(',')) {
		const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
		if (!name) continue;
		const given = params.find((p) => p.startsWith('q='));
		const value = given === undefined ? 1 : Number(given.slice(2));
		q.set(name, Number.isFinite(value) && value >= 0 && value <= 1 ? value : 0);
	}
	return q;
}

/**
 * The coding to send for an Accept-Encoding header: the acceptable one with the highest q, br before
 * gzip when they tie. Identity goes only to clients that take neither (or rank it above both): it is
 * always acceptable unless refused, and refusing everything still gets the page rather than a 406.
 */
export function chooseCoding(acceptEncoding: string | null): ContentCoding {
	if (!acceptEncoding) return 'identity';
	const q = qualities(acceptEncoding);
	const wildcard = q.get('*');
	const of = (coding: string) => q.get(coding) ?? wildcard ?? 0;
	const best = of('br') >= of('gzip') ? 'br' : 'gzip';
	if (of(best) <= 0) return 'identity';
	return q.has('identity') && of('identity') > of(best) ? 'identity' : best;
}

/**
 * Whether If-None-Match names this body in any coding: each copy decodes to the same page, so a client
 * that kept the gzip copy and now takes br still has the page. Weak comparison, as RFC 9110 §13.1.2 asks.
 */
export function matchesAnyCoding(ifNoneMatch: string | null, etag: string): boolean {
	if (ifNoneMatch === null) return false;
	if (ifNoneMatch.trim() === '*') return true;
	const ours = new Set((['identity', 'gzip', 'br'] as const).map((coding) => etagFor(etag, coding)));
	return ifNoneMatch.split(',').some((candidate) => ours.has(candidate.trim().replace(/^W\//, '')));
}

/** Adds `Accept-Encoding` to a Vary header, keeping what it already names (e.g. User-Agent). */
export function varyWithAcceptEncoding(vary: string | null): string {
	const names = (vary ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	if (names.some((name) => name === '*' || name.toLowerCase() === 'accept-encoding')) return names.join(', ');
	return [...names, 'Accept-Encoding'].join(', ');
}

/**
 * The response for a request, from the kept copies: 304 with no body when the client has the page,
 * no body for HEAD, otherwise the chosen copy with its length. `headers` are the page's own.
 */
export function encodedResponse(request: Request, encoded: EncodedBody, headers: Headers): Response {
	const coding = chooseCoding(request.headers.get('accept-encoding'));
	const out = new Headers(headers);
	for (const name of ['content-length', 'content-encoding']) out.delete(name);
	out.set('Vary', varyWithAcceptEncoding(out.get('vary')));
	out.set('ETag', etagFor(encoded.etag, coding));
	if (matchesAnyCoding(request.headers.get('if-none-match'), encoded.etag)) {
		// A 304 carries the validators and caching headers only (RFC 9110 §15.4.5), as SvelteKit's own does.
		const kept = new Headers();
		for (const name of ['etag', 'vary', 'cache-control', 'expires', 'content-location']) {
			const value = out.get(name);
			if (value !== null) kept.set(name, value);
		}
		return new Response(null, { status: 304, headers: kept });
	}
	const bytes = encoded[coding];
	if (coding !== 'identity') out.set('Content-Encoding', coding);
	out.set('Content-Length', String(bytes.length));
	return new Response(request.method === 'HEAD' ? null : bytes, { status: 200, headers: out });
}
