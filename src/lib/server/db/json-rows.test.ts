import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { departments, experts, rotations } from './schema';
import { selectJsonRows } from './json-rows';
import { sql } from 'drizzle-orm';
import { demoDbForEachTest } from '../testing/demo-db';

const t = demoDbForEachTest('2026-12-07');

describe('rows read as one JSON value', () => {
	it('are the rows drizzle’s own select returns, with booleans, nulls and numbers as drizzle maps them', async () => {
		const fields = {
			id: rotations.id,
			rrule: rotations.rrule,
			validUntil: rotations.validUntil,
			quota: rotations.quota,
			countSwapDays: rotations.countSwapDays,
			active: rotations.active
		};
		// One rotation made unusual, so a false boolean and a number are among the rows compared.
		const [first] = await t.db.select({ id: rotations.id }).from(rotations).limit(1);
		await t.db.update(rotations).set({ countSwapDays: false, quota: 12, validUntil: '2027-06-30' }).where(eq(rotations.id, first!.id));
		const where = and(eq(rotations.active, true));
		const drizzleRows = await t.db.select(fields).from(rotations).where(where).orderBy(rotations.id);
		const jsonRows = (await selectJsonRows(t.db, fields, rotations, where)).sort((a, b) => (a.id < b.id ? -1 : 1));
		expect(drizzleRows.length).toBeGreaterThan(3);
		expect(jsonRows).toEqual(drizzleRows);
		expect(jsonRows.find((r) => r.id === first!.id)).toMatchObject({ countSwapDays: false, quota: 12, validUntil: '2027-06-30' });
	});

	it('reads across a join, and gives an empty list for no rows', async () => {
		const fields = { id: experts.id, name: experts.name, department: departments.name };
		const from = sql`${experts} inner join ${departments} on ${eq(departments.id, experts.departmentId)}`;
		const ids = (await t.db.select({ id: experts.id }).from(experts).limit(3)).map((e) => e.id);
		const joined = await selectJsonRows(t.db, fields, from, inArray(experts.id, ids));
		const expected = await t.db.select(fields).from(experts).innerJoin(departments, eq(departments.id, experts.departmentId)).where(inArray(experts.id, ids));
		expect(joined.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(expected.sort((a, b) => (a.id < b.id ? -1 : 1)));
		expect(await selectJsonRows(t.db, fields, from, inArray(experts.id, ['nobody']))).toEqual([]);
	});
});
