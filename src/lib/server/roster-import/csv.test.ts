import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv } from './csv';

describe('parseCsv (RFC 4180)', () => {
	it('splits records on CRLF or LF, keeps empty fields, and needs no final line break', () => {
		expect(parseCsv('a,b,,d\r\ne,f\ng,')).toEqual([
			['a', 'b', '', 'd'],
			['e', 'f'],
			['g', '']
		]);
	});

	it('keeps delimiters, doubled quotes and line breaks inside quoted fields', () => {
		expect(parseCsv('"新桥,二楼","说""上午""",x\n"第一行\r\n第二行",y\n')).toEqual([
			['新桥,二楼', '说"上午"', 'x'],
			['第一行\r\n第二行', 'y']
		]);
	});

	it('keeps a quote inside an unquoted field as a character, as Excel does', () => {
		expect(parseCsv('5"号,b')).toEqual([['5"号', 'b']]);
	});

	it('reads tab-separated text (Excel’s “Unicode 文本”) by looking at the first line', () => {
		expect(parseCsv('专家\t星期\n陈志明\t周一, 周三\n')).toEqual([
			['专家', '星期'],
			['陈志明', '周一, 周三']
		]);
	});
});

describe('decodeCsv', () => {
	const text = '专家,社区卫生服务中心\n陈志明,天星桥社区卫生服务中心\n';

	it('reads UTF-8 with and without a byte-order mark', () => {
		const utf8 = new TextEncoder().encode(text);
		expect(decodeCsv(utf8)).toBe(text);
		expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(text);
	});

	it('falls back to GB18030 for bytes that are not UTF-8 (Excel’s default CSV on Chinese Windows)', () => {
		expect(decodeCsv(new Uint8Array(iconv.encode(text, 'gbk')))).toBe(text);
		// A character outside GBK, only GB18030 has it.
		expect(decodeCsv(new Uint8Array(iconv.encode('䶮', 'gb18030')))).toBe('䶮');
	});

	it('reads UTF-16 with a byte-order mark', () => {
		expect(decodeCsv(new Uint8Array(iconv.encode(text, 'utf16le', { addBOM: true })))).toBe(text);
	});
});
