/**
 * The demo accounts as signed-in actors, for tests that run against the seeded demo database. Built
 * from the seed's own account table, so a test never writes out an organizer's memberships by hand;
 * demo-actors.test.ts holds each one equal to what sign-in builds from the database.
 */
import type { Actor } from '../auth/policy';
import { DEMO_ACCOUNTS } from '../seed/demo-data';
import { demoId } from '../seed/seed-demo';

function demoActor(email: string): Actor {
	const account = DEMO_ACCOUNTS.find((a) => a.email === email);
	if (!account) throw new Error(`no demo account ${email}`);
	const hospital = account.hospital ? [demoId(`org:${account.hospital}`)] : [];
	return {
		userId: demoId(`user:${account.email}`),
		name: account.name,
		isAdmin: account.role === 'admin',
		organizerOf: account.role === 'organizer' ? hospital : [],
		volunteerOf: account.role === 'volunteer' ? hospital : [],
		expertIds: account.expert ? [demoId(`expert:${account.expert}`)] : []
	};
}

export const demoActors = {
	admin: demoActor('admin@yizhen.example'),
	/** 周晓梅, organizer of 区人民医院 (the lead hospital) and its 8 centers. */
	rmOrganizer: demoActor('organizer@yizhen.example'),
	/** 刘建华, organizer of 陈家桥医院 and its 4 centers: none of 区人民医院's objects are his. */
	cjqOrganizer: demoActor('organizer.cjq@yizhen.example'),
	/** 李康宁, the 康复科 expert, signed in to his own page. */
	expert: demoActor('expert@yizhen.example'),
	/** 王芳, volunteer of 区人民医院. */
	volunteer: demoActor('volunteer@yizhen.example')
} as const satisfies Record<string, Actor>;
