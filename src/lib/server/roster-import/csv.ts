/**
 * CSV as organizers' Excel saves it. Parsed here rather than with exceljs's `csv.read`, which turns
 * cells that look like numbers or dates into JavaScript numbers and Dates (“08” becomes 8, a date
 * becomes a midnight in the server's time zone) — the sheet's text is what the organizer meant.
 */

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
	return prefix.every((b, i) => bytes[i] === b);
}

/**
 * UTF-8 with or without BOM; UTF-16 when it has a BOM (Excel's “Unicode 文本”); otherwise GB18030,
 * a superset of the GBK that Excel on Chinese Windows uses for “CSV (逗号分隔)”.
 */
export function decodeCsv(bytes: Uint8Array): string {
	if (startsWith(bytes, UTF8_BOM)) return new TextDecoder('utf-8').decode(bytes.subarray(3));
	if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
	if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('gb18030').decode(bytes);
	}
}

/** Comma, unless the first line is clearly tab- or semicolon-separated (Unicode text, some locales). */
function sniffDelimiter(text: string): string {
	const firstLine = text.slice(0, text.search(/\r|\n|$/));
	const count = (c: string) => firstLine.split(c).length - 1;
	const candidates = [',', '\t', ';'].map((c) => ({ c, n: count(c) }));
	const best = candidates.reduce((a, b) => (b.n > a.n ? b : a));
	return best.n > 0 ? best.c : ',';
}

/**
 * RFC 4180: a field that starts with a quote may hold delimiters, line breaks and doubled quotes.
 * Leniently, a quote inside an unquoted field is kept as a character, as Excel does.
 */
export function parseCsv(text: string, delimiter = sniffDelimiter(text)): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	let fieldStart = true;
	const endField = () => {
		row.push(field);
		field = '';
		fieldStart = true;
	};
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c !== '"') field += c;
			else if (text[i + 1] === '"') {
				field += '"';
				i++;
			} else quoted = false;
			continue;
		}
		if (c === '"' && fieldStart) {
			quoted = true;
			fieldStart = false;
		} else if (c === delimiter) endField();
		else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			endField();
			rows.push(row);
			row = [];
		} else {
			field += c;
			fieldStart = false;
		}
	}
	// The last record needs no line break after it.
	if (field !== '' || row.length > 0 || !fieldStart) {
		endField();
		rows.push(row);
	}
	return rows;
}
