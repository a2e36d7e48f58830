/**
 * The centers an organization's targets are measured at: the active sites of its 医共体 subtree where
 * experts go down to (下沉). A hospital's own outpatient site is where they come from, so it is left out.
 */
import { and, eq, ne } from 'drizzle-orm';
import { byPinyin } from '../../format/pinyin-order';
import type { OrgTree } from '../auth/scope';
import type { DbOrTx } from '../db/client';
import { inList } from '../db/in-list';
import { selectJsonRows } from '../db/json-rows';
import { sites } from '../db/schema';
import type { Center } from './shortfalls';

export async function centersOfOrganization(db: DbOrTx, tree: OrgTree, organizationId: string): Promise<Center[]> {
	const rows = await selectJsonRows(db, { id: sites.id, name: sites.name }, sites, and(inList(sites.organizationId, [...tree.subtreeOf(organizationId)]), eq(sites.active, true), ne(sites.kind, 'hospital')));
	return rows.sort((a, b) => byPinyin.compare(a.name, b.name));
}
