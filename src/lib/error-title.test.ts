import { describe, expect, it } from 'vitest';
import { m } from '$lib/i18n';
import { errorTitle, errorWhatToDo } from './error-title';

describe('the error page’s heading and advice', () => {
	it('calls a refused page 无权访问 and says what to do about it', () => {
		expect(errorTitle(403)).toBe('无权访问');
		expect(errorWhatToDo(403, '这个页面只对组织者开放。')).toBe('请用有权限的账号登录，或联系本单位管理员。');
	});

	it('keeps other statuses’ headings, and gives no account advice where another account would not help', () => {
		expect(errorTitle(405)).toBe('无法完成这个操作');
		expect(errorTitle(404)).toBe('页面不存在');
		// A form sent from another site: its own message says to go back and fill it in again.
		expect(errorWhatToDo(403, m.errors.crossSiteForm)).toBeNull();
		expect(errorWhatToDo(404, '没有找到这位专家。')).toBeNull();
		expect(errorWhatToDo(500, undefined)).toBeNull();
	});
});
