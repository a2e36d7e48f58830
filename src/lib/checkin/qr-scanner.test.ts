import { afterEach, describe, expect, it, vi } from 'vitest';
import { canScanQrCodes, firstQrCode, scanQrCode } from './qr-scanner';

afterEach(() => vi.unstubAllGlobals());

/** A detector that sees each frame's codes in turn: a list, or an error for a frame it fails on. */
function frames(...seen: ({ rawValue: string }[] | Error)[]) {
	let looks = 0;
	const detect = async () => {
		const frame = seen[looks++] ?? [];
		if (frame instanceof Error) throw frame;
		return frame;
	};
	return { detect, looks: () => looks };
}

/** A phone whose back camera shows `frames`, with a record of whether the camera is still on. */
function phoneWithCamera(detect: () => Promise<{ rawValue: string }[]>, play: () => Promise<void> = async () => {}) {
	const track = { stopped: false, stop: () => void (track.stopped = true) };
	const stream = { getTracks: () => [track] };
	vi.stubGlobal('navigator', { mediaDevices: { getUserMedia: async () => stream } });
	vi.stubGlobal('BarcodeDetector', class {
		detect = detect;
	});
	const video = { srcObject: null as unknown, play } as unknown as HTMLVideoElement;
	return { video, track, stream };
}

describe('reading a QR code with the camera', () => {
	it('returns the first code it sees, looking again after empty frames and frames the detector fails on', async () => {
		const camera = frames([], new Error('blurred'), [{ rawValue: '' }], [{ rawValue: 'https://x/c?code=AB12CD' }], [{ rawValue: 'later' }]);
		expect(await firstQrCode(camera.detect, () => true, 0)).toBe('https://x/c?code=AB12CD');
		expect(camera.looks()).toBe(4);
	});

	it('stops looking, with nothing read, once the volunteer no longer wants to scan', async () => {
		const camera = frames();
		let wanted = true;
		const scan = firstQrCode(camera.detect, () => wanted, 1);
		await new Promise((resolve) => setTimeout(resolve, 20));
		wanted = false;
		expect(await scan).toBeNull();
		const looked = camera.looks();
		expect(looked).toBeGreaterThan(0);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(camera.looks()).toBe(looked);
	});

	it('shows the camera in the video and turns it off once a code is read', async () => {
		const { video, track, stream } = phoneWithCamera(frames([{ rawValue: 'MN34PQ' }]).detect);
		expect(await scanQrCode(video, () => true)).toBe('MN34PQ');
		expect(video.srcObject).toBe(stream);
		expect(track.stopped).toBe(true);
	});

	it('turns the camera off when the video cannot play, and says so', async () => {
		const { video, track } = phoneWithCamera(frames().detect, async () => {
			throw new DOMException('not allowed', 'NotAllowedError');
		});
		await expect(scanQrCode(video, () => true)).rejects.toThrow('not allowed');
		expect(track.stopped).toBe(true);
	});

	it('offers scanning only where the browser can both read QR codes and open a camera', () => {
		vi.stubGlobal('navigator', { mediaDevices: { getUserMedia: async () => ({}) } });
		expect(canScanQrCodes()).toBe(false);
		vi.stubGlobal('BarcodeDetector', class {});
		expect(canScanQrCodes()).toBe(true);
		vi.stubGlobal('navigator', {});
		expect(canScanQrCodes()).toBe(false);
	});
});
