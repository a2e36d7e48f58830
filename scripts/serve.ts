/**
 * `npm run serve`: the built app alone, without migrating or loading demo data first (the app migrates
 * on its own at start). For a second instance on the same database, or a server whose database is
 * looked after elsewhere. WEB_PROCESSES > 1 serves it from that many processes (web-processes.ts).
 */
import { publicOriginNotice } from '../src/lib/server/public-url';
import { serveInProcesses } from './web-processes';

const { host, port, processes } = await serveInProcesses();
if (processes === 1) {
	console.log(`义诊 Yizhen 已启动 / is running on ${host}:${port}`);
} else {
	// The workers leave this to the primary (serve-worker.ts), so it is said once, not once per worker.
	console.log(`义诊 Yizhen 已启动 / is running on ${host}:${port}（${processes} 个进程 / processes）\n${publicOriginNotice()}`);
}
