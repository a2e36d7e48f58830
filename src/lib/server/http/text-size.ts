/**
 * 长辈版 (large text): a resident's choice, kept in a long-lived cookie and applied as a class on
 * <html>. The page's HTML is otherwise the same in both modes (the header carries both toggle buttons,
 * CSS shows the one that applies), so the cached page only needs the mode in its key.
 */
import { sameSitePath } from './same-site-path';

export type TextSize = 'standard' | 'large';

export const TEXT_SIZE_COOKIE = 'yz_text';
/** Browsers cap a cookie's life at 400 days; a resident should not have to choose again before that. */
export const TEXT_SIZE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;
/** In src/app.html, inside the <html> tag; replaced on every page by `htmlClassAttribute`. */
export const HTML_CLASS_PLACEHOLDER = '%yizhen.htmlClass%';

export function textSizeOf(cookie: string | undefined | null): TextSize {
	return cookie === 'large' ? 'large' : 'standard';
}

/** What a posted toggle asks for; anything else is no request at all. */
export function requestedTextSize(value: FormDataEntryValue | null): TextSize | null {
	return value === 'large' || value === 'standard' ? value : null;
}

/**
 * The classes on <html>: `large-text` for 长辈版, `in-wechat` inside WeChat's browser (shows the notice on
 * how to open the page in the system browser). Both are already in the page cache's variant.
 */
export function htmlClassAttribute(size: TextSize, wechat = false): string {
	const classes = [size === 'large' ? 'large-text' : '', wechat ? 'in-wechat' : ''].filter(Boolean);
	return classes.length ? ` class="${classes.join(' ')}"` : '';
}

/** Where to go back to after the toggle: a page on this site only (see `sameSitePath`). */
export function sameSiteReturnPath(back: FormDataEntryValue | null): string {
	return sameSitePath(typeof back === 'string' ? back : null, '/');
}

/**
 * The page cache's variant: everything besides the URL that changes a public page's HTML. WeChat's
 * browser gets a share thumbnail; 长辈版 gets its class. Leaving either out would serve one visitor's
 * page to everyone.
 */
export function pageVariant(options: { wechat: boolean; textSize: TextSize }): string {
	return [options.wechat ? 'wechat' : '', options.textSize === 'large' ? 'large' : ''].filter(Boolean).join('+');
}
