import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ precompress: true }),
		// Stylesheets go inline in the first response: on a weak network in WeChat the page is styled
		// without a second round trip (issue 9: complete HTML with critical CSS, < 14 KB gzipped).
		inlineStyleThreshold: 16_384,
		// The service worker serves only the check-in door; the door page registers it with that scope.
		serviceWorker: { register: false },
		// The cross-site form check is done in hooks.server.ts (http/csrf.ts), where the one-click
		// unsubscribe a mail app posts without an Origin can be let through.
		csrf: { trustedOrigins: ['*'] },
		// A strict CSP: SvelteKit adds the hashes of its own inline scripts. Hashes, not nonces: the
		// residents' pages are cached and sent to many visitors (http/page-cache.ts), and a nonce sent
		// to everyone is no nonce.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
