/**
 * The names a sheet can refer to — experts, sites, departments — loaded once per import, so a sheet
 * of 2,000 rows costs three queries rather than thousands.
 */
import type { DbOrTx } from '../db/client';
import { departments, sites } from '../db/schema';
import { listExperts } from '../experts/experts';
import { compactName } from './columns';

export interface DirectoryExpert {
	id: string;
	name: string;
	title: string;
	departmentId: string;
	departmentName: string;
	/** The hospital's full and short name, either of which a sheet may use to tell namesakes apart. */
	hospitalNames: string[];
	active: boolean;
}
export interface DirectorySite {
	id: string;
	name: string;
	organizationId: string;
	active: boolean;
}
export interface Directory {
	experts: DirectoryExpert[];
	sites: DirectorySite[];
	departments: { id: string; name: string }[];
}

export async function loadDirectory(db: DbOrTx): Promise<Directory> {
	const [expertRows, siteRows, departmentRows] = await Promise.all([
		listExperts(db),
		db.select({ id: sites.id, name: sites.name, organizationId: sites.organizationId, active: sites.active }).from(sites),
		db.select({ id: departments.id, name: departments.name }).from(departments)
	]);
	return {
		experts: expertRows.map((e) => ({
			id: e.id,
			name: e.name,
			title: e.title,
			departmentId: e.departmentId,
			departmentName: e.departmentName,
			hospitalNames: [e.hospitalName, e.hospitalShortName].filter((n): n is string => !!n),
			active: e.active
		})),
		sites: siteRows,
		departments: departmentRows
	};
}

export const sameName = (a: string, b: string) => compactName(a) === compactName(b);

function editDistance(a: string, b: string): number {
	const x = [...a];
	const y = [...b];
	let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
	for (let i = 1; i <= x.length; i++) {
		const current = [i];
		for (let j = 1; j <= y.length; j++) {
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
		}
		previous = current;
	}
	return previous[y.length]!;
}

/**
 * The name the organizer probably meant: the only one containing what they wrote (“新桥” → 新桥社区卫生
 * 服务中心), else the nearest by edit distance if it is close (“新桥社区卫生中心”, a typo).
 */
export function closestName(written: string, candidates: readonly string[]): string | null {
	const w = compactName(written);
	if (!w) return null;
	const containing = candidates.filter((c) => compactName(c).includes(w));
	if (containing.length === 1) return containing[0]!;
	let best: string | null = null;
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const c of candidates) {
		const d = editDistance(w, compactName(c));
		if (d < bestDistance) [best, bestDistance] = [c, d];
	}
	return bestDistance <= Math.max(1, Math.floor([...w].length / 3)) ? best : null;
}
