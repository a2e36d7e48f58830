/**
 * The lists an organizer picks from, limited to what they may touch: their sites; experts and
 * departments (experts may be sent to any center, so the list is district-wide).
 */
import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import { loadOrgTree, organizedOrgIds } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { departments, sites } from '../db/schema';
import { listExperts } from '../experts/experts';
import { comparePinyin } from '../../format/pinyin-order';

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
	return rows.filter((s) => allowed === null || allowed.has(s.organizationId)).sort((a, b) => comparePinyin(a.name, b.name));
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

/** Active experts, by department then name, labelled for a <select>. */
export async function expertOptions(db: DbOrTx): Promise<ExpertOption[]> {
	return (await listExperts(db))
		.filter((e) => e.active)
		.sort((a, b) => a.departmentSortOrder - b.departmentSortOrder || comparePinyin(a.name, b.name))
		.map((e) => {
			const hospital = e.hospitalShortName ?? e.hospitalName;
			return {
				id: e.id,
				name: e.name,
				title: e.title,
				departmentId: e.departmentId,
				departmentName: e.departmentName,
				hospital,
				label: `${e.name} · ${e.title} · ${e.departmentName} · ${hospital}`
			};
		});
}

export async function departmentOptions(db: DbOrTx) {
	return db.select({ id: departments.id, name: departments.name }).from(departments).orderBy(asc(departments.sortOrder));
}
