/**
 * Organizers keep the expert list: add, edit, deactivate. Nothing a past sitting refers to is ever
 * deleted; a deactivated expert leaves the pick lists and the public pages, and comes back the same.
 * Every function here takes the signed-in actor and checks access before it reads the input or the
 * database: `expert:edit` on the expert and on the hospital the form places them in, `department:edit`
 * (admins) for the shared department list.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { auditTrailView, changedFields, recordAudit } from '../audit/audit';
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

export const ExpertInput = z.object({
	name: singleLineText('姓名').min(1, '请填写姓名').max(20, '姓名不超过 20 字'),
	title: z.enum(EXPERT_TITLES, { message: '请选择职称' }),
	departmentId: z.string().min(1, '请选择科室'),
	organizationId: z.string().min(1, '请选择所在医院'),
	/** Typed as one line: 高血压、冠心病 (、，, or spaces between). */
	specialties: singleLineText('擅长')
		.default('')
		.transform((s) => s.split(/[、，,;；\s]+/).map((x) => x.trim()).filter(Boolean))
		.refine((list) => list.length <= 10, '擅长最多填写 10 项'),
	bio: multiLineText('简介').max(500, '简介不超过 500 字').default(''),
	/**
	 * How to reach an expert who has no account (many visiting doctors never sign in): changes to their
	 * sittings are mailed here, and the organizer is shown the phone to call. Never shown to residents.
	 */
	contactEmail: z
		.string()
		.trim()
		.toLowerCase()
		.default('')
		.refine((v) => v === '' || z.email().safeParse(v).success, '邮箱格式不对，如 lijian@hospital.example'),
	contactPhone: z
		.string()
		.trim()
		.default('')
		.refine((v) => v === '' || /^[\d\-\s()（）+]{7,20}$/.test(v), '电话格式不对，如 13812345678 或 023-65211001')
});

/** The row as stored: empty optional fields are null. */
function expertRow(values: z.output<typeof ExpertInput>) {
	return { ...values, bio: values.bio || null, contactEmail: values.contactEmail || null, contactPhone: values.contactPhone || null };
}

/** The audit log is kept for good: it notes that a phone was changed, not the number (a person's contact is not history). */
function forAudit<T extends Record<string, unknown>>(fields: T): T {
	return 'contactPhone' in fields ? { ...fields, contactPhone: fields.contactPhone ? '（已登记）' : null } : fields;
}
export type ExpertInput = z.input<typeof ExpertInput>;

/** The hospital the form names is reached through the input: it must be in the actor's reach too. */
async function checkReferences(db: DbOrTx, tree: OrgTree, actor: Actor, values: { departmentId: string; organizationId: string }) {
	await assertChosenOrganizationInReach(db, tree, actor, 'expert:edit', values.organizationId, 'organizationId', {
		missing: '所选医院不存在',
		outOfReach: '只能把专家放在您负责的医院',
		kinds: { allowed: ['lead_hospital', 'hospital'], wrong: '专家应属于一家医院' }
	});
	const department = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, values.departmentId)).get();
	if (!department) throw invalid('所选科室不存在', 'departmentId');
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
			summary: `添加专家：${values.name} ${values.title}`
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
		if (!current) throw notFound('没有找到这位专家');
		const next = expertRow(values);
		await tx.update(experts).set(next).where(eq(experts.id, id));
		const diff = changedFields(current as unknown as Record<string, unknown>, next);
		await recordAudit(tx, actor, {
			action: 'expert.update',
			objectKind: 'expert',
			objectId: id,
			organizationId: values.organizationId,
			before: forAudit(diff.before),
			after: forAudit(diff.after),
			summary: `修改专家资料：${values.name}（${Object.keys(diff.after).join('、') || '无变化'}）`
		});
	});
}

export async function setExpertActive(db: Db, actor: Actor, id: string, active: boolean): Promise<void> {
	await db.transaction(async (tx) => {
		await assertCanEditExpert(tx, await loadOrgTree(tx), actor, id);
		const current = await tx.select().from(experts).where(eq(experts.id, id)).get();
		if (!current) throw notFound('没有找到这位专家');
		await tx.update(experts).set({ active }).where(eq(experts.id, id));
		await recordAudit(tx, actor, {
			action: active ? 'expert.activate' : 'expert.deactivate',
			objectKind: 'expert',
			objectId: id,
			organizationId: current.organizationId,
			before: { active: current.active },
			after: { active },
			summary: `${active ? '恢复' : '停用'}专家：${current.name}`
		});
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

export const DepartmentInput = z.object({ name: singleLineText('科室名称').min(2, '请填写科室名称，如 心内科').max(20, '科室名称不超过 20 字') });

function assertCanEditDepartments(actor: Actor): void {
	if (!can(actor, 'department:edit')) throw new Forbidden('只有系统管理员可以维护科室。');
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
		if (clash && clash.id !== id) throw invalid(`已有名为“${name}”的科室`, 'name');
		const current = id ? await tx.select().from(departments).where(eq(departments.id, id)).get() : null;
		if (id && !current) throw notFound('没有找到这个科室');
		const departmentId = id ?? newId();
		if (current) await tx.update(departments).set({ name }).where(eq(departments.id, departmentId));
		else await tx.insert(departments).values({ id: departmentId, name, sortOrder: 1000 });
		await recordAudit(tx, actor, {
			action: current ? 'department.rename' : 'department.create',
			objectKind: 'department',
			objectId: departmentId,
			before: current ? { name: current.name } : null,
			after: { name },
			summary: current ? `科室改名：${current.name} → ${name}` : `新增科室：${name}`
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
	if (!expert) throw notFound('没有找到这位专家');
	return { expert, trail: await auditTrailView(db, 'expert', id) };
}
