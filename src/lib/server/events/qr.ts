/**
 * The QR code on a resident's confirmation: it holds the volunteer's check-in URL for that person,
 * so any phone camera at the door opens straight to "check this person in".
 */
import QRCode from 'qrcode';

export function checkInUrl(origin: string, eventId: string, code: string): string {
	return `${origin}/console/checkin/${eventId}?code=${encodeURIComponent(code)}`;
}

/**
 * Drawn SVGs by text. The same URLs (a center's or an event's short link on its print sheet) are
 * drawn on every render of their page, and drawing one (about 1 ms) showed up at 3–7% of a profile.
 * Sized for a district (600 centers, a couple of events each, about 1.6 KB an SVG: 6 MB at most);
 * least recently used first, and bounded, since the texts come from URLs anyone can ask for.
 */
export const MAX_SVGS = 4_000;
const svgs = new Map<string, Promise<string>>();

/** Inline SVG (no image request, prints sharply); error correction M survives a scuffed screen. */
export function qrSvg(text: string): Promise<string> {
	const kept = svgs.get(text);
	if (kept) {
		svgs.delete(text);
		svgs.set(text, kept);
		return kept;
	}
	// The promise is kept, so renders arriving together draw once; a failure is not kept.
	const drawn = drawQrSvg(text);
	svgs.set(text, drawn);
	drawn.catch(() => {
		if (svgs.get(text) === drawn) svgs.delete(text);
	});
	if (svgs.size > MAX_SVGS) svgs.delete(svgs.keys().next().value!);
	return drawn;
}

/** Uncached: what `qrSvg` keeps. */
export function drawQrSvg(text: string): Promise<string> {
	return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** For tests: how many drawings are kept. */
export function keptQrSvgCount(): number {
	return svgs.size;
}

export function qrPng(text: string): Promise<Buffer> {
	return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 });
}
