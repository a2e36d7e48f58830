/**
 * A return address taken from a query string or a form (login's `redirectTo`, the 长辈版 toggle's `back`)
 * may only lead to a page on this site: otherwise a phishing link could borrow our login page to send a
 * resident anywhere.
 *
 * The value is parsed the way the browser will parse our Location header (WHATWG URL: tabs and newlines
 * dropped, `\` read as `/`, `//host` read as another site), against a base no real site has. Only a
 * value that stays on that base survives, and the answer is rebuilt from the parsed parts, so what we
 * send is what we checked: already percent-encoded, never carrying the raw string's control characters.
 */
const BASE = new URL('http://x.invalid');

function onBase(value: string): URL | null {
	try {
		const url = new URL(value, BASE);
		return url.origin === BASE.origin ? url : null;
	} catch {
		return null;
	}
}

export function sameSitePath(value: string | null | undefined, fallback: string): string {
	const parsed = value ? onBase(value) : null;
	if (!parsed) return fallback;
	const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
	// Dot segments can leave a path that starts with `//` (`/.//evil.example` → `//evil.example`), which the
	// browser reads as another site: the rebuilt path must lead back to the very same place.
	return onBase(path)?.href === parsed.href ? path : fallback;
}
