/**
 * The one address the site hands out for anything that outlives the request: mail bodies, reset and
 * invite links, iTIP files, posters and their QR codes, cached pages' og: tags and print sheets, feed
 * and subscribe addresses, check-in codes. It never comes from a request's Host, X-Forwarded-Host or
 * Origin header, which anyone can forge: a reset asked for with `Host: evil.example` must still mail
 * a link to the real site.
 *
 * ORIGIN is the public URL (`https://yizhen.example.org`). Unset, the local default is used and the
 * log says once which variable to set.
 */
type Env = Record<string, string | undefined>;

// Process-wide, not module-wide: `npm start` and the built app each load their own copy of this file.
const TOLD = Symbol.for('yizhen.publicOriginNoticeTold');
const flags = globalThis as unknown as Record<symbol, boolean | undefined>;

export function publicOrigin(env: Env = process.env): string {
	const configured = env.ORIGIN?.trim();
	if (configured) return new URL(configured).origin;
	const fallback = `http://localhost:${env.PORT?.trim() || '3000'}`;
	if (env === process.env && !flags[TOLD]) console.warn(publicOriginNotice(env));
	return fallback;
}

/** What the start banner says about the public address; said once per process. */
export function publicOriginNotice(env: Env = process.env): string {
	if (env === process.env) flags[TOLD] = true;
	const configured = env.ORIGIN?.trim();
	if (configured) return `公开地址 / public URL (links in mail, posters, feeds): ${new URL(configured).origin}`;
	const fallback = `http://localhost:${env.PORT?.trim() || '3000'}`;
	return (
		`未设置 ORIGIN：邮件、海报和订阅地址里的链接指向 ${fallback}。正式使用时请把 ORIGIN 设为网站的公开地址（如 https://yizhen.example.org）。\n` +
		`ORIGIN is not set: links in mail, posters and feeds point at ${fallback}. In production set ORIGIN to the public URL (e.g. https://yizhen.example.org).`
	);
}
