/**
 * 200 residents post the registration form at once for the last 20 places, over real HTTP to the
 * built server: exactly 20 get a place, 180 wait, every request is answered, nobody is lost or
 * counted twice. Not a browser journey, but it needs the built server, so it runs here (once, in the
 * desktop project).
 */
import { expect, test } from '@playwright/test';
import { rush, rushResult, startRushServer, type RushServer } from '../support/registration-rush';

let server: RushServer;
test.beforeAll(async () => {
	server = await startRushServer({ capacity: 100, open: 20 });
});
test.afterAll(async () => server?.stop());

test('200 concurrent registrations for the last 20 places give 20 places and 180 on the waitlist, nothing lost', async () => {
	test.setTimeout(120_000);
	const outcome = await rush(server, 200);

	// Every resident was answered with the redirect to their own manage page: no error, no refusal.
	expect(outcome.statuses.filter((s) => s !== 303)).toEqual([]);
	expect(new Set(outcome.locations).size).toBe(200);
	for (const location of outcome.locations) expect(location).toMatch(/^\/r\/[\w-]{20,}$/);

	const result = await rushResult(server);
	expect(result).toEqual({ registered: 100, waitlisted: 180, rows: 280, distinctPhones: 280 });
});
