/** How a coverage target reads to an organizer: 每个中心每周副高级以上专家坐诊不少于 1 天. Pure. */
import { m } from '../../i18n';
import type { CoverageRule } from './shortfalls';

const words = m.console.coverage;

export function ruleInWords(rule: CoverageRule & { siteName: string | null }): string {
	const where = rule.siteName ?? words.everyCenter;
	switch (rule.kind) {
		case 'site_days_per_week':
			return words.siteDaysRule(where, rule.minimum);
		case 'site_senior_days_per_week':
			return words.seniorDaysRule(where, words.titleLong[rule.minTitle ?? '副主任医师'], rule.minimum);
		case 'department_halfdays_per_month':
			return words.departmentHalfDaysRule(where, rule.departmentName ?? '', rule.minimum);
		case 'expert_sittings_per_month':
			return words.expertSittingsRule(rule.expertName ?? '', rule.minimum);
	}
}

export function holidayRuleInWords(rule: Pick<CoverageRule, 'holidayRule'>): string {
	return words.holidayRules[rule.holidayRule];
}
