/** Experts as residents see them: who they are, not how they are rostered. */
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { departments, experts, organizations } from '../db/schema';

export interface ExpertProfile {
	id: string;
	name: string;
	title: string;
	departmentId: string;
	departmentName: string;
	hospitalName: string;
	specialties: string[];
	bio: string | null;
	photoUrl: string | null;
}

/** An expert with the names a reader knows them by, read joined to departments and organizations. */
const EXPERT_NAMES = {
	id: experts.id,
	name: experts.name,
	title: experts.title,
	departmentId: experts.departmentId,
	departmentName: departments.name,
	hospitalName: organizations.name,
	active: experts.active
};

export async function findExpertProfile(db: DbOrTx, id: string): Promise<ExpertProfile | null> {
	const row = await db
		.select({ ...EXPERT_NAMES, specialties: experts.specialties, bio: experts.bio, photoUrl: experts.photoUrl })
		.from(experts)
		.innerJoin(departments, eq(departments.id, experts.departmentId))
		.innerJoin(organizations, eq(organizations.id, experts.organizationId))
		.where(eq(experts.id, id))
		.get();
	if (!row || !row.active) return null;
	const { active: _active, ...profile } = row;
	return profile;
}

export interface DepartmentOption {
	id: string;
	name: string;
}

export async function listDepartments(db: DbOrTx): Promise<DepartmentOption[]> {
	return db
		.select({ id: departments.id, name: departments.name })
		.from(departments)
		.orderBy(asc(departments.sortOrder), asc(departments.name));
}

export interface ExpertListing {
	id: string;
	name: string;
	title: string;
	departmentId: string;
	departmentName: string;
	departmentSortOrder: number;
	organizationId: string;
	hospitalName: string;
	hospitalShortName: string | null;
	active: boolean;
}

/**
 * Every expert with the names pick lists, the console and the roster import show beside them
 * (department, hospital). One query; callers filter and sort for their purpose.
 */
export async function listExperts(db: DbOrTx): Promise<ExpertListing[]> {
	return db
		.select({ ...EXPERT_NAMES, departmentSortOrder: departments.sortOrder, organizationId: experts.organizationId, hospitalShortName: organizations.shortName })
		.from(experts)
		.innerJoin(departments, eq(departments.id, experts.departmentId))
		.innerJoin(organizations, eq(organizations.id, experts.organizationId));
}
