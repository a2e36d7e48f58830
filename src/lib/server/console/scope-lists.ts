/**
 * The lists an organizer picks from, limited to what they may touch: their sites; experts and
 * departments (experts may be sent to any center, so the list is district-wide).
 */
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import { loadOrgTree, organizedOrgIds } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { departments, experts, organizations, sites } from '../db/schema';

export interface ScopedSite {
	id: string;
	name: string;
	organizationId: string;
	rooms: number | null;
}

export async function sitesInScope(db: DbOrTx, actor: Actor): Promise<ScopedSite[]> {
	const allowed = organizedOrgIds(actor, await loadOrgTree(db));
	const rows = await db
		.select({ id: sites.id, name: sites.name, organizationId: sites.organizationId, rooms: sites.rooms })
		.from(sites)
		.where(eq(sites.active, true))
		.orderBy(asc(sites.name));
	return rows.filter((s) => allowed === null || allowed.has(s.organizationId)).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export interface ExpertOption {
	id: string;
	name: string;
	title: string;
	departmentId: string;
	departmentName: string;
	hospital: string;
	/** 陈志明 · 主任医师 · 心内科 · 区人民医院 */
	label: string;
}

export async function expertOptions(db: DbOrTx): Promise<ExpertOption[]> {
	const rows = await db
		.select({
			id: experts.id,
			name: experts.name,
			title: experts.title,
			departmentId: experts.departmentId,
			departmentName: departments.name,
			hospital: organizations.shortName,
			hospitalName: organizations.name,
			sortOrder: departments.sortOrder
		})
		.from(experts)
		.innerJoin(departments, eq(departments.id, experts.departmentId))
		.innerJoin(organizations, eq(organizations.id, experts.organizationId))
		.where(eq(experts.active, true));
	return rows
		.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'))
		.map((r) => {
			const hospital = r.hospital ?? r.hospitalName;
			return {
				id: r.id,
				name: r.name,
				title: r.title,
				departmentId: r.departmentId,
				departmentName: r.departmentName,
				hospital,
				label: `${r.name} · ${r.title} · ${r.departmentName} · ${hospital}`
			};
		});
}

export async function departmentOptions(db: DbOrTx) {
	return db.select({ id: departments.id, name: departments.name }).from(departments).orderBy(asc(departments.sortOrder));
}
