/**
 * Measures an .xlsx before exceljs is allowed near it. exceljs unpacks every entry of the zip into memory
 * and builds an object per row and cell: a 212 KB upload unpacking to 58 MB cost seconds of
 * the request thread and a gigabyte. Here each entry is inflated as a stream (zlib works on the thread
 * pool, so the request thread only looks at the chunks), the start tags of rows, cells and shared
 * strings are counted as they go by, and reading stops at the first chunk past a limit, so a bomb
 * is refused once it has shown more than a roster can hold, however large it claims or hides to be.
 */
import { createInflateRaw } from 'node:zlib';
import { entryData, readZipDirectory, type ZipEntryRecord } from './zip-directory';

export interface XlsxLimits {
	/** `<row>` elements over all worksheets, blank formatted ones included. */
	rows: number;
	/** `<c>` elements over all worksheets; also the most shared strings a workbook may hold. */
	cells: number;
	/** Unpacked bytes of any one entry. */
	entryBytes: number;
	/** Unpacked bytes of the whole zip. */
	totalBytes: number;
}

export interface XlsxCounts {
	rows: number;
	cells: number;
	sharedStrings: number;
	/** Bytes actually inflated, which is what the work done was. */
	unpackedBytes: number;
}

/**
 * `damaged`: not a zip JSZip would read, or an entry holding more than its header claims (JSZip refuses
 * those too, but only after inflating all of it). `too_many_bytes`: the directory claims too much.
 * `too_many_cells`: counted past a row, cell or string limit.
 */
export type XlsxVerdict = 'ok' | 'damaged' | 'too_many_bytes' | 'too_many_cells';

export interface XlsxInspection {
	verdict: XlsxVerdict;
	counts: XlsxCounts;
}

const LESS_THAN = 0x3c;
const COLON = 0x3a;
/** Whitespace, `>` and `/` end a tag name; a name that starts with `/` is a closing tag. */
const ENDS_NAME = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);
/** Longer than any name counted, so `<rowBreaks>` never passes for `<row>`. */
const NAME_KEPT = 4;

/**
 * Counts start tags by local name (`<row>` and `<x:row>` alike) across chunk boundaries. It does not
 * parse XML: a `<row` inside a comment counts too, which can only make a crafted file look bigger.
 */
class StartTagCounter {
	rows = 0;
	cells = 0;
	strings = 0;
	#inName = false;
	#name = '';

	feed(chunk: Uint8Array): void {
		let i = 0;
		while (i < chunk.length) {
			if (!this.#inName) {
				const next = chunk.indexOf(LESS_THAN, i);
				if (next < 0) return;
				this.#inName = true;
				this.#name = '';
				i = next + 1;
				continue;
			}
			const byte = chunk[i]!;
			if (ENDS_NAME.has(byte)) {
				this.#count();
				this.#inName = false;
			} else if (byte === COLON) {
				this.#name = '';
			} else if (this.#name.length <= NAME_KEPT) {
				this.#name += String.fromCharCode(byte);
			}
			i++;
		}
	}

	#count(): void {
		if (this.#name === 'row') this.rows++;
		else if (this.#name === 'c') this.cells++;
		else if (this.#name === 'si') this.strings++;
	}
}

const isDirectory = (entry: ZipEntryRecord) => entry.name.endsWith('/');
/** exceljs strips a leading slash before matching names. */
const partName = (entry: ZipEntryRecord) => entry.name.replace(/^\//, '');
/** Worksheets and the shared strings are where rows, cells and strings live; other parts are only sized. */
const isCounted = (entry: ZipEntryRecord) => /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/i.test(partName(entry));

/** Streams the entry to `onChunk`, stopping the inflater as soon as `onChunk` answers that a limit is passed. */
async function inflateEntry(
	data: Uint8Array,
	entry: ZipEntryRecord,
	onChunk: (chunk: Uint8Array) => boolean
): Promise<'ok' | 'damaged' | 'stopped'> {
	if (entry.method === 0) {
		if (data.byteLength !== entry.declaredSize) return 'damaged';
		return onChunk(data) ? 'stopped' : 'ok';
	}
	const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
	inflater.end(data);
	let unpacked = 0;
	try {
		for await (const chunk of inflater as AsyncIterable<Buffer>) {
			unpacked += chunk.byteLength;
			if (unpacked > entry.declaredSize) {
				inflater.destroy();
				return 'damaged';
			}
			if (onChunk(chunk)) {
				inflater.destroy();
				return 'stopped';
			}
		}
	} catch {
		return 'damaged';
	}
	return unpacked === entry.declaredSize ? 'ok' : 'damaged';
}

export async function inspectXlsx(bytes: Uint8Array, limits: XlsxLimits): Promise<XlsxInspection> {
	const counts: XlsxCounts = { rows: 0, cells: 0, sharedStrings: 0, unpackedBytes: 0 };
	const entries = readZipDirectory(bytes);
	if (!entries) return { verdict: 'damaged', counts };

	// What the directory claims is free to read, so an honest giant is refused before any inflating.
	let declared = 0;
	for (const entry of entries) {
		if (entry.declaredSize > limits.entryBytes) return { verdict: 'too_many_bytes', counts };
		declared += entry.declaredSize;
	}
	if (declared > limits.totalBytes) return { verdict: 'too_many_bytes', counts };

	for (const entry of entries) {
		if (isDirectory(entry)) continue;
		if (entry.encrypted || (entry.method !== 0 && entry.method !== 8)) return { verdict: 'damaged', counts };
		const data = entryData(bytes, entry);
		if (!data) return { verdict: 'damaged', counts };
		const tags = isCounted(entry) ? new StartTagCounter() : null;
		const before = { ...counts };
		const outcome = await inflateEntry(data, entry, (chunk) => {
			counts.unpackedBytes += chunk.byteLength;
			if (!tags) return false;
			tags.feed(chunk);
			counts.rows = before.rows + tags.rows;
			counts.cells = before.cells + tags.cells;
			counts.sharedStrings = before.sharedStrings + tags.strings;
			return counts.rows > limits.rows || counts.cells > limits.cells || counts.sharedStrings > limits.cells;
		});
		if (outcome === 'stopped') return { verdict: 'too_many_cells', counts };
		if (outcome === 'damaged') return { verdict: 'damaged', counts };
	}
	return { verdict: 'ok', counts };
}
