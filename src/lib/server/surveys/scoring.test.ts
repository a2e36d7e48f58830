import { describe, expect, it } from 'vitest';
import { isCorrect, nationalPoints, reachesThreshold, scoreResponse, type ScoredItem } from './scoring';

/**
 * Ten points, worked by hand:
 *   基本知识和理念   t1 判断 1 (科学健康观)  s1 单选 1 (传染病防治)  m1 多选 2 (慢性病防治)   = 4
 *   健康生活方式与行为 t2 判断 1 (慢性病防治)  m2 多选 2 (健康信息)                        = 3
 *   基本技能         s3 单选 1 (基本医疗)    m3 多选 2 (安全与急救)                        = 3
 */
const ITEMS: ScoredItem[] = [
	{ id: 't1', kind: 'true_false', answerKey: ['T'], points: 1, aspect: '基本知识和理念', category: '科学健康观' },
	{ id: 's1', kind: 'single_choice', answerKey: ['B'], points: 1, aspect: '基本知识和理念', category: '传染病防治' },
	{ id: 'm1', kind: 'multiple_choice', answerKey: ['A', 'C'], points: 2, aspect: '基本知识和理念', category: '慢性病防治' },
	{ id: 't2', kind: 'true_false', answerKey: ['F'], points: 1, aspect: '健康生活方式与行为', category: '慢性病防治' },
	{ id: 'm2', kind: 'multiple_choice', answerKey: ['A', 'B', 'D'], points: 2, aspect: '健康生活方式与行为', category: '健康信息' },
	{ id: 's3', kind: 'single_choice', answerKey: ['C'], points: 1, aspect: '基本技能', category: '基本医疗' },
	{ id: 'm3', kind: 'multiple_choice', answerKey: ['B', 'C'], points: 2, aspect: '基本技能', category: '安全与急救' }
];
const ALL_RIGHT: Record<string, string[]> = { t1: ['T'], s1: ['B'], m1: ['A', 'C'], t2: ['F'], m2: ['A', 'B', 'D'], s3: ['C'], m3: ['B', 'C'] };
const sheet = (changes: Record<string, string[] | null> = {}) => {
	const answers = new Map(Object.entries(ALL_RIGHT));
	for (const [id, chosen] of Object.entries(changes)) {
		if (chosen === null) answers.delete(id);
		else answers.set(id, chosen);
	}
	return answers;
};

describe('the national scoring method', () => {
	it('gives true/false and single choice 1 point and multiple choice 2, as the monitoring does', () => {
		expect(nationalPoints('true_false')).toBe(1);
		expect(nationalPoints('single_choice')).toBe(1);
		expect(nationalPoints('multiple_choice')).toBe(2);
	});

	it('scores a multiple-choice item only when exactly the keyed options are chosen: partial answers score 0', () => {
		const m1 = ITEMS[2]!;
		expect(isCorrect(m1, ['C', 'A'])).toBe(true);
		expect(isCorrect(m1, ['A'])).toBe(false); // one right option missing
		expect(isCorrect(m1, ['A', 'B', 'C'])).toBe(false); // a wrong option added
		expect(isCorrect(m1, [])).toBe(false);
		// Choosing A only on m1: 10 − 2 = 8, not 9 — there is no half credit.
		const result = scoreResponse(ITEMS, sheet({ m1: ['A'] }));
		expect(result.score).toBe(8);
		expect(result.correct.m1).toBe(false);
		expect(result.byCategory['慢性病防治']).toEqual({ score: 1, full: 3, literate: false });
	});

	it('counts a respondent exactly at 80% of the full score as literate, and one point below as not', () => {
		// t1 and s1 wrong: 8 of 10 = 80%.
		const at = scoreResponse(ITEMS, sheet({ t1: ['F'], s1: ['A'] }));
		expect(at).toMatchObject({ score: 8, full: 10, literate: true });
		// m1 half right and t2 wrong: 7 of 10.
		const below = scoreResponse(ITEMS, sheet({ m1: ['C'], t2: ['T'] }));
		expect(below).toMatchObject({ score: 7, full: 10, literate: false });
		expect(reachesThreshold(4, 5)).toBe(true);
		expect(reachesThreshold(79, 100)).toBe(false);
		expect(reachesThreshold(0, 0)).toBeNull();
	});

	it('judges each aspect and each category against 80% of its own full score', () => {
		const at = scoreResponse(ITEMS, sheet({ t1: ['F'], s1: ['A'] }));
		expect(at.byAspect).toEqual({
			基本知识和理念: { score: 2, full: 4, literate: false },
			健康生活方式与行为: { score: 3, full: 3, literate: true },
			基本技能: { score: 3, full: 3, literate: true }
		});
		expect(at.byCategory).toEqual({
			科学健康观: { score: 0, full: 1, literate: false },
			传染病防治: { score: 0, full: 1, literate: false },
			慢性病防治: { score: 3, full: 3, literate: true },
			安全与急救: { score: 2, full: 2, literate: true },
			基本医疗: { score: 1, full: 1, literate: true },
			健康信息: { score: 2, full: 2, literate: true }
		});
		const below = scoreResponse(ITEMS, sheet({ m1: ['C'], t2: ['T'] }));
		expect(below.byAspect['健康生活方式与行为']).toEqual({ score: 2, full: 3, literate: false });
		expect(below.byCategory['慢性病防治']).toEqual({ score: 0, full: 3, literate: false });
	});

	it('puts a part exactly at 80% on the literate side: 4 of 5 in one aspect and category', () => {
		const five: ScoredItem[] = [1, 2, 3, 4, 5].map((n) => ({
			id: `k${n}`,
			kind: 'true_false',
			answerKey: ['T'],
			points: 1,
			aspect: '基本技能',
			category: '安全与急救'
		}));
		const four = scoreResponse(five, new Map([['k1', ['T']], ['k2', ['T']], ['k3', ['T']], ['k4', ['T']], ['k5', ['F']]]));
		expect(four.byAspect['基本技能']).toEqual({ score: 4, full: 5, literate: true });
		expect(four.byCategory['安全与急救']).toEqual({ score: 4, full: 5, literate: true });
		// A part with no items is not judged at all, rather than judged "not literate".
		expect(four.byAspect['基本知识和理念']).toEqual({ score: 0, full: 0, literate: null });
		const three = scoreResponse(five, new Map([['k1', ['T']], ['k2', ['T']], ['k3', ['T']]]));
		expect(three.byCategory['安全与急救']).toEqual({ score: 3, full: 5, literate: false });
	});

	it('scores an unanswered item 0 and ignores answers to items the questionnaire does not have', () => {
		const result = scoreResponse(ITEMS, sheet({ m3: null, stray: ['A'] }));
		expect(result.score).toBe(8);
		expect(Object.keys(result.correct)).not.toContain('stray');
	});
});
