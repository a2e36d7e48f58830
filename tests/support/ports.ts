/** The ports the browser tests' servers listen on (playwright.config.ts), for tests that go around the browser. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);
/** The production-style app behind the TLS proxy, reachable directly on this port too. */
export const PROXIED_APP_PORT = E2E_PORT + 1;
export const E2E_PROXY_PORT = Number(process.env.E2E_PROXY_PORT ?? 4443);
