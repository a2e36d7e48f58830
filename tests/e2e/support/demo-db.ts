/**
 * Reads the seeded e2e database the server is using, so journeys find "this week's cancelled sitting"
 * from the data itself rather than from ids copied into the test.
 */
import { eq } from 'drizzle-orm';
import { mondayOf, addDays, todayIn } from '../../../src/lib/calendar-date';
import { openDatabase } from '../../../src/lib/server/db/client';
import { departments, events, questionnaireVersions, questionnaires, sites } from '../../../src/lib/server/db/schema';
import { listSittings, type SittingView } from '../../../src/lib/server/schedule/sittings';

const E2E_DATABASE = 'file:test-results/e2e.db';

export async function withDemoDb<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
	const opened = await openDatabase({ url: E2E_DATABASE });
	try {
		return await work(opened.db);
	} finally {
		opened.close();
	}
}

export function thisWeek() {
	const monday = mondayOf(todayIn('Asia/Shanghai'));
	return { monday, sunday: addDays(monday, 6), nextMonday: addDays(monday, 7) };
}

export async function siteIdNamed(name: string): Promise<string> {
	return withDemoDb(async (db) => {
		const row = await db.select({ id: sites.id }).from(sites).where(eq(sites.name, name)).get();
		if (!row) throw new Error(`demo data has no site named ${name}`);
		return row.id;
	});
}

export async function departmentIdNamed(name: string): Promise<string> {
	return withDemoDb(async (db) => {
		const row = await db.select({ id: departments.id }).from(departments).where(eq(departments.name, name)).get();
		if (!row) throw new Error(`demo data has no department named ${name}`);
		return row.id;
	});
}

export async function sittingsThisWeek(): Promise<SittingView[]> {
	const { monday, sunday } = thisWeek();
	return withDemoDb(async (db) => (await listSittings(db, { from: monday, to: sunday })).sittings);
}

/** The organization a site belongs to (its settings page is keyed by it). */
export async function siteOrgNamed(name: string): Promise<string> {
	return withDemoDb(async (db) => {
		const row = await db.select({ id: sites.organizationId }).from(sites).where(eq(sites.name, name)).get();
		if (!row) throw new Error(`demo data has no site named ${name}`);
		return row.id;
	});
}

export async function eventIdTitled(title: string): Promise<string> {
	return withDemoDb(async (db) => {
		const row = await db.select({ id: events.id }).from(events).where(eq(events.title, title)).get();
		if (!row) throw new Error(`demo data has no event titled ${title}`);
		return row.id;
	});
}

/** A questionnaire's id and its versions' ids by number, from the seeded data. */
export async function questionnaireNamed(title: string): Promise<{ id: string; versions: Record<number, string> }> {
	return withDemoDb(async (db) => {
		const row = await db.select({ id: questionnaires.id }).from(questionnaires).where(eq(questionnaires.title, title)).get();
		if (!row) throw new Error(`demo data has no questionnaire titled ${title}`);
		const versions = await db.select({ id: questionnaireVersions.id, version: questionnaireVersions.version }).from(questionnaireVersions).where(eq(questionnaireVersions.questionnaireId, row.id));
		return { id: row.id, versions: Object.fromEntries(versions.map((v) => [v.version, v.id])) };
	});
}
