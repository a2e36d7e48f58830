import { describe, expect, it } from 'vitest';
import { drawQrSvg, keptQrSvgCount, MAX_SVGS, qrSvg } from './qr';

const link = (n: number) => `https://yizhen.example.org/s/c${n}`;

describe('QR codes drawn once', () => {
	it('gives the same SVG a fresh drawing would, drawing it only the first time', async () => {
		const first = qrSvg(link(0));
		expect(qrSvg(link(0))).toBe(first); // the same promise: not drawn again
		expect(await first).toBe(await drawQrSvg(link(0)));
		expect(await qrSvg(link(1))).not.toBe(await first);
	});

	it('keeps a district’s worth, dropping the least recently used beyond it', async () => {
		// Every center and a couple of events at each of 600 centers.
		expect(MAX_SVGS).toBeGreaterThanOrEqual(600 * 3);
		const kept = qrSvg(link(0));
		const early = qrSvg(link(1));
		for (let n = 2; n <= MAX_SVGS + 100; n++) {
			await qrSvg(link(n));
			// link(0) is asked for all along (a page printed every day): it stays.
			if (n % 500 === 0) expect(qrSvg(link(0)), `after ${n}`).toBe(kept);
		}
		expect(keptQrSvgCount()).toBe(MAX_SVGS);
		// link(1), unused since, was dropped: drawn again, and still the same picture.
		const redrawn = qrSvg(link(1));
		expect(redrawn).not.toBe(early);
		expect(await redrawn).toBe(await early);
	});
});
