/**
 * What a change to sittings does to the coverage targets, asked inside the change's own transaction:
 * the targets are counted around the change (its centers, its experts, its weeks and months), the
 * change is made, they are counted again, and a target the change makes fall short (or further short)
 * is named in a 409 on `confirmCoverage`. The transaction rolls back, and the page asks “仍然保存”: a
 * target warns, it never blocks a schedule, so a confirmed change goes ahead.
 *
 * Why inside the transaction: the schedule after the change is the one SQLite holds once it is
 * written, holidays, leave and substitutes included, with no second copy of the rules to simulate it.
 */
import { inArray } from 'drizzle-orm';
import { addDays, mondayOf, type CalendarDate } from '../../calendar-date';
import { loadOrgTree } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { sites } from '../db/schema';
import { conflict } from '../errors';
import { listSittings, loadHolidayCalendar, type SittingView } from '../schedule/sittings';
import { m } from '../../i18n';
import { centersOfOrganization } from './centers';
import { countedSittings } from './outlook';
import { firstOfMonth, lastOfMonth } from './periods';
import { coverageRows, type Center, type CoverageRow } from './shortfalls';
import { targetsConcerning } from './targets';
import type { CoverageTargetView } from './targets';

/** Where a change reaches: the centers and experts whose sittings it moves, on these dates. */
export interface ChangeReach {
	siteIds: string[];
	expertIds: string[];
	dates: CalendarDate[];
}

/**
 * Makes `change` and returns what it returns, unless it makes a target fall short and `confirmed` is
 * false: then it throws the 409 that names each target and the week or month it misses.
 */
export async function warnOfShortfalls<T>(tx: DbOrTx, reach: ChangeReach, confirmed: boolean, change: () => Promise<T>): Promise<T> {
	if (confirmed || reach.dates.length === 0) return change();
	const counting = await countingAround(tx, reach);
	if (!counting) return change();
	const before = await counting.rows();
	const result = await change();
	const shortBefore = new Map(before.map((r) => [rowKey(r), r.shortfall]));
	const broken = (await counting.rows()).filter((r) => r.shortfall > (shortBefore.get(rowKey(r)) ?? 0));
	if (broken.length > 0) throw conflict(m.console.coverage.impact.warning(broken.map(shortfallLine)), 'confirmCoverage');
	return result;
}

const rowKey = (r: CoverageRow) => `${r.targetId}|${r.site?.id ?? ''}|${r.expert?.id ?? ''}|${r.period.from}`;

function shortfallLine(r: CoverageRow): string {
	return `${r.site?.name ?? r.expert?.name ?? ''} ${r.period.label}：${r.words}`;
}

/** How to count the targets concerned over the change's weeks and months; null when none concerns it. */
async function countingAround(tx: DbOrTx, reach: ChangeReach): Promise<{ rows(): Promise<CoverageRow[]> } | null> {
	const siteRows = reach.siteIds.length
		? await tx.select({ id: sites.id, name: sites.name, organizationId: sites.organizationId }).from(sites).where(inArray(sites.id, reach.siteIds))
		: [];
	const tree = await loadOrgTree(tx);
	const targets = await targetsConcerning(tx, tree, { siteOrganizationIds: siteRows.map((s) => s.organizationId), expertIds: reach.expertIds });
	if (targets.length === 0) return null;

	const sorted = [...reach.dates].sort();
	const from = mondayOf(sorted[0]!);
	const to = addDays(mondayOf(sorted.at(-1)!), 6);
	// A monthly rule is counted over its whole month, also the days outside the weeks.
	const window = { from: firstOfMonth(from), to: lastOfMonth(to) };
	const holidays = await loadHolidayCalendar(tx);
	// Each organization's rules over its own centers, and only those the change reaches.
	const byOrganization = new Map<string, CoverageTargetView[]>();
	for (const t of targets) byOrganization.set(t.organizationId, [...(byOrganization.get(t.organizationId) ?? []), t]);
	const centersOf = new Map<string, Center[]>();
	for (const organizationId of byOrganization.keys()) {
		const own = new Set((await centersOfOrganization(tx, tree, organizationId)).map((c) => c.id));
		centersOf.set(organizationId, siteRows.filter((s) => own.has(s.id)).map(({ id, name }) => ({ id, name })));
	}
	const expertIds = [...new Set(targets.flatMap((t) => (t.expertId ? [t.expertId] : [])))];

	return {
		async rows() {
			const results = await Promise.all([
				reach.siteIds.length ? listSittings(tx, { ...window, siteIds: reach.siteIds }) : null,
				...expertIds.map((expertId) => listSittings(tx, { ...window, expertId }))
			]);
			const byId = new Map<string, SittingView>();
			for (const result of results) for (const s of result?.sittings ?? []) byId.set(s.id, s);
			const sittings = await countedSittings(tx, [...byId.values()]);
			return [...byOrganization].flatMap(([organizationId, rules]) =>
				coverageRows({
					from,
					to,
					rules: rules.filter((r) => r.kind !== 'expert_sittings_per_month' || reach.expertIds.includes(r.expertId!)),
					centers: centersOf.get(organizationId) ?? [],
					sittings,
					holidays
				})
			);
		}
	};
}
