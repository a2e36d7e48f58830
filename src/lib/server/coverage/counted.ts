/**
 * Expanded sittings (schedule/sittings.ts expandSittings: no names, unsorted) as coverage targets count
 * them: by who actually sits, with a substitute's own title and department (as outlook.ts
 * countedSittings does for named sittings). Reading the title of each expert who sits once is much
 * cheaper than naming every sitting: a district's four weeks are some 10,000 sittings, a year 100,000.
 */
import type { DbOrTx } from '../db/client';
import { inList } from '../db/in-list';
import { selectJsonRows } from '../db/json-rows';
import { experts } from '../db/schema';
import type { Sitting } from '../schedule/expand';
import type { CountedSitting } from './shortfalls';

export interface SittingExpert {
	id: string;
	name: string;
	title: string;
	departmentId: string;
}

/** The experts who sit at these sittings (and those of `also`), by id. */
export async function expertsWhoSit(db: DbOrTx, sittings: readonly Sitting[], also: readonly string[] = []): Promise<Map<string, SittingExpert>> {
	const ids = [...new Set([...sittings.map((s) => s.expertId), ...also])];
	const rows: SittingExpert[] = await selectJsonRows(db, { id: experts.id, name: experts.name, title: experts.title, departmentId: experts.departmentId }, experts, inList(experts.id, ids));
	return new Map(rows.map((e) => [e.id, e]));
}

/** One sitting as a target counts it; `status` is the sitting's own unless the caller counts it as held. Pure. */
export function countedSitting(s: Sitting, who: SittingExpert | undefined, status: Sitting['status'] = s.status): CountedSitting {
	return {
		date: s.date,
		startTime: s.startTime,
		endTime: s.endTime,
		siteId: s.siteId,
		status,
		expertId: s.expertId,
		title: who?.title ?? '',
		// A substitute counts in their own department, as they count by their own title.
		departmentId: (s.substituted ? who?.departmentId : undefined) ?? s.departmentId
	};
}

/**
 * Expansions that may overlap (a center's sittings and a ruled expert's) as one list, each sitting
 * once. Only the smaller lists' ids are held in a set, since the first (a district's centers) is
 * the bulk and repeats nothing of its own.
 */
export function withoutRepeats([bulk, ...others]: Sitting[][]): Sitting[] {
	const seen = new Set<string>();
	const rest: Sitting[] = [];
	for (const list of others) {
		for (const s of list) {
			if (seen.has(s.id)) continue;
			seen.add(s.id);
			rest.push(s);
		}
	}
	if (seen.size === 0) return bulk ?? [];
	return [...(bulk ?? []).filter((s) => !seen.has(s.id)), ...rest];
}
