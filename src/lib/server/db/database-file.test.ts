import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFilePath } from './database-file';

describe('databaseFilePath', () => {
	it('resolves a relative file: URL against the working folder and drops the query', () => {
		expect(databaseFilePath('file:data/yizhen.db?mode=rwc')).toBe(resolve('data/yizhen.db'));
	});

	it('reads an absolute file:// URL', () => {
		expect(databaseFilePath('file:///srv/yizhen/yizhen.db')).toBe('/srv/yizhen/yizhen.db');
	});

	it('has no file for a libSQL server or an in-memory database', () => {
		expect(databaseFilePath('libsql://yizhen.example.org')).toBeNull();
		expect(databaseFilePath('http://127.0.0.1:8080')).toBeNull();
		expect(databaseFilePath('file::memory:')).toBeNull();
	});
});
