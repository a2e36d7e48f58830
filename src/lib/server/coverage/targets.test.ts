import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, coverageTargets, departments } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { demoActors } from '../testing/demo-actors';
import { createCoverageTarget, deleteCoverageTarget, listCoverageTargets, updateCoverageTarget, type CoverageTargetInput } from './targets';
import { demoDbForEachTest } from '../testing/demo-db';

/** 区人民医院's organizer; 陈家桥医院's organizer runs none of its centers. */
const { rmOrganizer: organizer, cjqOrganizer: outsider, admin } = demoActors;
const rm = demoId('org:rm');
const xinqiao = demoId('site:xinqiao');

const t = demoDbForEachTest('2026-11-25');

const targetRows = () => t.db.select().from(coverageTargets);
const auditRows = () => t.db.select().from(auditLog).where(eq(auditLog.objectKind, 'coverage_target'));
const seniorDays: CoverageTargetInput = { kind: 'site_senior_days_per_week', minTitle: '副主任医师', minimum: '1', holidayRule: 'exempt', siteId: xinqiao };

describe('keeping coverage targets', () => {
	it('creates, changes, lists and deletes a target, each change audited', async () => {
		const id = await createCoverageTarget(t.db, organizer, rm, seniorDays);
		const listed = (await listCoverageTargets(t.db, organizer, rm)).find((v) => v.id === id);
		expect(listed).toMatchObject({ kind: 'site_senior_days_per_week', minimum: 1, siteName: '新桥社区卫生服务中心', words: '新桥社区卫生服务中心每周副高级以上专家坐诊不少于 1 天' });
		expect(listed!.holidayWords).toBe('有法定节假日的周或月不考核');

		await updateCoverageTarget(t.db, organizer, id, { ...seniorDays, minimum: 2, siteId: '' });
		const changed = (await listCoverageTargets(t.db, organizer, rm)).find((v) => v.id === id);
		expect(changed).toMatchObject({ minimum: 2, siteId: null, words: '每个中心每周副高级以上专家坐诊不少于 2 天' });

		await deleteCoverageTarget(t.db, admin, id);
		expect((await listCoverageTargets(t.db, organizer, rm)).some((v) => v.id === id)).toBe(false);
		const trail = (await auditRows()).filter((a) => a.objectId === id);
		expect(trail.map((a) => a.action).sort()).toEqual(['coverage_target.create', 'coverage_target.delete', 'coverage_target.update']);
		expect(trail.find((a) => a.action === 'coverage_target.update')).toMatchObject({ before: { minimum: 1, siteId: xinqiao }, after: { minimum: 2, siteId: null }, organizationId: rm });
	});

	it('keeps only the fields a kind uses, and a department rule names its center and department', async () => {
		const kangfu = (await t.db.select().from(departments).where(eq(departments.name, '康复科')).get())!;
		const id = await createCoverageTarget(t.db, organizer, rm, {
			kind: 'department_halfdays_per_month',
			siteId: xinqiao,
			departmentId: kangfu.id,
			expertId: demoId('expert:chenzhiming'),
			minTitle: '主任医师',
			minimum: 8,
			holidayRule: 'pro_rata'
		});
		const row = (await targetRows()).find((r) => r.id === id);
		expect(row).toMatchObject({ siteId: xinqiao, departmentId: kangfu.id, expertId: null, minTitle: null, minimum: 8 });
	});
});

describe('who may keep a target', () => {
	it('refuses another hospital’s organizer a 403 on every call, before reading the form, and changes nothing', async () => {
		const id = await createCoverageTarget(t.db, organizer, rm, seniorDays);
		const [rows, audit] = [await targetRows(), await auditRows()];
		await expect(createCoverageTarget(t.db, outsider, rm, seniorDays)).rejects.toMatchObject({ status: 403 });
		await expect(createCoverageTarget(t.db, outsider, rm, {} as CoverageTargetInput)).rejects.toMatchObject({ status: 403 });
		await expect(updateCoverageTarget(t.db, outsider, id, { ...seniorDays, minimum: 3 })).rejects.toMatchObject({ status: 403 });
		await expect(updateCoverageTarget(t.db, outsider, id, {} as CoverageTargetInput)).rejects.toMatchObject({ status: 403 });
		await expect(deleteCoverageTarget(t.db, outsider, id)).rejects.toMatchObject({ status: 403 });
		await expect(listCoverageTargets(t.db, outsider, rm)).rejects.toMatchObject({ status: 403 });
		await expect(createCoverageTarget(t.db, demoActors.expert, rm, seniorDays)).rejects.toMatchObject({ status: 403 });
		expect(await targetRows()).toEqual(rows);
		expect(await auditRows()).toEqual(audit);
	});

	it('answers 404 for a target or an organization that does not exist', async () => {
		await expect(updateCoverageTarget(t.db, organizer, 'nope', seniorDays)).rejects.toMatchObject({ status: 404 });
		await expect(deleteCoverageTarget(t.db, organizer, 'nope')).rejects.toMatchObject({ status: 404 });
		await expect(createCoverageTarget(t.db, organizer, 'nope', seniorDays)).rejects.toMatchObject({ status: 404 });
	});
});

