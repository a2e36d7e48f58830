import { defineConfig, devices } from '@playwright/test';
import { E2E_PORT, E2E_PROXY_PORT, PROXIED_APP_PORT } from './tests/support/ports';

/**
 * Journeys run against the built app started as the README starts it (scripts/start.ts with no ORIGIN,
 * no HOST, no proxy variable) on a fresh database seeded with the demo data, in Debian's Chromium
 * (browsers cannot be downloaded here). A second, small set runs against a production-style start
 * behind a TLS proxy (ORIGIN=https://…), so both ways of knowing the site's own address stay covered.
 */
const PORT = E2E_PORT;
const PROXY_PORT = E2E_PROXY_PORT;
const BEHIND_PROXY = /behind-tls-proxy/;
const chromium = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-dev-shm-usage',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run'
	]
};

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	forbidOnly: Boolean(process.env.CI),
	reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
	use: {
		// The address the README prints; newcomer-first-contact also opens 127.0.0.1 and 127.0.0.2.
		baseURL: `http://localhost:${PORT}`,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		launchOptions: chromium,
		trace: 'retain-on-failure'
	},
	projects: [
		{ name: 'desktop', testIgnore: BEHIND_PROXY, use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
		{
			name: 'no-js',
			// axe and layout checks run scripts in the page; the journeys themselves must work without.
			// Console journeys change the shared demo database: they run once, in the desktop project.
			testIgnore: [/accessibility|server-|console-/, BEHIND_PROXY],
			use: { ...devices['Desktop Chrome'], javaScriptEnabled: false, launchOptions: chromium }
		},
		{
			name: 'phone-360',
			testIgnore: [/server-|console-/, BEHIND_PROXY],
			use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, launchOptions: chromium }
		},
		{
			name: 'behind-tls-proxy',
			testMatch: BEHIND_PROXY,
			use: { ...devices['Desktop Chrome'], baseURL: `https://localhost:${PROXY_PORT}`, ignoreHTTPSErrors: true, launchOptions: chromium }
		}
	],
	webServer: [
		{
			// As `npm start` runs it: no ORIGIN, no HOST (every interface, so 127.0.0.2 stands in for the
			// LAN address a phone on the same Wi-Fi would use).
			command: 'tsx scripts/start.ts',
			url: `http://127.0.0.1:${PORT}/healthz`,
			timeout: 90_000,
			reuseExistingServer: false,
			stdout: 'ignore',
			stderr: 'pipe',
			env: {
				DATABASE_URL: 'file:test-results/e2e.db',
				SEED_DEMO: 'always',
				// Every journey registers from 127.0.0.1; the per-phone limit is what the journeys exercise.
				REGISTRATION_LIMIT_PER_IP: '1000',
				// Likewise every code is asked from 127.0.0.1; the per-phone limits are what the journeys exercise.
				PHONE_CODE_LIMIT_PER_IP: '1000',
				PORT: String(PORT)
			}
		},
		{
			// Production-style: the public address is configured, TLS ends at the proxy.
			command: 'tsx scripts/start.ts',
			url: `http://127.0.0.1:${PROXIED_APP_PORT}/healthz`,
			timeout: 90_000,
			reuseExistingServer: false,
			stdout: 'ignore',
			stderr: 'pipe',
			env: {
				DATABASE_URL: 'file:test-results/e2e-behind-proxy.db',
				SEED_DEMO: 'always',
				PORT: String(PROXIED_APP_PORT),
				HOST: '127.0.0.1',
				ORIGIN: `https://localhost:${PROXY_PORT}`,
				ADDRESS_HEADER: 'x-forwarded-for',
				XFF_DEPTH: '1'
			}
		},
		{
			command: 'tsx tests/support/tls-proxy.ts',
			url: `https://127.0.0.1:${PROXY_PORT}/healthz`,
			ignoreHTTPSErrors: true,
			timeout: 90_000,
			reuseExistingServer: false,
			stdout: 'ignore',
			stderr: 'pipe',
			env: { PROXY_PORT: String(PROXY_PORT), UPSTREAM_PORT: String(PROXIED_APP_PORT) }
		}
	]
});
