/**
 * Organizers keep the expert list: add, edit, deactivate. Nothing a past sitting refers to is ever
 * deleted; a deactivated expert leaves the pick lists and the public pages, and comes back the same.
 * Every function here takes the signed-in actor and checks access before it reads the input or the
 * database: `expert:edit` on the expert and on the hospital the form places them in, `department:edit`
 * (admins) for the shared department list.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { activeChangedEntry, auditTrailView, editedEntry, recordAudit } from '../audit/audit';
import { assertCan, can, Forbidden, type Actor } from '../auth/policy';
import { loadOrgTree, organizedOrgIds, scopedObject, type OrgTree } from '../auth/scope';
import { departmentOptions } from '../console/scope-lists';
import type { Db, DbOrTx } from '../db/client';
import { departments, EXPERT_TITLES, experts } from '../db/schema';
import { listExperts } from './experts';
import { invalid, notFound } from '../errors';
import { newId } from '../ids';
import { assertChosenOrganizationInReach } from '../organizations/reach';
import { parseOrThrow } from '../validation';
import { singleLineText, multiLineText } from '../text/single-line';
import { comparePinyin } from '../../format/pinyin-order';
import { dm } from '../../i18n/domain';

export const ExpertInput = z.object({
	name: singleLineText(dm.experts.fields.name).min(1, dm.experts.fields.nameRequired).max(20, dm.experts.fields.nameMax),
	title: z.enum(EXPERT_TITLES, { message: dm.experts.fields.chooseTitle }),
	departmentId: z.string().min(1, dm.experts.fields.chooseDepartment),
	organizationId: z.string().min(1, dm.experts.fields.chooseHospital),
	/** Typed as one line: 高血压、冠心病 (、，, or spaces between). */
	specialties: singleLineText(dm.experts.fields.specialties)
		.default('')
		.transform((s) => s.split(/[、，,;；\s]+/).map((x) => x.trim()).filter(Boolean))
		.refine((list) => list.length <= 10, dm.experts.fields.specialtiesMax),
	bio: multiLineText(dm.experts.fields.bio).max(500, dm.experts.fields.bioMax).default(''),
	/**
	 * How to reach an expert who has no account (many visiting doctors never sign in): changes to their
	 * sittings are mailed here, and the organizer is shown the phone to call. Never shown to residents.
	 */
	contactEmail: z
		.string()
		.trim()
		.toLowerCase()
		.default('')
		.refine((v) => v === '' || z.email().safeParse(v).success, dm.experts.fields.emailInvalid),
	contactPhone: z
		.string()
		.trim()
		.default('')
		.refine((v) => v === '' || /^[\d\-\s()（）+]{7,20}$/.test(v), dm.experts.fields.phoneInvalid)
});

/** The row as stored: empty optional fields are null. */
function expertRow(values: z.output<typeof ExpertInput>) {
	return { ...values, bio: values.bio || null, contactEmail: values.contactEmail || null, contactPhone: values.contactPhone || null };
}

/** The audit log is kept for good: it notes that a phone was changed, not the number (a person's contact is not history). */
function forAudit<T extends Record<string, unknown>>(fields: T): T {
	return 'contactPhone' in fields ? { ...fields, contactPhone: fields.contactPhone ? dm.experts.labels.phoneOnFile : null } : fields;
}
export type ExpertInput = z.input<typeof ExpertInput>;

/** The hospital the form names is reached through the input: it must be in the actor's reach too. */
async function checkReferences(db: DbOrTx, tree: OrgTree, actor: Actor, values: { departmentId: string; organizationId: string }) {
	await assertChosenOrganizationInReach(db, tree, actor, 'expert:edit', values.organizationId, 'organizationId', {
		missing: dm.experts.errors.hospitalNotFound,
		outOfReach: dm.experts.errors.hospitalOutOfReach,
		kinds: { allowed: ['lead_hospital', 'hospital'], wrong: dm.experts.errors.hospitalWrongKind }
	});
	const department = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, values.departmentId)).get();
	if (!department) throw invalid(dm.experts.errors.departmentNotFound, 'departmentId');
}

/** 404 for an unknown expert, 403 for one whose hospital is outside the actor's subtrees. */
async function assertCanEditExpert(db: DbOrTx, tree: OrgTree, actor: Actor, expertId: string): Promise<void> {
	assertCan(actor, 'expert:edit', await scopedObject(db, tree, 'expert', expertId));
}

/** `input` is validated here, whatever the caller: a form's strings are fine. */
export async function createExpert(db: Db, actor: Actor, input: ExpertInput | Record<string, string>): Promise<string> {
	const values = parseOrThrow(ExpertInput, input);
	return db.transaction(async (tx) => {
		await checkReferences(tx, await loadOrgTree(tx), actor, values);
		const id = newId();
		await tx.insert(experts).values({ id, ...expertRow(values) });
		await recordAudit(tx, actor, {
			action: 'expert.create',
			objectKind: 'expert',
			objectId: id,
			organizationId: values.organizationId,
			after: forAudit(values),
			summary: dm.experts.audit.created(values.name, values.title)
		});
		return id;
	});
}

