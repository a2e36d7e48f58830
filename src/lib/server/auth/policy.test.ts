/**
 * The policy as a matrix: every organizer action × every kind of actor × an object in the actor's own
 * organization versus another's. Objects are resolved from a real database, as routes resolve them,
 * so an id edited in a URL meets the same answer.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { events, expertLeaves, experts, organizations, rotations, sites, surveys } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { type TestDb } from '../testing/test-db';
import { ADMIN_ACTIONS, DOOR_ACTIONS, EXPERT_ACTIONS, ORGANIZER_ACTIONS, SITTING_RECORD_ACTIONS, can, type Actor, type ScopedKind } from './policy';
import { authorize, loadOrgTree, organizedOrgIds, scopedObject, type OrgTree } from './scope';
import { createDemoDb } from '../testing/demo-db';

let t: TestDb;
let tree: OrgTree;
beforeAll(async () => {
	t = await createDemoDb('2026-11-25');
	tree = await loadOrgTree(t.db);
});
afterAll(() => t.cleanup());

const RM = demoId('org:rm');
const CJQ = demoId('org:cjq');
const COMMISSION = demoId('org:commission');

function actor(values: Partial<Actor>): Actor {
	return { userId: 'u', name: '测试', isAdmin: false, organizerOf: [], volunteerOf: [], expertIds: [], ...values };
}
const ACTORS: Record<string, Actor | null> = {
	anonymous: null,
	admin: actor({ isAdmin: true }),
	'commission organizer': actor({ organizerOf: [COMMISSION] }),
	'区人民医院 organizer': actor({ organizerOf: [RM] }),
	'陈家桥医院 organizer': actor({ organizerOf: [CJQ] }),
	'新桥 center organizer': actor({ organizerOf: [demoId('org:xinqiao')] }),
	'expert 李康宁': actor({ expertIds: [demoId('expert:likangning')] }),
	'volunteer of 区人民医院': actor({ volunteerOf: [RM] })
};

/** One object of each kind under 区人民医院 and one under 陈家桥医院, found in the demo data. */
async function objectIds(hospital: string): Promise<Record<ScopedKind, string | null>> {
	const centerOrgs = (await t.db.select().from(organizations).where(eq(organizations.parentId, hospital))).map((o) => o.id);
	// Not 新桥: the center organizer's own center is checked in its own test.
	const site = (await t.db.select().from(sites)).find(
		(s) => centerOrgs.includes(s.organizationId) && s.id !== demoId('site:xinqiao')
	)!;
	const rotation = (await t.db.select().from(rotations).where(eq(rotations.siteId, site.id)))[0]!;
	const expert = (await t.db.select().from(experts).where(eq(experts.organizationId, hospital)))[0]!;
	await t.db.insert(expertLeaves).values({ id: `leave-${hospital}`, expertId: expert.id, startDate: '2026-12-01', endDate: '2026-12-01' }).onConflictDoNothing();
	return {
		organization: site.organizationId,
		site: site.id,
		expert: expert.id,
		rotation: rotation.id,
		sitting: `${rotation.id}_2026-12-01`,
		leave: `leave-${hospital}`,
		event: (await t.db.select().from(events)).find((e) => centerOrgs.includes(e.organizationId) && e.siteId !== demoId('site:xinqiao'))!.id,
		survey: (await t.db.select().from(surveys)).find((s) => centerOrgs.includes(s.organizationId) && s.siteId !== demoId('site:xinqiao'))!.id,
		// The demo's questionnaire belongs to the commission, above both hospitals: see surveys/editor.test.ts.
		questionnaire: null
	};
}

/** Who may do organizer actions on objects under 区人民医院 (and only there). */
const EXPECTED_ON_RM: Record<string, boolean> = {
	anonymous: false,
	admin: true,
	'commission organizer': true,
	'区人民医院 organizer': true,
	'陈家桥医院 organizer': false,
	'新桥 center organizer': false, // only their own center; checked separately below
	'expert 李康宁': false,
	'volunteer of 区人民医院': false
};

