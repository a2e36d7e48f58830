/**
 * Reading a resident's QR code with the phone's back camera, where the browser has BarcodeDetector
 * (Chrome on Android; not Safari, nor WeChat on iOS). Typing the code works everywhere besides.
 */

// BarcodeDetector is not in TypeScript's DOM library yet.
interface BarcodeDetectorLike {
	detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

export function canScanQrCodes(): boolean {
	return 'BarcodeDetector' in globalThis && Boolean(globalThis.navigator?.mediaDevices?.getUserMedia);
}

/**
 * Shows the back camera in `video` until a QR code is read (its text) or `wanted()` turns false (null),
 * then turns the camera off. Throws when the camera cannot be had, as when the volunteer refuses it.
 */
export async function scanQrCode(video: HTMLVideoElement, wanted: () => boolean): Promise<string | null> {
	const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
	try {
		video.srcObject = stream;
		await video.play();
		const Detector = (globalThis as unknown as { BarcodeDetector: BarcodeDetectorClass }).BarcodeDetector;
		const detector = new Detector({ formats: ['qr_code'] });
		return await firstQrCode(() => detector.detect(video), wanted);
	} finally {
		// The camera light would otherwise stay on after a failure, and the battery drain with it.
		for (const track of stream.getTracks()) track.stop();
	}
}

/**
 * Looks every `pauseMs` until a code is seen or `wanted()` turns false. A frame the detector fails on
 * (a blurred one, a hand over the lens) counts as nothing seen, not as the end of the scan.
 */
export async function firstQrCode(detect: () => Promise<{ rawValue: string }[]>, wanted: () => boolean, pauseMs = 250): Promise<string | null> {
	while (wanted()) {
		const [found] = await detect().catch(() => []);
		if (found?.rawValue) return found.rawValue;
		await new Promise((resolve) => setTimeout(resolve, pauseMs));
	}
	return null;
}
