/**
 * The CJK font posters are set in: Noto Sans SC (SIL Open Font License 1.1) from the npm package
 * @expo-google-fonts/noto-sans-sc, which ships each weight as one plain TTF. satori cannot read WOFF2
 * and resvg cannot read .ttc collections, so a single-face TTF is what both accept. Only Regular and
 * Bold are read. The full font, not a subset, because experts' and centers' names use rare characters
 * a common-character subset would print as empty boxes.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Font } from 'satori';

export const POSTER_FONT_FAMILY = 'Noto Sans SC';

const require = createRequire(import.meta.url);
const FILES = [
	{ weight: 400, file: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf' },
	{ weight: 700, file: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf' }
] as const;

let loading: Promise<Font[]> | null = null;

/**
 * Read once per process, on the first poster: about 21 MB that a server which never renders a
 * poster should not hold. The same array is handed to satori every time, which lets satori keep
 * the parsed fonts instead of parsing 10 MB of glyphs per poster.
 */
export function posterFonts(): Promise<Font[]> {
	loading ??= Promise.all(
		FILES.map(async ({ weight, file }) => ({
			name: POSTER_FONT_FAMILY,
			data: await readFile(require.resolve(file)),
			weight,
			style: 'normal' as const
		}))
	).catch((error: unknown) => {
		loading = null;
		throw error;
	});
	return loading;
}
