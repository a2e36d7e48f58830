/**
 * Writes docs/samples/roster-sample.xlsx from roster-sample.csv: the same rows in the downloadable
 * template (its dropdowns and 填写说明 sheet, without its grey example rows), with dates and times as
 * real Excel date and time cells and 号源 as numbers, as a sheet typed in Excel has them. Run
 * `npx tsx docs/samples/make-roster-sample-xlsx.ts` after editing the CSV; import.test.ts holds the two
 * files to the same rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { columnOfHeader, type ColumnKey } from '../../src/lib/server/roster-import/columns';
import { decodeCsv, parseCsv } from '../../src/lib/server/roster-import/csv';
import { parseSheetDate, parseSheetTime } from '../../src/lib/server/roster-import/formats';
import { buildRosterTemplate, type TemplateRow } from '../../src/lib/server/roster-import/template';

const here = new URL('.', import.meta.url);
const [header, ...lines] = parseCsv(decodeCsv(readFileSync(new URL('roster-sample.csv', here)))).filter((r) => r.some((c) => c.trim() !== ''));
const keys = header!.map((label) => {
	const key = columnOfHeader(label);
	if (!key) throw new Error(`roster-sample.csv: unknown column “${label}”`);
	return key;
});

/** A cell as Excel stores what was typed: dates at UTC midnight, times on Excel's day zero. */
function cell(key: ColumnKey, text: string): string | number | Date | undefined {
	if (text === '') return undefined;
	if (key === 'validFrom' || key === 'validUntil') return new Date(`${parseSheetDate(text)}T00:00:00Z`);
	if (key === 'startTime' || key === 'endTime') return new Date(`1899-12-30T${parseSheetTime(text)}:00Z`);
	if (key === 'quota') return Number(text);
	return text;
}

const rows: TemplateRow[] = lines.map((line) => Object.fromEntries(keys.map((key, i) => [key, cell(key, (line[i] ?? '').trim())])));
writeFileSync(new URL('roster-sample.xlsx', here), new Uint8Array(await buildRosterTemplate({ today: '2026-11-25', rows })));
console.log(`roster-sample.xlsx: ${rows.length} rows`);
