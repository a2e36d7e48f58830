/**
 * Organizers keep their sites: a new site is a member organization (成员单位) under one of theirs plus
 * the place residents visit, created together. Sites are deactivated, never deleted. Every function
 * here takes the signed-in actor and checks `site:edit` before it reads the input or the database.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { activeChangedEntry, auditTrailView, editedEntry, recordAudit } from '../audit/audit';
import { assertCan, type Actor } from '../auth/policy';
import { loadOrgTree, scopedObject } from '../auth/scope';
import type { Db, DbOrTx } from '../db/client';
import { organizations, SITE_KINDS, sites } from '../db/schema';
import { notFound } from '../errors';
import { newId } from '../ids';
import { assertChosenOrganizationInReach } from '../organizations/reach';
import { parseOrThrow } from '../validation';
import { singleLineText } from '../text/single-line';
import { dm } from '../../i18n/domain';

const optionalNumber = (label: string, min: number, max: number) =>
	z
		.string()
		.trim()
		.default('')
		.transform((v, ctx) => {
			if (v === '') return null;
			const n = Number(v);
			if (!Number.isFinite(n) || n < min || n > max) {
				ctx.addIssue({ code: 'custom', message: dm.sites.fields.outOfRange(label, min, max) });
				return z.NEVER;
			}
			return n;
		});

export const SiteInput = z.object({
	name: singleLineText(dm.sites.fields.name).min(2, dm.sites.fields.nameRequired).max(40, dm.sites.fields.nameMax),
	kind: z.enum(SITE_KINDS, { message: dm.sites.fields.chooseKind }),
	address: singleLineText(dm.sites.fields.address).min(4, dm.sites.fields.addressRequired).max(100, dm.sites.fields.addressMax),
	phone: z
		.string()
		.trim()
		.default('')
		.refine((v) => v === '' || /^[\d\-\s()（）+]{7,20}$/.test(v), dm.sites.fields.phoneInvalid),
	openingHours: singleLineText(dm.sites.fields.openingHours).max(100, dm.sites.fields.openingHoursMax).default(''),
	directions: singleLineText(dm.sites.fields.directions).max(200, dm.sites.fields.directionsMax).default(''),
	rooms: optionalNumber(dm.sites.fields.rooms, 1, 50),
	latitude: optionalNumber(dm.sites.fields.latitude, -90, 90),
	longitude: optionalNumber(dm.sites.fields.longitude, -180, 180)
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
			missing: dm.sites.errors.parentNotFound,
			outOfReach: dm.sites.errors.parentOutOfReach,
			// A member site is a center's own record: sites hang under a hospital or the commission.
			kinds: { allowed: ['commission', 'lead_hospital', 'hospital'], wrong: dm.sites.errors.parentWrongKind }
		});
		const values = parseOrThrow(SiteInput, input);
		const orgId = newId();
		const id = newId();
		await tx.insert(organizations).values({ id: orgId, parentId: parentOrganizationId, name: values.name, kind: 'member_site' });
		await tx.insert(sites).values({ id, organizationId: orgId, ...row(values) });
		await recordAudit(tx, actor, { action: 'site.create', objectKind: 'site', objectId: id, organizationId: orgId, after: values, summary: dm.sites.audit.created(values.name) });
		return id;
	});
}

/** Someone who may not edit the site gets a 403 whatever they send, never a 400 that validated it first. */
export async function updateSite(db: Db, actor: Actor, id: string, input: unknown): Promise<void> {
	await db.transaction(async (tx) => {
		await assertCanEditSite(tx, actor, id);
		const values = parseOrThrow(SiteInput, input);
		const current = await tx.select().from(sites).where(eq(sites.id, id)).get();
		if (!current) throw notFound(dm.sites.errors.siteNotFound);
		const next = row(values);
		await tx.update(sites).set(next).where(eq(sites.id, id));
		const summary = (changed: string[]) => dm.sites.audit.updated(values.name, changed.join('、') || dm.sites.audit.noChanges);
		await recordAudit(tx, actor, editedEntry('site', id, current.organizationId, current, next, summary));
	});
}

export async function setSiteActive(db: Db, actor: Actor, id: string, active: boolean): Promise<void> {
	await db.transaction(async (tx) => {
		await assertCanEditSite(tx, actor, id);
		const current = await tx.select().from(sites).where(eq(sites.id, id)).get();
		if (!current) throw notFound(dm.sites.errors.siteNotFound);
		await tx.update(sites).set({ active }).where(eq(sites.id, id));
		await recordAudit(tx, actor, activeChangedEntry('site', current, active, dm.sites.audit.activeChanged(active ? dm.sites.audit.restore : dm.sites.audit.deactivate, current.name)));
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
	if (!site) throw notFound(dm.sites.errors.siteNotFound);
	return { site, trail: await auditTrailView(db, 'site', id) };
}