/** Moving an expert to another hospital needs `expert:edit` on both: the one they leave and the one they join. */
export async function updateExpert(db: Db, actor: Actor, id: string, input: ExpertInput | Record<string, string>): Promise<void> {
	await db.transaction(async (tx) => {
		const tree = await loadOrgTree(tx);
		await assertCanEditExpert(tx, tree, actor, id);
		const values = parseOrThrow(ExpertInput, input);
		await checkReferences(tx, tree, actor, values);
		const current = await tx.select().from(experts).where(eq(experts.id, id)).get();
		if (!current) throw notFound(dm.experts.errors.expertNotFound);
		const next = expertRow(values);
		await tx.update(experts).set(next).where(eq(experts.id, id));
		const summary = (changed: string[]) => dm.experts.audit.updated(values.name, changed.join('、') || dm.experts.audit.noChanges);
		await recordAudit(tx, actor, editedEntry('expert', id, values.organizationId, current, next, summary, forAudit));
	});
}

export async function setExpertActive(db: Db, actor: Actor, id: string, active: boolean): Promise<void> {
	await db.transaction(async (tx) => {
		await assertCanEditExpert(tx, await loadOrgTree(tx), actor, id);
		const current = await tx.select().from(experts).where(eq(experts.id, id)).get();
		if (!current) throw notFound(dm.experts.errors.expertNotFound);
		await tx.update(experts).set({ active }).where(eq(experts.id, id));
		await recordAudit(tx, actor, activeChangedEntry('expert', current, active, dm.experts.audit.activeChanged(active ? dm.experts.audit.restore : dm.experts.audit.deactivate, current.name)));
	});
}

/**
 * The console's expert list: experts of the hospitals this actor organizes (all for an admin, none for
 * anyone else), active first, inactive ones included, which the public pages never show.
 */
export async function expertsForConsole(db: DbOrTx, actor: Actor) {
	const organizationIds = organizedOrgIds(actor, await loadOrgTree(db));
	return (await listExperts(db))
		.filter((e) => organizationIds === null || organizationIds.has(e.organizationId))
		.map((e) => ({ id: e.id, name: e.name, title: e.title, department: e.departmentName, hospital: e.hospitalName, organizationId: e.organizationId, active: e.active }))
		.sort((a, b) => Number(b.active) - Number(a.active) || comparePinyin(a.department, b.department) || comparePinyin(a.name, b.name));
}

export const DepartmentInput = z.object({ name: singleLineText(dm.experts.fields.departmentName).min(2, dm.experts.fields.departmentNameRequired).max(20, dm.experts.fields.departmentNameMax) });

function assertCanEditDepartments(actor: Actor): void {
	if (!can(actor, 'department:edit')) throw new Forbidden(dm.experts.errors.departmentsAdminOnly);
}

/** The department list as the admin's editing page shows it. */
export async function departmentsForEditing(db: DbOrTx, actor: Actor) {
	assertCanEditDepartments(actor);
	return departmentOptions(db);
}

/** Departments are shared district-wide: an admin adds or renames them; names stay unique. */
export async function saveDepartment(db: Db, actor: Actor, id: string | null, input: unknown): Promise<string> {
	assertCanEditDepartments(actor);
	const { name } = parseOrThrow(DepartmentInput, input);
	return db.transaction(async (tx) => {
		const clash = await tx.select({ id: departments.id }).from(departments).where(eq(departments.name, name)).get();
		if (clash && clash.id !== id) throw invalid(dm.experts.errors.departmentNameTaken(name), 'name');
		const current = id ? await tx.select().from(departments).where(eq(departments.id, id)).get() : null;
		if (id && !current) throw notFound(dm.experts.errors.departmentNotFoundById);
		const departmentId = id ?? newId();
		if (current) await tx.update(departments).set({ name }).where(eq(departments.id, departmentId));
		else await tx.insert(departments).values({ id: departmentId, name, sortOrder: 1000 });
		await recordAudit(tx, actor, {
			action: current ? 'department.rename' : 'department.create',
			objectKind: 'department',
			objectId: departmentId,
			before: current ? { name: current.name } : null,
			after: { name },
			summary: current ? dm.experts.audit.departmentRenamed(current.name, name) : dm.experts.audit.departmentCreated(name)
		});
		return departmentId;
	});
}

async function findExpertRecord(db: DbOrTx, id: string) {
	return (await db.select().from(experts).where(eq(experts.id, id)).get()) ?? null;
}

/** An expert's department, as their public page shows it (so no access check); null if there is no such expert. */
export async function departmentOfExpert(db: DbOrTx, id: string): Promise<string | null> {
	return (await db.select({ departmentId: experts.departmentId }).from(experts).where(eq(experts.id, id)).get())?.departmentId ?? null;
}

/** One expert as the console's edit form needs it, with their change history, for an actor who may edit them. */
export async function expertForEditing(db: DbOrTx, actor: Actor, id: string) {
	await assertCanEditExpert(db, await loadOrgTree(db), actor, id);
	const expert = await findExpertRecord(db, id);
	if (!expert) throw notFound(dm.experts.errors.expertNotFound);
	return { expert, trail: await auditTrailView(db, 'expert', id) };
}
