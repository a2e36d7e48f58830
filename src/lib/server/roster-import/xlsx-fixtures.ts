/**
 * Workbooks written byte by byte, for the tests and `bench/roster-bomb.ts`: writing a bomb with exceljs
 * would cost much of what reading it did, and only a hand-made zip can lie about its sizes, which is
 * an attack the reader has to survive. Never imported by the app.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
	name: string;
	data: Uint8Array;
	/** The uncompressed size the zip's headers claim, when it should lie. */
	declaredSize?: number;
}

/** A zip laid out as Excel's are: deflated entries behind local headers, then the central directory. */
export function zipEntries(entries: readonly ZipEntry[]): Uint8Array {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const compressed = deflateRawSync(entry.data, { level: 9 });
		const crc = crc32(entry.data);
		const size = entry.declaredSize ?? entry.data.byteLength;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x0800, 6); // UTF-8 names
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(compressed.byteLength, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.byteLength, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(compressed.byteLength, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(name.byteLength, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, compressed);
		centrals.push(central, name);
		offset += local.byteLength + name.byteLength + compressed.byteLength;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.byteLength, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const HEADER = ['专家', '社区卫生服务中心', '星期', '上午/下午', '开始日期'];
const EXPERTS = ['陈志明', '孙倩', '李建国', '王芳'];
const SITES = ['天星桥社区卫生服务中心', '新桥社区卫生服务中心'];
const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五'];
const SLOTS = ['上午', '下午'];
const STRINGS = [...HEADER, ...EXPERTS, ...SITES, ...WEEKDAYS, ...SLOTS, '2026-12-07'];
const at = (text: string) => STRINGS.indexOf(text);

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const column = (i: number) => String.fromCharCode(65 + i);
const sharedRow = (r: number, texts: readonly string[], note = '') =>
	`<row r="${r}">${texts.map((t, i) => `<c r="${column(i)}${r}" t="s"><v>${at(t)}</v></c>`).join('')}${
		note ? `<c r="${column(texts.length)}${r}" t="inlineStr"><is><t>${escapeXml(note)}</t></is></c>` : ''
	}</row>`;

/** A valid roster row: the experts, sites and days cycle so rows differ as real ones do. */
export const rosterRowTexts = (n: number): string[] => [
	EXPERTS[n % EXPERTS.length]!,
	SITES[n % SITES.length]!,
	WEEKDAYS[n % WEEKDAYS.length]!,
	SLOTS[n % SLOTS.length]!,
	'2026-12-07'
];

export interface RosterWorkbookOptions {
	/** Roster rows below the header. */
	rows: number;
	/** A remark repeated in a sixth column of every row (the import ignores it): it makes the XML long and the zip small. */
	note?: string;
	/** What the headers claim the worksheet unpacks to, when it should lie. */
	declaredSheetSize?: number;
}

/**
 * A roster as Excel saves it (shared strings, one worksheet). With a few hundred thousand rows it is the
 * issue's bomb: about 60 MB of worksheet XML in a zip well under the 2 MB upload limit.
 */
export function rosterWorkbook({ rows, note = '', declaredSheetSize }: RosterWorkbookOptions): Uint8Array {
	// Encoded row by row: one 54 MB string would cost the bench several times that in memory.
	const parts = [Buffer.from(xml(`<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${sharedRow(1, HEADER)}`))];
	for (let n = 0; n < rows; n++) parts.push(Buffer.from(sharedRow(n + 2, rosterRowTexts(n), note)));
	parts.push(Buffer.from('</sheetData></worksheet>'));
	const sheet = Buffer.concat(parts);
	const shared = xml(
		`<sst xmlns="${MAIN_NS}" count="${STRINGS.length}" uniqueCount="${STRINGS.length}">${STRINGS.map((s) => `<si><t>${escapeXml(s)}</t></si>`).join('')}</sst>`
	);
	const text = (s: string) => new TextEncoder().encode(s);
	return zipEntries([
		{
			name: '[Content_Types].xml',
			data: text(
				xml(
					'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
						'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
						'<Default Extension="xml" ContentType="application/xml"/>' +
						'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
						'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
						'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
						'</Types>'
				)
			)
		},
		{
			name: '_rels/.rels',
			data: text(xml(`<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
		},
		{
			name: 'xl/workbook.xml',
			data: text(xml(`<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="排班表" sheetId="1" r:id="rId1"/></sheets></workbook>`))
		},
		{
			name: 'xl/_rels/workbook.xml.rels',
			data: text(
				xml(
					`<Relationships xmlns="${PKG_REL_NS}">` +
						`<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
						`<Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
						'</Relationships>'
				)
			)
		},
		{ name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize: declaredSheetSize },
		{ name: 'xl/sharedStrings.xml', data: text(shared) }
	]);
}
