/**
 * What the console's coverage pages need from one call each: the organization the organizer acts for
 * (the address's `org` when they may see it, else their own), its targets in words with the lists the
 * form picks from, one target for its edit page, and the next weeks' shortfalls in a few lines for the
 * console home and the planning grid. Access is checked by the functions of targets.ts and outlook.ts.
 */
import { byPinyin } from '../../format/pinyin-order';
import { Forbidden, type Actor } from '../auth/policy';
import { loadOrgTree } from '../auth/scope';
import { organizationsInScope } from '../console/org-lists';
import { departmentOptions } from '../console/scope-lists';
import type { DbOrTx } from '../db/client';
import { COVERAGE_HOLIDAY_RULES, COVERAGE_TARGET_KINDS, EXPERT_TITLES } from '../db/schema';
import { listExperts } from '../experts/experts';
import { m } from '../../i18n';
import { centersOfOrganization } from './centers';
import { coverageOutlook, type OutlookRange } from './outlook';
import type { Center, CoverageRow } from './shortfalls';
import { coverageTargetForEdit, listCoverageTargets, type CoverageTargetView } from './targets';
import { dm } from '../../i18n/domain';

export interface OrganizationChoice {
	id: string;
	name: string;
}

/**
 * The organization a coverage page is about: `requested` if the actor may organize it, otherwise the
 * first one they organize (an admin starts at the top of the tree), as the report page chooses.
 */
export async function chosenOrganization(db: DbOrTx, actor: Actor, requested: string | null) {
	const organizations = await organizationsInScope(db, actor);
	const home = organizations.find((o) => o.id === requested) ?? organizations.find((o) => actor.organizerOf.includes(o.id)) ?? organizations[0];
	if (!home) throw new Forbidden(dm.coverage.errors.noOrganization);
	return { organizations: organizations.map((o) => ({ id: o.id, name: o.name })), organization: { id: home.id, name: home.name } };
}

/** What the target form offers: the organization's centers and experts, every department, and the fixed choices. */
export interface CoverageFormOptions {
	kinds: readonly (typeof COVERAGE_TARGET_KINDS)[number][];
	holidayRules: readonly (typeof COVERAGE_HOLIDAY_RULES)[number][];
	titles: readonly (typeof EXPERT_TITLES)[number][];
	centers: Center[];
	departments: { id: string; name: string }[];
	/** 陈志明 · 主任医师 · 心内科 */
	experts: { id: string; label: string }[];
}

async function formOptions(db: DbOrTx, organizationId: string): Promise<CoverageFormOptions> {
	const tree = await loadOrgTree(db);
	const own = tree.subtreeOf(organizationId);
	const [centers, departments, experts] = await Promise.all([centersOfOrganization(db, tree, organizationId), departmentOptions(db), listExperts(db)]);
	return {
		kinds: COVERAGE_TARGET_KINDS,
		holidayRules: COVERAGE_HOLIDAY_RULES,
		titles: EXPERT_TITLES,
		centers,
		departments,
		experts: experts
			.filter((e) => e.active && own.has(e.organizationId))
			.sort((a, b) => a.departmentSortOrder - b.departmentSortOrder || byPinyin.compare(a.name, b.name))
			.map((e) => ({ id: e.id, label: `${e.name} · ${e.title} · ${e.departmentName}` }))
	};
}

/** A target's fields as the form shows them before anything is typed. */
export type CoverageTargetFormValues = Record<string, string>;

function formValuesOf(target: CoverageTargetView): CoverageTargetFormValues {
	return {
		kind: target.kind,
		siteId: target.siteId ?? '',
		departmentId: target.departmentId ?? '',
		expertId: target.expertId ?? '',
		minTitle: target.minTitle ?? '',
		minimum: String(target.minimum),
		holidayRule: target.holidayRule,
		note: target.note ?? ''
	};
}

export interface CoverageTargetItem {
	id: string;
	words: string;
	holidayWords: string;
	note: string | null;
}

