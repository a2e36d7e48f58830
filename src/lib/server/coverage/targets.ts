/**
 * Coverage targets: the 下沉 commitments an organization (a hospital, a 医共体) is measured on, kept
 * as data. Only an organizer of the owning organization (or above it) or an admin keeps them; every
 * function here takes the signed-in actor and checks that before it reads the input. A rule that
 * cannot be met or contradicts itself is refused at its field with the reason; every write is audited
 * in its own transaction.
 */
import { eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { changedFields, recordAudit, type AuditActor } from '../audit/audit';
import { assertCan, type Actor } from '../auth/policy';
import { authorize, loadOrgTree, type OrgTree } from '../auth/scope';
import type { Db, DbOrTx } from '../db/client';
import { COVERAGE_HOLIDAY_RULES, COVERAGE_TARGET_KINDS, coverageTargets, departments, EXPERT_TITLES, experts, sites } from '../db/schema';
import { DomainError, invalid, notFound } from '../errors';
import { newId } from '../ids';
import { singleLineText } from '../text/single-line';
import { parseOrThrow } from '../validation';
import { holidayRuleInWords, ruleInWords } from './rule-words';
import type { CoverageRule } from './shortfalls';
import { dm } from '../../i18n/domain';

const WEEKLY_KINDS: readonly string[] = ['site_days_per_week', 'site_senior_days_per_week'];

const optionalText = z
	.string()
	.trim()
	.nullish()
	.transform((v) => v || null);

/**
 * What the form sends. Fields a kind does not use are dropped, so a form that keeps hidden fields
 * filled in (an expert picked before the kind changed) saves a clean rule.
 */
export const CoverageTargetInput = z
	.object({
		kind: z.enum(COVERAGE_TARGET_KINDS, { message: dm.coverage.targetForm.kindRequired }),
		siteId: optionalText,
		departmentId: optionalText,
		expertId: optionalText,
		minTitle: optionalText,
		minimum: z.union([z.string().trim(), z.number()]).transform((v, ctx) => {
			const n = typeof v === 'number' ? v : v === '' ? NaN : Number(v);
			if (!Number.isInteger(n)) {
				ctx.addIssue({ code: 'custom', message: dm.coverage.targetForm.minimumInteger });
				return z.NEVER;
			}
			return n;
		}),
		holidayRule: z.enum(COVERAGE_HOLIDAY_RULES, { message: dm.coverage.targetForm.holidayRuleRequired }),
		note: singleLineText(dm.coverage.targetForm.noteField).max(100, dm.coverage.targetForm.noteTooLong).nullish()
	})
	.superRefine((v, ctx) => {
		const refuse = (field: string, message: string) => ctx.addIssue({ code: 'custom', message, path: [field] });
		if (v.minimum < 1) refuse('minimum', dm.coverage.targetForm.minimumAtLeastOne);
		else if (WEEKLY_KINDS.includes(v.kind) && v.minimum > 7) refuse('minimum', dm.coverage.targetForm.weeklyTooMany(v.minimum));
		else if (v.kind === 'department_halfdays_per_month' && v.minimum > 62) refuse('minimum', dm.coverage.targetForm.halfDaysTooMany);
		else if (v.kind === 'expert_sittings_per_month' && v.minimum > 62) refuse('minimum', dm.coverage.targetForm.sittingsTooMany);
		if (v.kind === 'site_senior_days_per_week' && v.minTitle && !(EXPERT_TITLES as readonly string[]).includes(v.minTitle)) {
			refuse('minTitle', dm.coverage.targetForm.titleUnknown(v.minTitle));
		}
		if (v.kind === 'department_halfdays_per_month') {
			if (!v.siteId) refuse('siteId', dm.coverage.targetForm.siteRequired);
			if (!v.departmentId) refuse('departmentId', dm.coverage.targetForm.departmentRequired);
		}
		if (v.kind === 'expert_sittings_per_month' && !v.expertId) refuse('expertId', dm.coverage.targetForm.expertRequired);
	})
	.transform((v) => ({
		kind: v.kind,
		siteId: v.kind === 'expert_sittings_per_month' ? null : v.siteId,
		departmentId: v.kind === 'department_halfdays_per_month' ? v.departmentId : null,
		expertId: v.kind === 'expert_sittings_per_month' ? v.expertId : null,
		minTitle: v.kind === 'site_senior_days_per_week' ? ((v.minTitle ?? '副主任医师') as (typeof EXPERT_TITLES)[number]) : null,
		minimum: v.minimum,
		holidayRule: v.holidayRule,
		note: v.note || null
	}));
export type CoverageTargetInput = z.input<typeof CoverageTargetInput>;
/** A form's fields as they arrive (all strings); parsed here, as typed input is. */
export type CoverageTargetFields = Readonly<Record<string, string | undefined>>;
type TargetValues = z.output<typeof CoverageTargetInput>;

/** A target as pages show it: its rule in words, with the names of what it is about. */
export interface CoverageTargetView extends CoverageRule {
	organizationId: string;
	siteName: string | null;
	note: string | null;
	words: string;
	holidayWords: string;
}

/** Creates a target of `organizationId`; the organization is in the URL, so it is checked first. */
export async function createCoverageTarget(db: Db, actor: Actor, organizationId: string, input: CoverageTargetInput | CoverageTargetFields): Promise<string> {
	return db.transaction(async (tx) => {
		await authorize(tx, actor, 'organization:edit', 'organization', organizationId);
		return createCoverageTargetIn(tx, actor, organizationId, input);
	});
}

/** The same inside a caller's transaction, for the demo seed and createCoverageTarget after its check. */
export async function createCoverageTargetIn(
	tx: DbOrTx,
	actor: AuditActor,
	organizationId: string,
	input: CoverageTargetInput | CoverageTargetFields,
	options: { id?: string } = {}
): Promise<string> {
	const values = parseOrThrow(CoverageTargetInput, input);
	const names = await assertInOrganization(tx, await loadOrgTree(tx), organizationId, values);
	const id = options.id ?? newId();
	await tx.insert(coverageTargets).values({ id, organizationId, ...values });
	await recordAudit(tx, actor, {
		action: 'coverage_target.create',
		objectKind: 'coverage_target',
		objectId: id,
		organizationId,
		after: values,
		summary: dm.coverage.audit.targetAdded(ruleInWords({ id, ...values, ...names }))
	});
	return id;
}

/**
 * Changes a target's rule; its organization stays, and is returned (the page goes back to its list).
 * Someone who may not edit it gets a 403 whatever they send.
 */
export async function updateCoverageTarget(db: Db, actor: Actor, id: string, input: CoverageTargetInput | CoverageTargetFields): Promise<string> {
	return db.transaction(async (tx) => {
		const tree = await loadOrgTree(tx);
		const before = await editableTarget(tx, tree, actor, id);
		const values = parseOrThrow(CoverageTargetInput, input);
		const names = await assertInOrganization(tx, tree, before.organizationId, values);
		await tx.update(coverageTargets).set(values).where(eq(coverageTargets.id, id));
		await recordAudit(tx, actor, {
			action: 'coverage_target.update',
			objectKind: 'coverage_target',
			objectId: id,
			organizationId: before.organizationId,
			...changedFields(before, values),
			summary: dm.coverage.audit.targetEdited(ruleInWords({ id, ...values, ...names }))
		});
		return before.organizationId;
	});
}

/**
 * Deletes a target and returns its organization. Nothing refers to one: the outlook and reports
 * compute from the targets there are.
 */
export async function deleteCoverageTarget(db: Db, actor: Actor, id: string): Promise<string> {
	return db.transaction(async (tx) => {
		const before = await editableTarget(tx, await loadOrgTree(tx), actor, id);
		const [view] = await targetViews(tx, eq(coverageTargets.id, id));
		await tx.delete(coverageTargets).where(eq(coverageTargets.id, id));
		await recordAudit(tx, actor, {
			action: 'coverage_target.delete',
			objectKind: 'coverage_target',
			objectId: id,
			organizationId: before.organizationId,
			before,
			summary: dm.coverage.audit.targetDeleted(view!.words)
		});
		return before.organizationId;
	});
}

/** One target for its edit page, to those who may edit it (403 to others, 404 if there is none). */
export async function coverageTargetForEdit(db: DbOrTx, actor: Actor, id: string): Promise<CoverageTargetView> {
	await editableTarget(db, await loadOrgTree(db), actor, id);
	const [view] = await targetViews(db, eq(coverageTargets.id, id));
	return view!;
}

/** The organization's own targets, for its organizers (and admins). */
export async function listCoverageTargets(db: DbOrTx, actor: Actor, organizationId: string): Promise<CoverageTargetView[]> {
	await authorize(db, actor, 'report:view', 'organization', organizationId);
	return targetViews(db, eq(coverageTargets.organizationId, organizationId));
}

/**
 * The targets a change at these centers or to these experts' sittings could break: those of the
 * centers' organizations and every organization above them, and the experts' own. Internal: the
 * caller has checked the change (coverage/impact.ts).
 */
export async function targetsConcerning(db: DbOrTx, tree: OrgTree, around: { siteOrganizationIds: string[]; expertIds: string[] }): Promise<CoverageTargetView[]> {
	const organizations = [...new Set(around.siteOrganizationIds.flatMap((id) => tree.pathOf(id)))];
	const expertIds = [...new Set(around.expertIds)];
	return targetViews(
		db,
		or(
			organizations.length ? inArray(coverageTargets.organizationId, organizations) : undefined,
			expertIds.length ? inArray(coverageTargets.expertId, expertIds) : undefined
		) ?? sql`0`
	);
}

async function targetViews(db: DbOrTx, where: SQL): Promise<CoverageTargetView[]> {
	const rows = await db
		.select({
			id: coverageTargets.id,
			organizationId: coverageTargets.organizationId,
			kind: coverageTargets.kind,
			siteId: coverageTargets.siteId,
			siteName: sites.name,
			departmentId: coverageTargets.departmentId,
			departmentName: departments.name,
			expertId: coverageTargets.expertId,
			expertName: experts.name,
			minTitle: coverageTargets.minTitle,
			minimum: coverageTargets.minimum,
			holidayRule: coverageTargets.holidayRule,
			note: coverageTargets.note
		})
		.from(coverageTargets)
		.leftJoin(sites, eq(sites.id, coverageTargets.siteId))
		.leftJoin(departments, eq(departments.id, coverageTargets.departmentId))
		.leftJoin(experts, eq(experts.id, coverageTargets.expertId))
		.where(where)
		.orderBy(coverageTargets.createdAt, coverageTargets.id);
	return rows.map((row) => ({ ...row, words: ruleInWords(row), holidayWords: holidayRuleInWords(row) }));
}

async function editableTarget(tx: DbOrTx, tree: OrgTree, actor: Actor, id: string) {
	const target = await tx.select().from(coverageTargets).where(eq(coverageTargets.id, id)).get();
	if (!target) throw notFound(dm.coverage.errors.targetNotFound);
	assertCan(actor, 'organization:edit', { kind: 'organization', orgPath: tree.pathOf(target.organizationId) });
	return target;
}

/**
 * The site, department and expert a rule names must exist (404 at the field) and the site and the
 * expert must be the organization's own (400 at the field): a target of 区人民医院 on 陈家桥's center
 * would be measured on a schedule its organizers cannot change. Returns their names for the audit line.
 */
async function assertInOrganization(tx: DbOrTx, tree: OrgTree, organizationId: string, values: TargetValues) {
	const own = tree.subtreeOf(organizationId);
	const names = { siteName: null as string | null, departmentName: null as string | null, expertName: null as string | null };
	if (values.siteId) {
		const site = await tx.select().from(sites).where(eq(sites.id, values.siteId)).get();
		if (!site) throw new DomainError('not_found', dm.coverage.errors.siteMissing, 'siteId');
		if (!own.has(site.organizationId)) throw invalid(dm.coverage.errors.siteNotOwn(site.name), 'siteId');
		if (site.kind === 'hospital') throw invalid(dm.coverage.errors.siteIsHospital, 'siteId');
		if (!site.active) throw invalid(dm.coverage.errors.siteInactive(site.name), 'siteId');
		names.siteName = site.name;
	}
	if (values.departmentId) {
		const department = await tx.select().from(departments).where(eq(departments.id, values.departmentId)).get();
		if (!department) throw new DomainError('not_found', dm.coverage.errors.departmentMissing, 'departmentId');
		names.departmentName = department.name;
	}
	if (values.expertId) {
		const expert = await tx.select().from(experts).where(eq(experts.id, values.expertId)).get();
		if (!expert) throw new DomainError('not_found', dm.coverage.errors.expertMissing, 'expertId');
		if (!own.has(expert.organizationId)) throw invalid(dm.coverage.errors.expertNotOwn(expert.name), 'expertId');
		names.expertName = expert.name;
	}
	return names;
}