describe('a rule that cannot be met or contradicts itself', () => {
	const siteDays: CoverageTargetInput = { kind: 'site_days_per_week', minimum: '2', holidayRule: 'pro_rata' };
	const cases: [string, CoverageTargetInput, string, number, RegExp][] = [
		['8 days a week', { ...siteDays, minimum: '8' }, 'minimum', 400, /一周只有 7 天/],
		['no days at all', { ...siteDays, minimum: '0' }, 'minimum', 400, /至少为 1/],
		['half a day', { ...siteDays, minimum: '1.5' }, 'minimum', 400, /整数/],
		['63 half-days a month', { kind: 'department_halfdays_per_month', siteId: xinqiao, departmentId: demoId('department:康复科'), minimum: 63, holidayRule: 'pro_rata' }, 'minimum', 400, /62 个半天/],
		['a title that does not exist', { ...seniorDays, minTitle: '院士' }, 'minTitle', 400, /没有“院士”这个职称/],
		['an unknown kind', { ...siteDays, kind: 'site_nights' as 'site_days_per_week' }, 'kind', 400, /目标类型/],
		['an unknown holiday rule', { ...siteDays, holidayRule: 'ignore' as 'exempt' }, 'holidayRule', 400, /节假日/],
		['a department rule with no department', { kind: 'department_halfdays_per_month', siteId: xinqiao, minimum: 4, holidayRule: 'pro_rata' }, 'departmentId', 400, /科室/],
		['an expert rule with no expert', { kind: 'expert_sittings_per_month', minimum: 4, holidayRule: 'pro_rata' }, 'expertId', 400, /专家/],
		['another hospital’s center', { ...siteDays, siteId: demoId('site:fenghuang') }, 'siteId', 400, /凤凰社区卫生服务中心不属于本单位/],
		['a center that does not exist', { ...siteDays, siteId: 'nope' }, 'siteId', 404, /不存在/],
		['a department that does not exist', { kind: 'department_halfdays_per_month', siteId: xinqiao, departmentId: 'nope', minimum: 4, holidayRule: 'pro_rata' }, 'departmentId', 404, /不存在/],
		['another hospital’s expert', { kind: 'expert_sittings_per_month', expertId: demoId('expert:zhaolei'), minimum: 4, holidayRule: 'pro_rata' }, 'expertId', 400, /赵磊不是本单位的专家/]
	];

	for (const [what, input, field, status, message] of cases) {
		it(`refuses ${what} at ${field}, saving nothing`, async () => {
			const [rows, audit] = [await targetRows(), await auditRows()];
			const error = await createCoverageTarget(t.db, organizer, rm, input).catch((e: unknown) => e);
			expect(error).toMatchObject({ field, status, message: expect.stringMatching(message) });
			expect(await targetRows()).toEqual(rows);
			expect(await auditRows()).toEqual(audit);
		});
	}

	it('leaves a target as it was when a change is refused', async () => {
		const id = await createCoverageTarget(t.db, organizer, rm, seniorDays);
		const before = await targetRows();
		await expect(updateCoverageTarget(t.db, organizer, id, { ...seniorDays, minimum: '9' })).rejects.toMatchObject({ field: 'minimum', status: 400 });
		await expect(updateCoverageTarget(t.db, organizer, id, { ...seniorDays, siteId: demoId('site:fenghuang') })).rejects.toMatchObject({ field: 'siteId' });
		expect(await targetRows()).toEqual(before);
	});

	it('is refused by the database too, whatever code writes it', async () => {
		const row = { id: 'x', organizationId: rm, holidayRule: 'pro_rata' as const };
		await expect(t.db.insert(coverageTargets).values({ ...row, kind: 'site_days_per_week', minimum: 8 })).rejects.toThrow();
		await expect(t.db.insert(coverageTargets).values({ ...row, kind: 'site_senior_days_per_week', minimum: 1 })).rejects.toThrow();
		await expect(t.db.insert(coverageTargets).values({ ...row, kind: 'expert_sittings_per_month', minimum: 4 })).rejects.toThrow();
	});
});
