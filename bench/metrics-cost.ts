/** What counting a request for /metrics costs, against prom-client's own labelled metrics: `npm run bench:metrics`. */
import { observePageCache, observeRequest } from '../src/lib/server/ops/metrics';
import client from 'prom-client';
const routes = ['/(public)/centers/[id]', '/(public)/experts/[id]', '/(public)/events/[id]', '/feeds/centers/[id].ics', '/console/plan', null];
const N = 2_000_000;
for (let i = 0; i < 200_000; i++) observeRequest(routes[i % 6]!, 'GET', 200, 0.004);
let t = process.hrtime.bigint();
for (let i = 0; i < N; i++) { observeRequest(routes[i % 6]!, i % 10 ? 'GET' : 'POST', i % 50 ? 200 : 404, (i % 100) / 1000); observePageCache(i % 3 !== 0); }
let ns = Number(process.hrtime.bigint() - t) / N;
console.log(`observeRequest + observePageCache: ${ns.toFixed(0)} ns per request`);
// The naive way, for comparison: label objects on every call.
const reg = new client.Registry();
const c = new client.Counter({ name: 'c', help: 'c', labelNames: ['route', 'method', 'status'], registers: [reg] });
const h = new client.Histogram({ name: 'h', help: 'h', labelNames: ['route', 'method'], registers: [reg] });
t = process.hrtime.bigint();
for (let i = 0; i < N; i++) { const route = routes[i % 6] ?? 'none'; const method = i % 10 ? 'GET' : 'POST'; c.inc({ route, method, status: String(i % 50 ? 200 : 404) }); h.observe({ route, method }, (i % 100) / 1000); }
ns = Number(process.hrtime.bigint() - t) / N;
console.log(`label objects each call: ${ns.toFixed(0)} ns per request`);
