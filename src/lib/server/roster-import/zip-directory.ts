/**
 * The entries of a zip as its central directory lists them, read without inflating anything. These are
 * the records JSZip (inside exceljs) goes by: names, methods and compressed sizes from the central
 * directory, where the data starts from each local header. So what xlsx-inspect.ts measures is exactly
 * what exceljs would unpack.
 */

export interface ZipEntryRecord {
	name: string;
	/** 0 stored, 8 deflated: the only two JSZip reads. */
	method: number;
	encrypted: boolean;
	compressedSize: number;
	/**
	 * The unpacked size the directory claims. A crafted zip may claim less than it holds, so the claim
	 * is a cheap first refusal and a ceiling enforced while inflating, never a measurement.
	 */
	declaredSize: number;
	localHeaderOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** A ZIP64 marker: the real value is elsewhere, and no roster needs 4 GB. */
const ZIP64 = 0xffffffff;

/** null when the bytes are not a zip this reader understands. */
export function readZipDirectory(bytes: Uint8Array): ZipEntryRecord[] | null {
	if (bytes.length < 22) return null;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	// The end record sits last, after a comment of at most 64 KB.
	let end = -1;
	for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
		if (view.getUint32(i, true) === END_OF_DIRECTORY) {
			end = i;
			break;
		}
	}
	if (end < 0) return null;
	const count = view.getUint16(end + 10, true);
	let offset = view.getUint32(end + 16, true);
	const names = new TextDecoder();
	const entries: ZipEntryRecord[] = [];
	for (let n = 0; n < count; n++) {
		if (offset + 46 > bytes.length || view.getUint32(offset, true) !== DIRECTORY_ENTRY) return null;
		const nameLength = view.getUint16(offset + 28, true);
		const next = offset + 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
		if (next > bytes.length) return null;
		const declared = view.getUint32(offset + 24, true);
		entries.push({
			name: names.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
			method: view.getUint16(offset + 10, true),
			encrypted: (view.getUint16(offset + 8, true) & 1) === 1,
			compressedSize: view.getUint32(offset + 20, true),
			declaredSize: declared === ZIP64 ? Number.POSITIVE_INFINITY : declared,
			localHeaderOffset: view.getUint32(offset + 42, true)
		});
		offset = next;
	}
	return entries;
}

/** The entry's compressed bytes, found through its local header; null when the header is not there. */
export function entryData(bytes: Uint8Array, entry: ZipEntryRecord): Uint8Array | null {
	const at = entry.localHeaderOffset;
	if (at + 30 > bytes.length) return null;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (view.getUint32(at, true) !== LOCAL_HEADER) return null;
	const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
	const endOfData = start + entry.compressedSize;
	return endOfData > bytes.length ? null : bytes.subarray(start, endOfData);
}
