/**
 * The QR code on a resident's confirmation: it holds the volunteer's check-in URL for that person,
 * so any phone camera at the door opens straight to "check this person in".
 */
import QRCode from 'qrcode';

export function checkInUrl(origin: string, eventId: string, code: string): string {
	return `${origin}/console/checkin/${eventId}?code=${encodeURIComponent(code)}`;
}

/** Inline SVG (no image request, prints sharply); error correction M survives a scuffed screen. */
export function qrSvg(text: string): Promise<string> {
	return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export function qrPng(text: string): Promise<Buffer> {
	return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 });
}
