import { describe, expect, it } from 'vitest';
import { readXlsx } from './xlsx';
import { rosterWorkbook } from './xlsx-fixtures';

const anyHeader = (cells: string[]) => cells.includes('专家');
const HEAVY = '这个 Excel 文件展开后太大，读取时超出了限度。请只保留排班表那一张工作表，删去空行空列后再导入，或另存为 .csv。';

describe('readXlsx', () => {
	const roster = rosterWorkbook({ rows: 300 });

	it('refuses a workbook that runs the reading worker out of memory, and reads the next one in a new worker', async () => {
		await expect(readXlsx(roster, anyHeader, { worker: { memoryMb: 4, timeoutMs: 20_000 } })).rejects.toMatchObject({ status: 413, message: HEAVY });
		expect((await readXlsx(roster, anyHeader)).rows).toHaveLength(301);
	});

	it('refuses a workbook the worker cannot read in time, and reads the next one in a new worker', async () => {
		await expect(readXlsx(roster, anyHeader, { worker: { memoryMb: 256, timeoutMs: 1 } })).rejects.toMatchObject({ status: 413, message: HEAVY });
		expect((await readXlsx(roster, anyHeader)).rows).toHaveLength(301);
	});

	it('reads workbooks uploaded at the same time, one after another', async () => {
		const tables = await Promise.all([100, 200, 300].map((rows) => readXlsx(rosterWorkbook({ rows }), anyHeader)));
		expect(tables.map((t) => t.rows.length)).toEqual([101, 201, 301]);
	});
});
