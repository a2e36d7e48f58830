import { describe, expect, it } from 'vitest';
import { surveyLabel } from './survey-label';

describe('what a survey is called', () => {
	it('says what the questionnaire is for, and where a quiz stands around its lecture', () => {
		expect(surveyLabel('satisfaction', 'post')).toBe('满意度调查');
		expect(surveyLabel('satisfaction', 'standalone')).toBe('满意度调查');
		expect(surveyLabel('lecture_quiz', 'pre')).toBe('讲座前小测验');
		expect(surveyLabel('lecture_quiz', 'standalone')).toBe('健康知识小测验');
		expect(surveyLabel('literacy', 'standalone')).toBe('健康素养调查');
		expect(surveyLabel('literacy', 'post')).toBe('讲座后小测验');
	});
});
