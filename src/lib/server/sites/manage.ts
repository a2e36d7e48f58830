/**
 * Organizers keep their sites: a new site is a member organization (成员单位) under one of theirs plus
 * the place residents visit, created together. Sites are deactivated, never deleted. Every function
 * here takes the signed-in actor and checks `site:edit` before it reads the input or the database.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { auditTrailView, changedFields, recordAudit } from '../audit/audit';
import { assertCan, type Actor } from '../auth/policy';
import { loadOrgTree, scopedObject } from '../auth/scope';
import type { Db, DbOrTx } from '../db/client';
import { organizations, SITE_KINDS, sites } from '../db/schema';
import { notFound } from '../errors';
import { newId } from '../ids';
import { assertChosenOrganizationInReach } from '../organizations/reach';
import { parseOrThrow } from '../validation';
import { singleLineText } from '../text/single-line';

const optionalNumber = (label: string, min: number, max: number) =>
	z
		.string()
		.trim()
		.default('')
		.transform((v, ctx) => {
			if (v === '') return null;
			const n = Number(v);
			if (!Number.isFinite(n) || n < min || n > max) {
				ctx.addIssue({ code: 'custom', message: `${label}应在 ${min} 到 ${max} 之间` });
				return z.NEVER;
			}
			return n;
		});

export const SiteInput = z.object({
	name: singleLineText('名称').min(2, '请填写站点全称').max(40, '名称不超过 40 字'),
	kind: z.enum(SITE_KINDS, { message: '请选择站点类型' }),
	address: singleLineText('地址').min(4, '请填写详细地址，居民要按它找过来').max(100, '地址不超过 100 字'),
	phone: z
		.string()
		.trim()
		.default('')
		.refine((v) => v === '' || /^[\d\-\s()（）+]{7,20}$/.test(v), '电话格式不对，如 023-65211001'),
	openingHours: singleLineText('开放时间').max(100, '开放时间不超过 100 字').default(''),
	directions: singleLineText('交通说明').max(200, '交通说明不超过 200 字').default(''),
	rooms: optionalNumber('诊室数', 1, 50),
	latitude: optionalNumber('纬度', -90, 90),
	longitude: optionalNumber('经度', -180, 180)
});

function row(values: z.output<typeof SiteInput>) {
	return { ...values, phone: values.phone || null, openingHours: values.openingHours || null, directions: values.directions || null };
}

/**
 * Creates the member organization and its site under `parentOrganizationId`, in one transaction. The
 * parent comes from the form, so it must be one of the actor's organizations or below them.
 */
export async function createSite(db: Db, actor: Actor, parentOrganizationId: string, input: unknown): Promise<string> {
	return db.transaction(async (tx) => {
		await assertChosenOrganizationInReach(tx, await loadOrgTree(tx), actor, 'site:edit', parentOrganizationId, 'parentOrganizationId', {
			missing: '所选上级单位不存在',
			outOfReach: '只能在您负责的单位下新增站点',
			// A member site is a center's own record: sites hang under a hospital or the commission.
			kinds: { allowed: ['commission', 'lead_hospital', 'hospital'], wrong: '上级单位应为医院或卫健委，不能是另一个站点' }
		});
		const values = parseOrThrow(SiteInput, input);
		const orgId = newId();
		const id = newId();
		await tx.insert(organizations).values({ id: orgId, parentId: parentOrganizationId, name: values.name, kind: 'member_site' });
		await tx.insert(sites).values({ id, organizationId: orgId, ...row(values) });
		await recordAudit(tx, actor, { action: 'site.create', objectKind: 'site', objectId: id, organizationId: orgId, after: values, summary: `新增站点：${values.name}` });
		return id;
	});
}

/** Someone who may not edit the site gets a 403 whatever they send, never a 400 that validated it first. */
export async function updateSite(db: Db, actor: Actor, id: string, input: unknown): Promise<void> {
	await db.transaction(async (tx) => {
		await assertCanEditSite(tx, actor, id);
		const values = parseOrThrow(SiteInput, input);
		const current = await tx.select().from(sites).where(eq(sites.id, id)).get();
		if (!current) throw notFound('没有找到这个站点');
		const next = row(values);
		await tx.update(sites).set(next).where(eq(sites.id, id));
		const diff = changedFields(current as unknown as Record<string, unknown>, next);
		await recordAudit(tx, actor, {
			action: 'site.update',
			objectKind: 'site',
			objectId: id,
			organizationId: current.organizationId,
			before: diff.before,
			after: diff.after,
			summary: `修改站点：${values.name}（${Object.keys(diff.after).join('、') || '无变化'}）`
		});
	});
}

export async function setSiteActive(db: Db, actor: Actor, id: string, active: boolean): Promise<void> {
	await db.transaction(async (tx) => {
		await assertCanEditSite(tx, actor, id);
		const current = await tx.select().from(sites).where(eq(sites.id, id)).get();
		if (!current) throw notFound('没有找到这个站点');
		await tx.update(sites).set({ active }).where(eq(sites.id, id));
		await recordAudit(tx, actor, {
			action: active ? 'site.activate' : 'site.deactivate',
			objectKind: 'site',
			objectId: id,
			organizationId: current.organizationId,
			before: { active: current.active },
			after: { active },
			summary: `${active ? '恢复' : '停用'}站点：${current.name}`
		});
	});
}

/** 404 for an unknown site, 403 for one outside the actor's subtrees. */
async function assertCanEditSite(db: DbOrTx, actor: Actor, siteId: string): Promise<void> {
	assertCan(actor, 'site:edit', await scopedObject(db, await loadOrgTree(db), 'site', siteId));
}

/** One site as the console's edit form needs it, with its change history, for an actor who may edit it. */
export async function siteForEditing(db: DbOrTx, actor: Actor, id: string) {
	await assertCanEditSite(db, actor, id);
	const site = await db.select().from(sites).where(eq(sites.id, id)).get();
	if (!site) throw notFound('没有找到这个站点');
	return { site, trail: await auditTrailView(db, 'site', id) };
}
