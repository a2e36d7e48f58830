/** The QR code printed on a poster, as an image satori can place: the page's address, nothing else. */
import { qrSvg } from '../events/qr';

/** An SVG data URI: resvg draws it as vectors, so the modules stay sharp at any poster size. */
export async function qrDataUri(url: string): Promise<string> {
	const svg = await qrSvg(url);
	return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
