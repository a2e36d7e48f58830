import { afterEach, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { departments } from './schema';
import { inList } from './in-list';
import { createTestDb, type TestDb } from '../testing/test-db';
import { makeDepartment } from '../testing/factories';

let test: TestDb;
afterEach(() => test?.cleanup());

describe('inList', () => {
	it('finds the rows whose column is one of the values, however many values there are', async () => {
		test = await createTestDb();
		const made = [await makeDepartment(test.db, '心内科'), await makeDepartment(test.db, '康复科'), await makeDepartment(test.db, '眼科')];
		const wanted = [made[0]!.id, made[2]!.id].sort();
		const values = [...wanted, 'no-such-department', ...Array.from({ length: 3000 }, (_, i) => `x${i}`)];
		const found = await test.db.select({ id: departments.id }).from(departments).where(inList(departments.id, values)).orderBy(asc(departments.id));
		expect(found.map((d) => d.id)).toEqual(wanted);
		expect(await test.db.select({ id: departments.id }).from(departments).where(inList(departments.id, []))).toEqual([]);
	});

	it('takes values with quotes and backslashes as they are', async () => {
		test = await createTestDb();
		const odd = `it's "odd" \\ ]`;
		await test.db.insert(departments).values({ id: odd, name: '怪名' });
		await makeDepartment(test.db, '心内科');
		const found = await test.db.select({ id: departments.id }).from(departments).where(inList(departments.id, [odd]));
		expect(found.map((d) => d.id)).toEqual([odd]);
	});
});
