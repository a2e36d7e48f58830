import { sql } from 'drizzle-orm';
import type { Db } from './client';

/** True when a query reaches the database within the time limit. */
export async function isDatabaseReachable(db: Db, timeoutMs = 2_000): Promise<boolean> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<false>((resolve) => {
		timer = setTimeout(() => resolve(false), timeoutMs);
	});
	try {
		return await Promise.race([db.run(sql`select 1`).then(() => true), timeout]);
	} catch {
		return false;
	} finally {
		clearTimeout(timer);
	}
}
