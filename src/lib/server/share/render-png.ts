/** Element tree to PNG: satori lays it out as SVG, resvg rasterizes it at exactly the poster width. */
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { posterFonts } from './poster-fonts';
import { POSTER_WIDTH, type PosterNode } from './poster-layout';

/**
 * The content is capped by the poster builders (rows, characters), so the height is too; this is the
 * last guard should a cap ever be loosened: no poster may grow past a phone screen's long scroll.
 */
export const POSTER_MAX_HEIGHT = 4000;

export async function renderPng(tree: PosterNode): Promise<Buffer> {
	const svg = await satori(tree, { width: POSTER_WIDTH, fonts: await posterFonts() });
	const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: POSTER_WIDTH }, font: { loadSystemFonts: false } });
	if (resvg.height > POSTER_MAX_HEIGHT) throw new Error(`poster would be ${resvg.height} px tall; content caps are broken`);
	return resvg.render().asPng();
}
