import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes';

describe('formatBytes', () => {
	it('says sizes in the unit people read them in', () => {
		expect(formatBytes(812)).toBe('812 B');
		expect(formatBytes(4300)).toBe('4.2 KB');
		expect(formatBytes(35.7 * 1024 * 1024)).toBe('36 MB');
		expect(formatBytes(1.25 * 1024 ** 3)).toBe('1.3 GB');
	});
});
