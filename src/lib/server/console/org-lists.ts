/** Organizations and sites an organizer may manage, for the console lists and pickers. */
import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/policy';
import { loadOrgTree, organizedOrgIds } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { organizations, sites } from '../db/schema';
import { comparePinyin } from '../../format/pinyin-order';
import { dm } from '../../i18n/domain';

const KIND_LABEL: Record<string, string> = { commission: dm.console.organizationKinds.commission, lead_hospital: dm.console.organizationKinds.leadHospital, hospital: dm.console.organizationKinds.hospital, member_site: dm.console.organizationKinds.member };

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
	{ value: 'community_center', label: dm.console.siteKinds.communityCenter },
	{ value: 'community_station', label: dm.console.siteKinds.communityStation },
	{ value: 'township_clinic', label: dm.console.siteKinds.townshipClinic },
	{ value: 'village_clinic', label: dm.console.siteKinds.villageClinic },
	{ value: 'hospital', label: dm.console.organizationKinds.hospital }
] as const;
