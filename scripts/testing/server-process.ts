/**
 * Starts one of the scripts/ servers as a real child process (the way `npm run serve` runs it, through
 * tsx) for the tests that need the built app over HTTP, and reads what it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServerProcess {
	child: ChildProcess;
	/** Everything printed so far, stdout and stderr together. */
	output(): string;
	/** Resolves with the first match of `pattern` in the output, waiting for it to be printed. */
	waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** Kills whatever is left and removes the temporary database. */
	cleanUp(): void;
}

/** On loopback, a free port and a temporary database; `undefined` in `env` removes a variable. */
export function startServerScript(script: string, env: Record<string, string | undefined>): ServerProcess {
	const folder = mkdtempSync(join(tmpdir(), 'yizhen-server-'));
	const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${join(folder, 'yizhen.db')}`, HOST: '127.0.0.1', PORT: '0', ...env };
	for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
	const child = spawn(process.execPath, ['--import', 'tsx', script], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
	let text = '';
	const listeners = new Set<() => void>();
	const read = (chunk: Buffer) => {
		text += chunk.toString('utf8');
		for (const listener of listeners) listener();
	};
	child.stdout!.on('data', read);
	child.stderr!.on('data', read);
	let gone = false;
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
		// 'close', not 'exit': by then everything it printed has been read.
		child.once('close', (code, signal) => {
			gone = true;
			for (const listener of listeners) listener();
			done({ code, signal });
		})
	);
	return {
		child,
		output: () => text,
		waitFor(pattern, timeoutMs = 30_000) {
			return new Promise((found, fail) => {
				const giveUp = (why: string) => {
					listeners.delete(check);
					clearTimeout(timer);
					fail(new Error(`no ${pattern} ${why}; the server printed:\n${text}`));
				};
				const check = () => {
					const match = text.match(pattern);
					if (match) {
						listeners.delete(check);
						clearTimeout(timer);
						found(match);
					} else if (gone) giveUp(`before it exited (${child.exitCode ?? child.signalCode})`);
				};
				const timer = setTimeout(() => giveUp(`within ${timeoutMs} ms`), timeoutMs);
				listeners.add(check);
				check();
			});
		},
		exited,
		cleanUp() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			rmSync(folder, { recursive: true, force: true });
		}
	};
}

export interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** One GET on a connection of its own (no keep-alive pool), so each one is a new connection. */
export function get(port: number, path: string): Promise<Answer> {
	return new Promise((done, fail) => {
		const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }));
		});
		req.on('error', fail);
		req.end();
	});
}
