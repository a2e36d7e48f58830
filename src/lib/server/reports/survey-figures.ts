/**
 * 调查人数 and 健康素养水平 for the outreach report (see outreach.ts for what each counts).
 */
import { inArray, sql } from 'drizzle-orm';
import { addDays, type CalendarDate } from '../../calendar-date';
import type { DbOrTx } from '../db/client';
import { questionnaires, questionnaireVersions, sites, surveyScores, surveys } from '../db/schema';
import { SMALL_SAMPLE } from '../surveys/results';
import { scoreUnscoredSheets } from '../surveys/scores';
import { NO_SITE } from './tally';
import { dm } from '../../i18n/domain';

export interface VersionLiteracy {
	label: string;
	respondents: number;
	literate: number;
	level: number | null;
	smallSample: boolean;
}

/** China time: the submission instant's calendar date there. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * Submitted sheets of the subtree's 健康素养 surveys in the range (a lecture quiz's score or a satisfaction
 * survey is not a literacy level), counted from the scores stored at submission
 * (surveys/scores.ts) by version, site and month in one grouped query; `add` receives each group's
 * month, site, respondents and how many of them reach the threshold. Returns the per-version figures.
 */
export async function tallySurveys(
	db: DbOrTx,
	orgIds: string[],
	from: CalendarDate,
	to: CalendarDate,
	add: (month: string, site: { id: string; name: string } | null, respondents: number, literate: number) => void
): Promise<VersionLiteracy[]> {
	await scoreUnscoredSheets(db);
	const start = new Date(Date.parse(`${from}T00:00:00+08:00`));
	const end = new Date(Date.parse(`${addDays(to, 1)}T00:00:00+08:00`));
	const sc = surveyScores;
	// Counted per survey and month over the range first, reading survey_scores straight through (the
	// unary + keeps SQLite off the survey index, whose row-by-row lookups took twice as long over a
	// district year), then the few thousand groups joined to their survey, version and site.
	// A sheet with nothing scored (literate null) has no level to count: it is left out, as in results.ts.
	const groups = await db.all<{ versionId: string; title: string; version: number; siteId: string | null; siteName: string | null; month: string; respondents: number; literate: number }>(sql`
		select ${surveys.versionId} as versionId, ${questionnaireVersions.title} as title, ${questionnaireVersions.version} as version, ${sites.id} as siteId, ${sites.name} as siteName,
			g.month as month, sum(g.respondents) as respondents, sum(g.literate) as literate
		from (
			select ${sc.surveyId} as survey_id, strftime('%Y-%m', (${sc.submittedAt} + ${SHANGHAI_OFFSET_MS}) / 1000, 'unixepoch') as month,
				count(${sc.literate}) as respondents, coalesce(sum(${sc.literate}), 0) as literate
			from ${sc}
			where ${sc.submittedAt} >= ${start.getTime()} and ${sc.submittedAt} < ${end.getTime()}
			group by +${sc.surveyId}, month
		) g
		join ${surveys} on ${surveys.id} = g.survey_id
		join ${questionnaireVersions} on ${questionnaireVersions.id} = ${surveys.versionId}
		join ${questionnaires} on ${questionnaires.id} = ${questionnaireVersions.questionnaireId}
		left join ${sites} on ${sites.id} = ${surveys.siteId}
		where ${inArray(surveys.organizationId, orgIds)} and ${questionnaires.kind} = 'literacy'
		group by ${surveys.versionId}, ${sites.id}, g.month
		order by ${questionnaireVersions.title}, ${questionnaireVersions.version}`);
	const versions = new Map<string, { label: string; respondents: number; literate: number }>();
	for (const g of groups) {
		let v = versions.get(g.versionId);
		if (!v) versions.set(g.versionId, (v = { label: dm.reports.labels.version(g.title, g.version), respondents: 0, literate: 0 }));
		if (g.respondents === 0) continue;
		v.respondents += g.respondents;
		v.literate += g.literate;
		add(g.month, g.siteId ? { id: g.siteId, name: g.siteName ?? NO_SITE } : null, g.respondents, g.literate);
	}
	return [...versions.values()].map((v) => ({
		label: v.label,
		respondents: v.respondents,
		literate: v.literate,
		level: v.respondents ? v.literate / v.respondents : null,
		smallSample: v.respondents < SMALL_SAMPLE
	}));
}
