import { defineConfig, devices } from '@playwright/test';

/**
 * Journeys run against the built app (`node build` via scripts/start.ts) on a fresh database seeded
 * with the demo data, in Debian's Chromium (browsers cannot be downloaded here).
 */
const PORT = Number(process.env.E2E_PORT ?? 4173);
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
		baseURL: `http://127.0.0.1:${PORT}`,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		launchOptions: chromium,
		trace: 'retain-on-failure'
	},
	projects: [
		{ name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
		{
			name: 'no-js',
			// axe and layout checks run scripts in the page; the journeys themselves must work without.
			// Console journeys change the shared demo database: they run once, in the desktop project.
			testIgnore: /accessibility|server-|console-/,
			use: { ...devices['Desktop Chrome'], javaScriptEnabled: false, launchOptions: chromium }
		},
		{
			name: 'phone-360',
			testIgnore: /server-|console-/,
			use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, launchOptions: chromium }
		}
	],
	webServer: {
		command: 'tsx scripts/start.ts',
		url: `http://127.0.0.1:${PORT}/healthz`,
		timeout: 60_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			DATABASE_URL: 'file:test-results/e2e.db',
			SEED_DEMO: 'always',
			// Every journey registers from 127.0.0.1; the per-phone limit is what the journeys exercise.
			REGISTRATION_LIMIT_PER_IP: '1000',
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${PORT}`
		}
	}
});
