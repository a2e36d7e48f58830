/** Small factories for tests: each inserts one real row with sensible defaults and returns it. */
import type { Actor } from '../auth/policy';
import type { Db } from '../db/client';
import { departments, experts, memberships, organizations, sites, users } from '../db/schema';
import { newId } from '../ids';
import { createRotation, type RotationInput } from '../schedule/rotations';

type OrgValues = typeof organizations.$inferInsert;
type SiteValues = typeof sites.$inferInsert;
type ExpertValues = typeof experts.$inferInsert;

export async function makeOrganization(db: Db, values: Partial<OrgValues> = {}) {
	const row: OrgValues = { id: newId(), name: '测试区卫生健康委员会', kind: 'commission', ...values };
	await db.insert(organizations).values(row);
	return row;
}

/** A user account that signs in as the given expert; returns the user's id. */
export async function makeExpertAccount(db: Db, email: string, name: string, expertId: string): Promise<string> {
	const userId = newId();
	await db.insert(users).values({ id: userId, email, name });
	await db.insert(memberships).values({ id: newId(), userId, role: 'expert', expertId });
	return userId;
}

export async function makeSite(db: Db, values: Partial<SiteValues> & { organizationId: string }) {
	const row: SiteValues = {
		id: newId(),
		name: '测试社区卫生服务中心',
		kind: 'community_center',
		address: '重庆市沙坪坝区测试路 1 号',
		...values
	};
	await db.insert(sites).values(row);
	return row;
}

export async function makeDepartment(db: Db, name = '心内科') {
	const row = { id: newId(), name };
	await db.insert(departments).values(row);
	return row;
}

export async function makeExpert(db: Db, values: Partial<ExpertValues> & { departmentId: string; organizationId: string }) {
	const row: ExpertValues = { id: newId(), name: '张医生', title: '主任医师', ...values };
	await db.insert(experts).values(row);
	return row;
}

/** One commission, one center, one department and two experts: enough for most schedule tests. */
export async function makeScheduleWorld(db: Db) {
	const commission = await makeOrganization(db, { swapDayFollowsWeekday: null });
	const hospital = await makeOrganization(db, { name: '测试区人民医院', kind: 'lead_hospital', parentId: commission.id });
	const centerOrg = await makeOrganization(db, { name: '新桥社区卫生服务中心', kind: 'member_site', parentId: hospital.id });
	const site = await makeSite(db, { organizationId: centerOrg.id, name: '新桥社区卫生服务中心', rooms: 2 });
	const otherSite = await makeSite(db, { organizationId: centerOrg.id, name: '凤凰社区卫生服务中心' });
	const department = await makeDepartment(db, '康复科');
	const expert = await makeExpert(db, { name: '李康', departmentId: department.id, organizationId: hospital.id });
	const colleague = await makeExpert(db, {
		name: '王复',
		title: '副主任医师',
		departmentId: department.id,
		organizationId: hospital.id
	});
	const rotation = (values: Partial<RotationInput> & { rrule: string }) =>
		createRotation(db, {
			expertId: expert.id,
			siteId: site.id,
			departmentId: department.id,
			startTime: '08:30',
			endTime: '11:30',
			validFrom: '2026-01-05',
			...values
		});
	return { commission, hospital, centerOrg, site, otherSite, department, expert, colleague, rotation };
}

/** 周组织, a user who organizes `organizationId` (and so its subtree), as the Actor they act as. */
export async function makeOrganizer(db: Db, organizationId: string): Promise<Actor> {
	await db.insert(users).values({ id: 'u-organizer', email: 'organizer@example.test', name: '周组织' });
	return { userId: 'u-organizer', name: '周组织', isAdmin: false, organizerOf: [organizationId], volunteerOf: [], expertIds: [] };
}
