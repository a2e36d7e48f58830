/**
 * The HTTP server around the built app (adapter-node's documented `build/handler.js`), in place of
 * adapter-node's own `build/index.js`, for one reason: with no ORIGIN set, adapter-node assumes every
 * request came over https, so on a plain-http start (`npm start`, a phone on the same Wi-Fi) the page's
 * own origin never equals the browser's Origin header and every form is refused as cross-site.
 *
 * Here the scheme comes from the connection itself (this server speaks plain http, or https when a TLS
 * socket is handed to it), written into a header only this process sets; the host comes from the Host
 * header, as the browser sent it. That is safe for the cross-site check: a page on another site cannot
 * make the browser send our Host with its own Origin, so `Origin === scheme://Host` holds only for our
 * own pages. It is not safe for links that outlive the request: those come from `publicOrigin()`.
 *
 * ORIGIN (or PROTOCOL_HEADER behind a proxy the operator trusts) still wins when set.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createOverloadGuard, overloadLimitsFromEnv } from './overload';

/** With WEB_PROCESSES > 1, which worker answered (its slot, 1…N): to tell them apart in a browser or a test. */
export const WORKER_HEADER = 'X-Yizhen-Worker';

/** Set by this process on every request, overwriting whatever a client sent under the same name. */
export const CONNECTION_PROTOCOL_HEADER = 'x-yizhen-connection-protocol';

/**
 * The roster import promises files up to 2 MB; a multipart body adds a few hundred bytes around it.
 * 3 MB accepts every file the page promises and refuses larger bodies before they are read into memory.
 */
export const DEFAULT_BODY_SIZE_LIMIT = '3M';

export type OriginSource = 'origin' | 'proxy-header' | 'connection';

/** Settles where the app's idea of its own origin comes from; must run before the handler is imported. */
export function configureOriginSource(env: NodeJS.ProcessEnv): OriginSource {
	if (env.ORIGIN?.trim()) return 'origin';
	if (env.PROTOCOL_HEADER?.trim()) return 'proxy-header';
	env.PROTOCOL_HEADER = CONNECTION_PROTOCOL_HEADER;
	return 'connection';
}

export function stampConnectionProtocol(req: IncomingMessage): void {
	req.headers[CONNECTION_PROTOCOL_HEADER] = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => unknown;

export interface RunningServer {
	server: Server;
	port: number;
	host: string;
	originSource: OriginSource;
}

/**
 * Loads build/handler.js and listens. Requests beyond what the process can take are refused with a 503
 * before they reach the app (overload.ts). SIGTERM/SIGINT close the server gracefully (in-flight requests
 * finish, up to SHUTDOWN_TIMEOUT seconds) and then emit `sveltekit:shutdown`, as adapter-node does,
 * so the app's background jobs stop and the database closes.
 */
export async function serveBuiltApp(env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
	const originSource = configureOriginSource(env);
	env.BODY_SIZE_LIMIT ||= DEFAULT_BODY_SIZE_LIMIT;
	// Read before the app loads, so a typo in a limit stops the start at once.
	const guard = createOverloadGuard(overloadLimitsFromEnv(env));
	const workerSlot = env.YIZHEN_WORKER_SLOT;
	const { handler } = (await import(pathToFileURL(resolve('build/handler.js')).href)) as { handler: Middleware };

	const notFound = (res: ServerResponse) => {
		res.statusCode = 404;
		res.end();
	};
	const server = createServer((req, res) => {
		if (!guard.admit(req, res)) return;
		if (workerSlot) res.setHeader(WORKER_HEADER, workerSlot);
		if (originSource === 'connection') stampConnectionProtocol(req);
		void handler(req, res, () => notFound(res));
	});
	const keepAlive = Number(env.KEEP_ALIVE_TIMEOUT);
	if (keepAlive > 0) server.keepAliveTimeout = keepAlive * 1000;
	const headersTimeout = Number(env.HEADERS_TIMEOUT);
	if (headersTimeout > 0) server.headersTimeout = headersTimeout * 1000;

	const host = env.HOST?.trim() || '0.0.0.0';
	const port = Number(env.PORT?.trim() || '3000');
	await new Promise<void>((done, fail) => {
		server.once('error', fail);
		server.listen(port, host, () => {
			server.off('error', fail);
			done();
		});
	});
	installGracefulShutdown(server, Number(env.SHUTDOWN_TIMEOUT ?? '30'));
	server.once('close', () => guard.stop());
	const address = server.address();
	return { server, host, port: typeof address === 'object' && address ? address.port : port, originSource };
}

function installGracefulShutdown(server: Server, timeoutSeconds: number) {
	let inFlight = 0;
	let closing: NodeJS.Timeout | null = null;
	server.on('request', (req: IncomingMessage) => {
		inFlight++;
		req.on('close', () => {
			inFlight--;
			// Keep-alive connections would otherwise hold the close until they time out.
			if (closing) server.closeIdleConnections();
		});
	});
	const shutdown = (reason: 'SIGINT' | 'SIGTERM') => {
		if (closing) return;
		server.closeIdleConnections();
		server.close((error) => {
			if (error) return;
			if (closing) clearTimeout(closing);
			(process.emit as (event: string, ...args: unknown[]) => boolean)('sveltekit:shutdown', reason);
		});
		closing = setTimeout(() => server.closeAllConnections(), Math.max(0, timeoutSeconds) * 1000);
		closing.unref();
		if (inFlight === 0) server.closeIdleConnections();
	};
	process.on('SIGTERM', () => shutdown('SIGTERM'));
	process.on('SIGINT', () => shutdown('SIGINT'));
}