describe('organizer actions × actors × own or another organization', () => {
	it('allows exactly the organizers whose subtree holds the object', async () => {
		const own = await objectIds(RM);
		const other = await objectIds(CJQ);
		const kinds = ['organization', 'site', 'expert', 'rotation', 'sitting', 'leave', 'event', 'survey'] as const;
		const mismatches: string[] = [];
		for (const [name, who] of Object.entries(ACTORS)) {
			for (const action of ORGANIZER_ACTIONS) {
				for (const kind of kinds) {
					const ownObject = await scopedObject(t.db, tree, kind, own[kind]!);
					const otherObject = await scopedObject(t.db, tree, kind, other[kind]!);
					const expectOwn = EXPECTED_ON_RM[name]!;
					// The mirror image: only admin and the commission reach 陈家桥医院 as well, and its own organizer.
					const expectOther = name === 'admin' || name === 'commission organizer' || name === '陈家桥医院 organizer';
					if (can(who, action, ownObject) !== expectOwn) mismatches.push(`${name} ${action} own ${kind}`);
					if (can(who, action, otherObject) !== expectOther) mismatches.push(`${name} ${action} other ${kind}`);
				}
			}
		}
		expect(mismatches).toEqual([]);
	});

	it('lets a center organizer act on their center and nothing beside it', async () => {
		const centerOrganizer = ACTORS['新桥 center organizer']!;
		const xinqiao = await scopedObject(t.db, tree, 'site', demoId('site:xinqiao'));
		const neighbour = await scopedObject(t.db, tree, 'site', demoId('site:tianxingqiao'));
		for (const action of ORGANIZER_ACTIONS) {
			expect(can(centerOrganizer, action, xinqiao), action).toBe(true);
			expect(can(centerOrganizer, action, neighbour), action).toBe(false);
		}
		expect(organizedOrgIds(centerOrganizer, tree)).toEqual(new Set([demoId('org:xinqiao')]));
	});

	it('refuses an organizer who edits an id in the URL to reach another hospital, and 404s a made-up id', async () => {
		const rmOrganizer = ACTORS['区人民医院 organizer']!;
		const cjqRotation = (await t.db
			.select({ id: rotations.id })
			.from(rotations)
			.innerJoin(sites, eq(sites.id, rotations.siteId))
			.where(eq(sites.id, demoId('site:jingkou')))
			.get())!.id;
		await expect(authorize(t.db, rmOrganizer, 'rotation:edit', 'rotation', cjqRotation)).rejects.toMatchObject({ status: 403 });
		await expect(authorize(t.db, rmOrganizer, 'rotation:edit', 'rotation', 'no-such-id')).rejects.toMatchObject({ status: 404 });
		const rmRotation = demoId('rotation:xinqiao-kangfu');
		await expect(authorize(t.db, rmOrganizer, 'rotation:edit', 'rotation', rmRotation)).resolves.toMatchObject({ kind: 'rotation' });
	});
});

describe('door and sitting-record actions', () => {
	it("lets the organization's volunteers and organizers work the door, nobody else", async () => {
		const own = await scopedObject(t.db, tree, 'event', (await objectIds(RM)).event!);
		const other = await scopedObject(t.db, tree, 'event', (await objectIds(CJQ)).event!);
		const mismatches: string[] = [];
		for (const [name, who] of Object.entries(ACTORS)) {
			for (const action of DOOR_ACTIONS) {
				const expectOwn = EXPECTED_ON_RM[name]! || name === 'volunteer of 区人民医院';
				const expectOther = name === 'admin' || name === 'commission organizer' || name === '陈家桥医院 organizer';
				if (can(who, action, own) !== expectOwn) mismatches.push(`${name} ${action} own`);
				if (can(who, action, other) !== expectOther) mismatches.push(`${name} ${action} other`);
			}
		}
		expect(mismatches).toEqual([]);
	});

	it("lets the sitting's own expert record patients seen, besides its organizers", async () => {
		const rotation = (await t.db.select().from(rotations).where(eq(rotations.expertId, demoId('expert:likangning'))).get())!;
		const sitting = await scopedObject(t.db, tree, 'sitting', `${rotation.id}_2026-12-01`);
		const [action] = SITTING_RECORD_ACTIONS;
		expect(can(ACTORS['expert 李康宁']!, action, sitting)).toBe(true);
		expect(can(actor({ expertIds: [demoId('expert:chenzhiming')] }), action, sitting)).toBe(false);
		expect(can(ACTORS['volunteer of 区人民医院']!, action, sitting)).toBe(false);
		expect(can(ACTORS['admin']!, action, sitting)).toBe(true);
	});
});

describe('expert and admin actions', () => {
	it('lets an expert act on their own schedule, leave and feed only', async () => {
		const me = ACTORS['expert 李康宁']!;
		const mine = await scopedObject(t.db, tree, 'expert', demoId('expert:likangning'));
		const colleague = await scopedObject(t.db, tree, 'expert', demoId('expert:chenzhiming'));
		for (const action of EXPERT_ACTIONS) {
			expect(can(me, action, mine), action).toBe(true);
			expect(can(me, action, colleague), action).toBe(false);
			expect(can(ACTORS['区人民医院 organizer']!, action, mine), `organizer ${action}`).toBe(false);
		}
	});

	it('keeps admin actions for admins', () => {
		for (const action of ADMIN_ACTIONS) {
			for (const [name, who] of Object.entries(ACTORS)) {
				expect(can(who, action), `${name} ${action}`).toBe(name === 'admin');
			}
		}
	});
});
