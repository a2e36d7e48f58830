/**
 * One of WEB_PROCESSES workers, forked by web-processes.ts: the built app on the port the primary shares.
 * Its slot and whether it runs the background jobs come from the primary, in the environment.
 */
import cluster from 'node:cluster';
import { publicOriginNotice } from '../src/lib/server/public-url';
import { serveBuiltApp } from './http-server';

// The primary says where links point (start.ts's banner, serve.ts); marking it said here keeps each
// worker's copy of the app from saying it again on its first request.
publicOriginNotice();

await serveBuiltApp();
// The channel to the primary keeps a worker alive after its server has closed. Letting go of it once
// the app has begun its own shutdown (jobs stopping, database closing) lets the process end when that
// work is done; a plain process.disconnect() would make cluster exit at once, cutting it short.
process.once('sveltekit:shutdown', () => cluster.worker?.disconnect());
const slot = process.env.YIZHEN_WORKER_SLOT;
const jobs = process.env.YIZHEN_BACKGROUND_JOBS === 'off' ? '关 / off' : '开 / on';
console.log(`工作进程 ${slot} / worker ${slot} (pid ${process.pid}) 已就绪 / ready，后台任务 / background jobs: ${jobs}`);
