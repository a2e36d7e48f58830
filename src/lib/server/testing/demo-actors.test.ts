import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadActor } from '../auth/users';
import { users } from '../db/schema';
import { seedDemoData } from '../seed/seed-demo';
import { demoActors } from './demo-actors';
import { createTestDb, type TestDb } from './test-db';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
	await seedDemoData(t.db, { today: '2026-12-07' });
});
afterEach(() => t.cleanup());

describe('the demo actors tests share', () => {
	it('are exactly what sign-in builds from the seeded database', async () => {
		for (const [key, actor] of Object.entries(demoActors)) {
			const user = await t.db.select().from(users).where(eq(users.id, actor.userId)).get();
			expect(user, key).toBeDefined();
			const signedIn = await loadActor(t.db, user!);
			expect({ ...signedIn, organizerOf: [...signedIn.organizerOf].sort(), volunteerOf: [...signedIn.volunteerOf].sort() }, key).toEqual(actor);
		}
	});
});