export interface CoverageTargetsPage {
	organizations: OrganizationChoice[];
	organization: OrganizationChoice;
	targets: CoverageTargetItem[];
	options: CoverageFormOptions;
	/** The add form's starting values: the commonest rule, 副高 days a week, pro rata. */
	blank: CoverageTargetFormValues;
	shortfalls: ShortfallBrief;
}

export async function coverageTargetsPage(db: DbOrTx, actor: Actor, requestedOrganizationId: string | null): Promise<CoverageTargetsPage> {
	const { organizations, organization } = await chosenOrganization(db, actor, requestedOrganizationId);
	const targets = await listCoverageTargets(db, actor, organization.id);
	return {
		organizations,
		organization,
		targets: targets.map((t) => ({ id: t.id, words: t.words, holidayWords: t.holidayWords, note: t.note })),
		options: await formOptions(db, organization.id),
		blank: { kind: 'site_senior_days_per_week', siteId: '', departmentId: '', expertId: '', minTitle: '副主任医师', minimum: '', holidayRule: 'pro_rata', note: '' },
		shortfalls: await shortfallBrief(db, actor, organization, targets.length)
	};
}

export interface CoverageTargetPage {
	organization: OrganizationChoice;
	target: CoverageTargetItem;
	values: CoverageTargetFormValues;
	options: CoverageFormOptions;
}

/** One target for its edit and delete views; only those who may change it see it. */
export async function coverageTargetPage(db: DbOrTx, actor: Actor, id: string): Promise<CoverageTargetPage> {
	const target = await coverageTargetForEdit(db, actor, id);
	const { organization } = await chosenOrganization(db, actor, target.organizationId);
	return {
		organization,
		target: { id: target.id, words: target.words, holidayWords: target.holidayWords, note: target.note },
		values: formValuesOf(target),
		options: await formOptions(db, target.organizationId)
	};
}

/**
 * The outlook in a few lines: one per center (or expert) and period, the period's shortfalls in words
 * after it (石井坡社区卫生服务中心 · 11月30日–12月6日：本周副高坐诊 0 天，目标 1 天).
 */
export interface ShortfallBrief {
	organization: OrganizationChoice;
	rangeLabel: string;
	targetCount: number;
	lines: { key: string; text: string }[];
	/** How many lines there are in all; `lines` may hold only the first few. */
	total: number;
	unknownHolidayYears: number[];
}

const words = m.console.coverage;

export function shortfallLines(shortfalls: CoverageRow[]): { key: string; text: string }[] {
	const lines = new Map<string, { from: string; where: string | null; period: string; words: string[] }>();
	for (const row of shortfalls) {
		const key = `${row.site?.id ?? row.expert?.id ?? ''}|${row.period.kind}|${row.period.from}`;
		const line = lines.get(key) ?? { from: row.period.from, where: row.site?.name ?? null, period: row.period.label, words: [] };
		line.words.push(row.words);
		lines.set(key, line);
	}
	return [...lines.entries()]
		.sort(([, a], [, b]) => a.from.localeCompare(b.from) || byPinyin.compare(a.where ?? '', b.where ?? ''))
		.map(([key, line]) => ({ key, text: words.shortfallLine(line.where, line.period, line.words.join('；')) }));
}

async function shortfallBrief(db: DbOrTx, actor: Actor, organization: OrganizationChoice, targetCount: number, range: OutlookRange = {}, limit?: number): Promise<ShortfallBrief> {
	const outlook = await coverageOutlook(db, actor, organization.id, range);
	const lines = shortfallLines(outlook.shortfalls);
	return {
		organization,
		rangeLabel: outlook.label,
		targetCount,
		lines: limit === undefined ? lines : lines.slice(0, limit),
		total: lines.length,
		unknownHolidayYears: outlook.unknownHolidayYears
	};
}

/** The next 4 weeks' shortfalls of the organization the organizer acts for, the first `limit` lines. */
export async function coverageShortfallsAhead(db: DbOrTx, actor: Actor, options: { limit?: number; range?: OutlookRange } = {}): Promise<ShortfallBrief> {
	const { organization } = await chosenOrganization(db, actor, null);
	const targets = await listCoverageTargets(db, actor, organization.id);
	return shortfallBrief(db, actor, organization, targets.length, options.range, options.limit);
}
