import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A random, unguessable id for rows that appear in public URLs (no 0/o/1/l to misread aloud). */
export function newId(length = 12): string {
	const bytes = randomBytes(length);
	let id = '';
	for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
	return id;
}
