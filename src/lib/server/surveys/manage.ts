/**
 * What organizers may pick from when they start a survey in the console: published questionnaires,
 * their own lectures and sites. Starting it, with its access checks, is `createSurvey` in surveys.ts.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { addDays, type CalendarDate } from '../../calendar-date';
import type { Actor } from '../auth/policy';
import { loadOrgTree, organizedOrgIds } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { events, questionnaireVersions, questionnaires, sites } from '../db/schema';
import { comparePinyin } from '../../format/pinyin-order';
import { dm } from '../../i18n/domain';

export interface SurveyFormOptions {
	versions: { id: string; label: string }[];
	lectures: { id: string; label: string }[];
	sites: { id: string; name: string }[];
}

/**
 * Published versions of questionnaires owned up or down the actor's branch of the tree (a district's
 * questionnaire serves every hospital under it), archived ones left out; lectures from a month ago to three months ahead and
 * the active sites, both of the actor's own subtree.
 */
export async function surveyFormOptions(db: DbOrTx, actor: Actor, today: CalendarDate): Promise<SurveyFormOptions> {
	const tree = await loadOrgTree(db);
	const scope = organizedOrgIds(actor, tree);
	const related = scope === null ? null : new Set([...scope, ...actor.organizerOf.flatMap((id) => tree.pathOf(id))]);
	const versions = await db
		.select({ id: questionnaireVersions.id, title: questionnaireVersions.title, version: questionnaireVersions.version, organizationId: questionnaires.organizationId })
		.from(questionnaireVersions)
		.innerJoin(questionnaires, eq(questionnaires.id, questionnaireVersions.questionnaireId))
		.where(and(eq(questionnaireVersions.status, 'published'), isNull(questionnaires.archivedAt)))
		.orderBy(asc(questionnaireVersions.title), desc(questionnaireVersions.version));
	if (scope && scope.size === 0) return { versions: [], lectures: [], sites: [] };
	const lectures = await db
		.select({ id: events.id, title: events.title, date: events.date, organizationId: events.organizationId })
		.from(events)
		.where(
			and(
				eq(events.kind, 'lecture'),
				eq(events.status, 'scheduled'),
				gte(events.date, addDays(today, -30)),
				lte(events.date, addDays(today, 90)),
				scope ? inArray(events.organizationId, [...scope]) : undefined
			)
		)
		.orderBy(asc(events.date));
	const siteRows = await db
		.select({ id: sites.id, name: sites.name })
		.from(sites)
		.where(and(eq(sites.active, true), scope ? inArray(sites.organizationId, [...scope]) : undefined));
	return {
		versions: versions.filter((v) => related === null || related.has(v.organizationId)).map((v) => ({ id: v.id, label: dm.surveys.labels.versionOption(v.title, v.version) })),
		lectures: lectures.map((l) => ({ id: l.id, label: `${l.date} ${l.title}` })),
		sites: siteRows.sort((a, b) => comparePinyin(a.name, b.name))
	};
}
