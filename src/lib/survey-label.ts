/**
 * What a survey is called where residents see it (its page, share card and poster): a satisfaction
 * survey is a 满意度调查 before or after a lecture alike, a lecture quiz run on its own a 健康知识小测验,
 * and otherwise the survey's place around a lecture (讲座前/后小测验) or a 健康素养调查.
 */
import { m } from './i18n';
import type { QUESTIONNAIRE_KINDS, SURVEY_KINDS } from './server/db/schema';

type QuestionnaireKind = (typeof QUESTIONNAIRE_KINDS)[number];
type SurveyKind = (typeof SURVEY_KINDS)[number];

export function surveyLabel(questionnaireKind: QuestionnaireKind, surveyKind: SurveyKind): string {
	if (questionnaireKind === 'satisfaction') return m.survey.satisfaction;
	if (questionnaireKind === 'lecture_quiz' && surveyKind === 'standalone') return m.survey.quiz;
	return m.survey.kinds[surveyKind] ?? '';
}
