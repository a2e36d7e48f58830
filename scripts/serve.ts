/**
 * `npm run serve`: the built app alone, without migrating or loading demo data first (the app migrates
 * on its own at start). For a second instance on the same database, or a server whose database is
 * looked after elsewhere.
 */
import { serveBuiltApp } from './http-server';

const { host, port } = await serveBuiltApp();
console.log(`义诊 Yizhen 已启动 / is running on ${host}:${port}`);
