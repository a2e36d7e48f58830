/**
 * Organizers keep their sites: a new site is a member organization (成员单位) under one of theirs plus
 * the place residents visit, created together. Sites are deactivated, never deleted.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { changedFields, recordAudit, type AuditActor } from '../audit/audit';
import type { Db, DbOrTx } from '../db/client';
import { organizations, SITE_KINDS, sites } from '../db/schema';
import { invalid, notFound } from '../errors';
import { newId } from '../ids';
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

/** Creates the member organization and its site under `parentOrganizationId`, in one transaction. */
export async function createSite(db: Db, actor: AuditActor, parentOrganizationId: string, input: unknown): Promise<string> {
	const values = parseOrThrow(SiteInput, input);
	return db.transaction(async (tx) => {
		const parent = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, parentOrganizationId)).get();
		if (!parent) throw invalid('所选上级单位不存在', 'parentOrganizationId');
		const orgId = newId();
		const id = newId();
		await tx.insert(organizations).values({ id: orgId, parentId: parentOrganizationId, name: values.name, kind: 'member_site' });
		await tx.insert(sites).values({ id, organizationId: orgId, ...row(values) });
		await recordAudit(tx, actor, { action: 'site.create', objectKind: 'site', objectId: id, organizationId: orgId, after: values, summary: `新增站点：${values.name}` });
		return id;
	});
}

export async function updateSite(db: Db, actor: AuditActor, id: string, input: unknown): Promise<void> {
	const values = parseOrThrow(SiteInput, input);
	await db.transaction(async (tx) => {
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

export async function setSiteActive(db: Db, actor: AuditActor, id: string, active: boolean): Promise<void> {
	await db.transaction(async (tx) => {
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

/** One site as the console's edit form needs it; null if there is none. */
export async function findSiteRecord(db: DbOrTx, id: string) {
	return (await db.select().from(sites).where(eq(sites.id, id)).get()) ?? null;
}
