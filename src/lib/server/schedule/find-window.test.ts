import { describe, expect, it } from 'vitest';
import { m } from '../../i18n';
import { isDomainError } from '../errors';
import { FIND_MAX_DAYS, findWindow, laterWindowQuery, type FindWindowQuery } from './find-window';

// 2026-12-07 is a Monday; 12-13 the Sunday of that week.
const MONDAY = '2026-12-07';
const WEDNESDAY = '2026-12-09';
const SUNDAY = '2026-12-13';

const ask = (query: Partial<FindWindowQuery>): FindWindowQuery => ({ when: null, date: null, from: null, to: null, week: null, ...query });

function failureOf(work: () => unknown): { message: string; status: number } {
	try {
		work();
	} catch (e) {
		if (isDomainError(e)) return { message: e.message, status: e.status };
		throw e;
	}
	throw new Error('expected a DomainError');
}

describe('the days 找专家 searches', () => {
	it('searches from today to Sunday by default, so on a Monday it includes Tuesday', () => {
		expect(findWindow(ask({}), MONDAY)).toEqual({ choice: 'this-week', from: MONDAY, to: SUNDAY, date: null, adjusted: null });
		expect(findWindow(ask({}), WEDNESDAY)).toMatchObject({ from: WEDNESDAY, to: SUNDAY });
		expect(findWindow(ask({ when: 'this-week' }), SUNDAY)).toMatchObject({ choice: 'this-week', from: SUNDAY, to: SUNDAY });
	});

	it('takes 下周 as Monday to Sunday of the following week, also when asked on a Sunday', () => {
		expect(findWindow(ask({ when: 'next-week' }), MONDAY)).toMatchObject({ choice: 'next-week', from: '2026-12-14', to: '2026-12-20' });
		expect(findWindow(ask({ when: 'next-week' }), SUNDAY)).toMatchObject({ from: '2026-12-14', to: '2026-12-20' });
	});

	it('takes 选日期 as the picked day and the six after it, across a month and a year', () => {
		expect(findWindow(ask({ when: 'date', date: '2026-12-10' }), MONDAY)).toEqual({
			choice: 'date',
			from: '2026-12-10',
			to: '2026-12-16',
			date: '2026-12-10',
			adjusted: null
		});
		expect(findWindow(ask({ date: '2026-12-29' }), MONDAY)).toMatchObject({ choice: 'date', from: '2026-12-29', to: '2027-01-04' });
	});

	it('lets the ticked choice win over a date left in the field', () => {
		expect(findWindow(ask({ when: 'this-week', date: '2026-12-20' }), MONDAY)).toMatchObject({ choice: 'this-week', from: MONDAY, to: SUNDAY, date: null });
		expect(findWindow(ask({ when: 'next-week', date: '2026-12-28' }), MONDAY)).toMatchObject({ choice: 'next-week', from: '2026-12-14' });
	});

	it('shows this week and says so when 选日期 comes without a date', () => {
		expect(findWindow(ask({ when: 'date' }), WEDNESDAY)).toEqual({ choice: 'this-week', from: WEDNESDAY, to: SUNDAY, date: null, adjusted: 'no-date' });
	});

	it('ignores a choice it does not know, as if there were none', () => {
		expect(findWindow(ask({ when: 'tomorrow' }), MONDAY)).toMatchObject({ choice: 'this-week', from: MONDAY, to: SUNDAY });
	});

	it('never searches days already gone: a passed range falls back to this week and says why', () => {
		expect(findWindow(ask({ when: 'date', date: '2026-11-20' }), WEDNESDAY)).toEqual({ choice: 'this-week', from: WEDNESDAY, to: SUNDAY, date: null, adjusted: 'past' });
		expect(findWindow(ask({ from: '2026-11-30', to: '2026-12-06' }), MONDAY)).toMatchObject({ from: MONDAY, adjusted: 'past' });
		// Partly gone: the rest of it, from today, and the date field says so (it takes no past date).
		expect(findWindow(ask({ when: 'date', date: MONDAY }), WEDNESDAY)).toMatchObject({ choice: 'date', from: WEDNESDAY, to: SUNDAY, date: WEDNESDAY, adjusted: null });
	});

	describe('links made before the choices', () => {
		it('answers a from/to range, reading it as 本周 or 下周 when it is exactly that', () => {
			expect(findWindow(ask({ from: '2026-12-14', to: '2026-12-20' }), MONDAY)).toMatchObject({ choice: 'next-week', from: '2026-12-14', to: '2026-12-20' });
			// Last Monday's "this week" link, opened on Wednesday: the rest of the week.
			expect(findWindow(ask({ from: MONDAY, to: SUNDAY }), WEDNESDAY)).toMatchObject({ choice: 'this-week', from: WEDNESDAY, to: SUNDAY });
			expect(findWindow(ask({ from: '2026-12-15', to: '2026-12-24' }), MONDAY)).toMatchObject({ choice: 'date', from: '2026-12-15', to: '2026-12-24', date: '2026-12-15' });
		});

		it('answers from alone with a week from it, and to alone from today', () => {
			expect(findWindow(ask({ from: '2026-12-14' }), MONDAY)).toMatchObject({ from: '2026-12-14', to: '2026-12-20' });
			expect(findWindow(ask({ to: '2026-12-10' }), MONDAY)).toMatchObject({ from: MONDAY, to: '2026-12-10' });
		});

		it('answers one day (a day’s full list) with that day', () => {
			expect(findWindow(ask({ from: '2026-12-10', to: '2026-12-10' }), MONDAY)).toMatchObject({ from: '2026-12-10', to: '2026-12-10' });
		});

		it('answers week= as that week, Monday to Sunday, from today when it is this one', () => {
			expect(findWindow(ask({ week: '2026-12-16' }), MONDAY)).toMatchObject({ choice: 'next-week', from: '2026-12-14', to: '2026-12-20' });
			expect(findWindow(ask({ week: '2026-12-08' }), WEDNESDAY)).toMatchObject({ choice: 'this-week', from: WEDNESDAY, to: SUNDAY });
			expect(findWindow(ask({ week: '2026-11-25' }), MONDAY)).toMatchObject({ choice: 'this-week', adjusted: 'past' });
		});

		it('refuses a reversed or too long range with a Chinese message and a 400', () => {
			expect(failureOf(() => findWindow(ask({ from: '2026-12-10', to: '2026-12-01' }), MONDAY))).toEqual({ message: m.errors.rangeReversed, status: 400 });
			const tooLong = failureOf(() => findWindow(ask({ from: '2026-12-10', to: '2027-01-10' }), MONDAY));
			expect(tooLong).toEqual({ message: m.errors.rangeTooLong(FIND_MAX_DAYS), status: 400 });
			expect(tooLong.message).toMatch(/^[^A-Za-z]*$/);
			expect(findWindow(ask({ from: '2026-12-10', to: '2027-01-09' }), MONDAY)).toMatchObject({ to: '2027-01-09' });
		});
	});

	it('links on from 本周 to 下周, and from any other week to the seven days after it', () => {
		expect(laterWindowQuery(findWindow(ask({}), SUNDAY))).toEqual({ when: 'next-week' });
		expect(laterWindowQuery(findWindow(ask({ when: 'next-week' }), MONDAY))).toEqual({ when: 'date', date: '2026-12-21' });
		expect(laterWindowQuery(findWindow(ask({ date: '2026-12-29' }), MONDAY))).toEqual({ when: 'date', date: '2027-01-05' });
	});
});
