/** Sites residents visit (community health service centers, township clinics, hospitals). */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { organizations, sites } from '../db/schema';
import { comparePinyin } from '../../format/pinyin-order';

export const RESIDENT_SITE_KINDS = ['community_center', 'community_station', 'township_clinic', 'village_clinic'] as const;

export interface SiteSummary {
	id: string;
	name: string;
	district: string | null;
	address: string;
}

export interface SiteDetail extends SiteSummary {
	kind: string;
	phone: string | null;
	openingHours: string | null;
	directions: string | null;
	timeZone: string;
	latitude: number | null;
	longitude: number | null;
	organizationName: string;
	/** 高德地图 link when the site has coordinates. */
	mapUrl: string | null;
}

/** The centers a resident chooses from, by name. */
export async function listResidentSites(db: DbOrTx): Promise<SiteSummary[]> {
	const rows = await db
		.select({ id: sites.id, name: sites.name, district: sites.district, address: sites.address })
		.from(sites)
		.where(and(eq(sites.active, true), inArray(sites.kind, [...RESIDENT_SITE_KINDS])))
		.orderBy(asc(sites.name));
	return rows.sort((a, b) => comparePinyin(a.name, b.name));
}

export async function findSite(db: DbOrTx, id: string): Promise<SiteDetail | null> {
	const row = await db
		.select({
			id: sites.id,
			name: sites.name,
			kind: sites.kind,
			district: sites.district,
			address: sites.address,
			phone: sites.phone,
			openingHours: sites.openingHours,
			directions: sites.directions,
			timeZone: sites.timeZone,
			latitude: sites.latitude,
			longitude: sites.longitude,
			active: sites.active,
			organizationName: organizations.name
		})
		.from(sites)
		.innerJoin(organizations, eq(organizations.id, sites.organizationId))
		.where(eq(sites.id, id))
		.get();
	if (!row || !row.active) return null;
	const { active: _active, ...detail } = row;
	return { ...detail, mapUrl: mapUrl(detail) };
}

/**
 * A link that opens the site in 高德地图 (its web page, or the app when installed): the map most
 * residents' phones have. Only a link the resident taps; nothing is fetched from a map service.
 * Coordinates are taken as entered (GCJ-02, as Chinese map pickers give them).
 */
export function mapUrl(site: { name: string; latitude: number | null; longitude: number | null }): string | null {
	if (site.latitude === null || site.longitude === null) return null;
	const params = new URLSearchParams({ position: `${site.longitude},${site.latitude}`, name: site.name, coordinate: 'gaode', callnative: '1' });
	return `https://uri.amap.com/marker?${params}`;
}
