/**
 * A console message no page uses is a message a translator will translate and nobody will read, and
 * usually a sign that the check it belonged to moved (the not-found and admin-only words went to the
 * domain when access checks did, issue 15). Sections handed around whole (`const words =
 * m.console.x`) cannot be judged key by key and are skipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { m } from './index';

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|svelte)$/.test(name) ? [path] : [];
	});
}

describe('the console catalog', () => {
	it('has no message that no page or module uses', () => {
		const source = sourceFiles('src')
			.filter((f) => !f.replaceAll('\\', '/').includes('/i18n/'))
			.map((f) => readFileSync(f, 'utf8'))
			.join('\n');
		const unused: string[] = [];
		let judged = 0;
		for (const [section, words] of Object.entries(m.console)) {
			if (!words || typeof words !== 'object') continue;
			if (new RegExp(`console\\.${section}(?![.\\w])`).test(source)) continue;
			for (const key of Object.keys(words)) {
				judged++;
				if (!source.includes(`console.${section}.${key}`)) unused.push(`m.console.${section}.${key}`);
			}
		}
		// A scan that judged nothing would pass whatever the catalog held.
		expect(judged).toBeGreaterThan(300);
		expect(unused).toEqual([]);
	});
});
