import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		// Each test file gets its own temporary database; files run in parallel on 2 cores.
		testTimeout: 20_000,
		expect: { requireAssertions: true }
	}
});
