/**
 * Which processes have the database file open as a server, so `npm run db:restore` can refuse to
 * swap the file under them. Each server process writes `<database>.running/<host>-<pid>` when it
 * opens the database and removes it when it exits. SQLite's own locks cannot tell: an idle server
 * holds none between requests, yet would go on writing into the old file's WAL after a swap.
 *
 * A file left by a process killed with -9 is recognised on this machine (no such pid) and removed;
 * one written on another machine (a shared folder) cannot be checked, so it counts as running.
 */
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
	host: string;
	pid: number;
	file: string;
}

function markersDir(databasePath: string): string {
	return `${databasePath}.running`;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists and belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

const marked = new Set<string>();

/** Marks this process as serving the database until it exits. Safe to call more than once. */
export function markServerRunning(databasePath: string): void {
	const dir = markersDir(databasePath);
	const file = join(dir, `${hostname()}-${process.pid}`);
	if (marked.has(file)) return;
	mkdirSync(dir, { recursive: true });
	writeFileSync(file, `${new Date().toISOString()}\n`);
	marked.add(file);
	process.once('exit', () => {
		try {
			unlinkSync(file);
		} catch {
			// Removed already (a restore that found this pid dead would not have; nothing else does).
		}
	});
}

/** Servers that may have the database open now; stale markers of dead processes on this machine are removed. */
export function runningServers(databasePath: string): RunningServer[] {
	const dir = markersDir(databasePath);
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return [];
	}
	const here = hostname();
	const running: RunningServer[] = [];
	for (const name of names) {
		const match = /^(.*)-(\d+)$/.exec(name);
		if (!match) continue;
		const server = { host: match[1]!, pid: Number(match[2]), file: join(dir, name) };
		if (server.host === here && server.pid !== process.pid && !isAlive(server.pid)) {
			unlinkSync(server.file);
			continue;
		}
		if (server.host === here && server.pid === process.pid) continue;
		running.push(server);
	}
	return running;
}
