/** Organizations and sites an organizer may manage, for the console lists and pickers. */
import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import { loadOrgTree, organizedOrgIds } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { organizations, sites } from '../db/schema';
import { comparePinyin } from '../../format/pinyin-order';

const KIND_LABEL: Record<string, string> = { commission: '卫健委', lead_hospital: '医共体总院', hospital: '医院', member_site: '成员单位' };

export async function organizationsInScope(db: DbOrTx, actor: Actor) {
	const allowed = organizedOrgIds(actor, await loadOrgTree(db));
	const rows = await db.select().from(organizations);
	return rows
		.filter((o) => allowed === null || allowed.has(o.id))
		.map((o) => ({ id: o.id, name: o.name, kind: o.kind, kindLabel: KIND_LABEL[o.kind] ?? o.kind }))
		.sort((a, b) => a.kind.localeCompare(b.kind) || comparePinyin(a.name, b.name));
}

export async function sitesForConsole(db: DbOrTx, actor: Actor) {
	const allowed = organizedOrgIds(actor, await loadOrgTree(db));
	const rows = await db
		.select({ id: sites.id, name: sites.name, address: sites.address, active: sites.active, organizationId: sites.organizationId, rooms: sites.rooms })
		.from(sites)
		.innerJoin(organizations, eq(organizations.id, sites.organizationId));
	return rows.filter((s) => allowed === null || allowed.has(s.organizationId)).sort((a, b) => Number(b.active) - Number(a.active) || comparePinyin(a.name, b.name));
}

export const SITE_KIND_OPTIONS = [
	{ value: 'community_center', label: '社区卫生服务中心' },
	{ value: 'community_station', label: '社区卫生服务站' },
	{ value: 'township_clinic', label: '乡镇卫生院' },
	{ value: 'village_clinic', label: '村卫生室' },
	{ value: 'hospital', label: '医院' }
] as const;
