import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { checkInUrl, qrPng, qrSvg } from './qr';

describe('check-in QR codes', () => {
	it('decode back to the volunteer check-in URL for that registration', async () => {
		const url = checkInUrl('https://yizhen.example.org', 'ev123', 'K7M3QX');
		const png = PNG.sync.read(await qrPng(url));
		const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
		expect(decoded?.data).toBe('https://yizhen.example.org/console/checkin/ev123?code=K7M3QX');
		expect(await qrSvg(url)).toMatch(/^<svg[^>]+viewBox/);
	});
});
