/**
 * Loads the demo district (demo-data.ts) relative to a given "today", in one transaction: a failed
 * seed leaves the database as it was. Ids are derived from each row's key, so a reload keeps links.
 */
import { createHash } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { addDays, isoWeekday, mondayOf, type CalendarDate } from '../../calendar-date';
import type { Db, DbOrTx } from '../db/client';
import * as schema from '../db/schema';
import { listSittings } from '../schedule/sittings';
import { changeSitting, createRotation, recordLeave } from '../schedule/rotations';
import { hashPassword } from '../auth/password';
import { generateToken, hashToken } from '../auth/tokens';
import { SYSTEM_ACTOR } from '../audit/audit';
import { createEventIn, createSeries } from '../events/events';
import { CODE_ALPHABET, CODE_LENGTH } from '../events/registration-rules';
import { seedDemoSurveys } from './demo-surveys';
import { createCoverageTargetIn } from '../coverage/targets';
import {
	CENTERS,
	CENTER_OPENING_HOURS,
	COMMISSION,
	COVERAGE_TARGETS,
	DEMO_ACCOUNTS,
	DEMO_COMMUNITIES,
	DEMO_EVENTS,
	DEMO_RESIDENT_GIVEN_NAMES,
	DEMO_RESIDENT_SURNAMES,
	DEMO_PASSWORD,
	DEMO_SERIES,
	DEPARTMENTS,
	EXPERTS,
	HOSPITALS,
	NEXT_WEEK_LEAVE,
	NEXT_WEEK_TIME_CHANGE,
	ROTATIONS,
	SWAP_DAY_CHOICES,
	THIS_WEEK_CANCELLATIONS,
	THIS_WEEK_SUBSTITUTION
} from './demo-data';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** The same 12-character id for the same key on every run, in the alphabet of `newId`. */
export function demoId(key: string): string {
	const digest = createHash('sha256').update(`yizhen-demo:${key}`).digest();
	let id = '';
	for (let i = 0; i < 12; i++) id += ALPHABET[digest[i]! % ALPHABET.length];
	return id;
}

export interface SeedSummary {
	today: CalendarDate;
	counts: Record<string, number>;
}

export async function isDatabaseEmpty(db: DbOrTx): Promise<boolean> {
	const [row] = await db.select({ n: count() }).from(schema.organizations);
	return (row?.n ?? 0) === 0;
}

/** Tables in an order that never breaks a foreign key when deleting from first to last. */
function tablesChildFirst() {
	return [
		schema.surveyScores,
		schema.surveyAnswers,
		schema.surveyResponses,
		schema.surveys,
		schema.surveyItems,
		schema.questionnaireVersions,
		schema.questionnaires,
		schema.checkInOps,
		schema.volunteerShifts,
		schema.volunteerRoles,
		schema.sittingVisits,
		schema.sittingTeaching,
		schema.registrationAttempts,
		schema.registrations,
		schema.eventExperts,
		schema.eventDepartments,
		schema.events,
		schema.eventSeries,
		schema.coverageTargets,
		schema.auditLog,
		schema.outboxMessages,
		schema.loginFailures,
		schema.userTokens,
		schema.sessions,
		schema.memberships,
		schema.users,
		schema.sittingOverrides,
		schema.expertLeaves,
		schema.rotations,
		schema.experts,
		schema.departments,
		schema.sites,
		schema.swapDayRosters,
		schema.holidayDays,
		schema.holidayYears
	];
}

/** Empties every table: `npm run db:seed` and SEED_DEMO=always start from nothing. */
export async function clearDemoData(db: Db): Promise<void> {
	await db.transaction(async (tx) => {
		for (const table of tablesChildFirst()) await tx.delete(table);
		// Organizations reference their parent: delete leaves first.
		for (let remaining = 1; remaining > 0; ) {
			await tx.run(
				`DELETE FROM organizations WHERE id NOT IN (SELECT parent_id FROM organizations WHERE parent_id IS NOT NULL)`
			);
			const [row] = await tx.select({ n: count() }).from(schema.organizations);
			remaining = row?.n ?? 0;
		}
	});
}

export async function seedDemoData(db: Db, options: { today: CalendarDate }): Promise<SeedSummary> {
	return db.transaction((tx) => seedInto(tx, options.today));
}

async function seedInto(tx: DbOrTx, today: CalendarDate): Promise<SeedSummary> {
	const monday = mondayOf(today);
	const rotationsStart = addDays(monday, -12 * 7);

	const commissionId = demoId(`org:${COMMISSION.key}`);
	await tx.insert(schema.organizations).values({
		id: commissionId,
		name: COMMISSION.name,
		shortName: COMMISSION.shortName,
		kind: 'commission',
		swapDayFollowsWeekday: null
	});
	const hospitalId = (key: string) => demoId(`org:${key}`);
	await tx.insert(schema.organizations).values(
		HOSPITALS.map((h) => ({
			id: hospitalId(h.key),
			parentId: commissionId,
			name: h.name,
			shortName: h.shortName,
			kind: h.kind,
			swapDayFollowsWeekday: h.swapDayFollowsWeekday
		}))
	);
	await tx.insert(schema.swapDayRosters).values(
		SWAP_DAY_CHOICES.map((c) => ({ organizationId: hospitalId(c.hospital), date: c.date, followsWeekday: c.followsWeekday }))
	);

	const siteId = (key: string) => demoId(`site:${key}`);
	await tx.insert(schema.organizations).values(
		CENTERS.map((c) => ({
			id: demoId(`org:${c.key}`),
			parentId: hospitalId(c.hospital),
			name: c.name,
			kind: 'member_site' as const
		}))
	);
	await tx.insert(schema.sites).values(
		CENTERS.map((c) => ({
			id: siteId(c.key),
			organizationId: demoId(`org:${c.key}`),
			name: c.name,
			kind: 'community_center' as const,
			district: '沙坪坝区',
			address: c.address,
			phone: c.phone,
			latitude: c.latitude,
			longitude: c.longitude,
			openingHours: CENTER_OPENING_HOURS,
			directions: c.directions ?? null,
			rooms: c.rooms
		}))
	);

	const departmentId = (name: string) => demoId(`department:${name}`);
	await tx
		.insert(schema.departments)
		.values(DEPARTMENTS.map((name, i) => ({ id: departmentId(name), name, sortOrder: i })));

	const expertId = (key: string) => demoId(`expert:${key}`);
	const expertByKey = new Map(EXPERTS.map((e) => [e.key, e]));
	await tx.insert(schema.experts).values(
		EXPERTS.map((e) => ({
			id: expertId(e.key),
			name: e.name,
			title: e.title,
			departmentId: departmentId(e.department),
			organizationId: hospitalId(e.hospital),
			specialties: e.specialties,
			bio: e.bio ?? null
		}))
	);

	const rotationId = (key: string) => demoId(`rotation:${key}`);
	for (const r of ROTATIONS) {
		const expert = expertByKey.get(r.expert);
		if (!expert) throw new Error(`demo rotation ${r.key} names unknown expert ${r.expert}`);
		await createRotation(
			tx,
			{
				expertId: expertId(r.expert),
				siteId: siteId(r.center),
				departmentId: departmentId(expert.department),
				rrule: r.rrule,
				...r.slot,
				validFrom: rotationsStart,
				validUntil: r.endsAfterWeeks ? addDays(monday, r.endsAfterWeeks * 7 - 3) : null,
				quota: r.quota,
				note: r.note ?? null
			},
			{ id: rotationId(r.key) }
		);
	}

	// This week's and next week's changes go on the first real occurrence in that week.
	const firstOccurrence = async (key: string, from: CalendarDate) => {
		const { sittings } = await listSittings(tx, { from, to: addDays(from, 6) });
		const found = sittings.find((s) => s.rotationId === rotationId(key) && s.originalDate >= from);
		if (!found) throw new Error(`demo rotation ${key} has no sitting in the week of ${from}`);
		return found.originalDate;
	};
	for (const c of THIS_WEEK_CANCELLATIONS) {
		const date = await firstOccurrence(c.rotation, monday);
		await changeSitting(tx, rotationId(c.rotation), date, { cancelled: true, reason: c.reason });
	}
	const sub = THIS_WEEK_SUBSTITUTION;
	await changeSitting(tx, rotationId(sub.rotation), await firstOccurrence(sub.rotation, monday), {
		substituteExpertId: expertId(sub.substitute),
		reason: sub.reason
	});
	const nextMonday = addDays(monday, 7);
	const move = NEXT_WEEK_TIME_CHANGE;
	await changeSitting(tx, rotationId(move.rotation), await firstOccurrence(move.rotation, nextMonday), {
		newStartTime: move.slot.startTime,
		newEndTime: move.slot.endTime,
		reason: move.reason
	});
	const leave = NEXT_WEEK_LEAVE;
	await recordLeave(
		tx,
		{
			expertId: expertId(leave.expert),
			startDate: addDays(nextMonday, leave.fromWeekday - 1),
			endDate: addDays(nextMonday, leave.toWeekday - 1),
			reason: leave.reason
		},
		{ id: demoId(`leave:${leave.expert}`) }
	);

	for (const t of COVERAGE_TARGETS) {
		await createCoverageTargetIn(
			tx,
			SYSTEM_ACTOR,
			hospitalId(t.hospital),
			{
				kind: t.kind,
				siteId: t.center ? siteId(t.center) : null,
				departmentId: t.department ? departmentId(t.department) : null,
				minTitle: t.minTitle ?? null,
				minimum: t.minimum,
				holidayRule: t.holidayRule,
				note: t.note
			},
			{ id: demoId(`coverage:${t.key}`) }
		);
	}

	// On a weekend "this Saturday's clinic" would already be under way or over, and a demo (or a
	// journey run on a Sunday) would find nothing to sign up for: the events start from next week then.
	const eventsMonday = isoWeekday(today) >= 6 ? addDays(monday, 7) : monday;
	const seriesId = await createSeries(tx, { organizationId: hospitalId(DEMO_SERIES.hospital), name: DEMO_SERIES.name, kind: 'free_clinic', nextIssue: DEMO_SERIES.nextIssue });
	for (const e of DEMO_EVENTS) {
		const id = await createEventIn(tx, SYSTEM_ACTOR, {
			kind: e.kind,
			siteId: siteId(e.center),
			seriesId: e.series ? seriesId : null,
			title: e.series ? `${DEMO_SERIES.name}：${e.title.replace(/^周末义诊：/, '')}` : e.title,
			date: addDays(eventsMonday, e.dayOffset),
			startTime: e.startTime,
			endTime: e.endTime,
			capacity: e.capacity,
			services: e.services ?? [],
			whatToBring: e.whatToBring ?? null,
			topic: e.topic ?? null,
			audience: e.audience ?? null,
			speakerExpertId: e.speaker ? expertId(e.speaker) : null,
			departmentIds: (e.departments ?? []).map(departmentId),
			expertIds: (e.experts ?? []).map(expertId)
		}, { id: demoId(`event:${e.key}`) });
		if (e.cancelReason) await tx.update(schema.events).set({ status: 'cancelled', cancelReason: e.cancelReason }).where(eq(schema.events.id, id));
		for (const [i, [name, needed]] of (e.volunteerRoles ?? []).entries()) {
			await tx.insert(schema.volunteerRoles).values({ id: demoId(`role:${e.key}:${name}`), eventId: id, name, needed, sortOrder: i });
		}
		await seedRegistrants(tx, id, e.key, e.registrants ?? 0, e.capacity, today);
	}

	await seedDemoSurveys(tx, today, { id: demoId, commissionId, siteId });

	// One hash for the shared demo password: Argon2id is slow on purpose, five times would be felt.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	for (const account of DEMO_ACCOUNTS) {
		const userId = demoId(`user:${account.email}`);
		await tx.insert(schema.users).values({
			id: userId,
			email: account.email,
			name: account.name,
			passwordHash,
			isAdmin: account.role === 'admin'
		});
		if (account.role === 'organizer' || account.role === 'volunteer') {
			await tx.insert(schema.memberships).values({
				id: demoId(`membership:${account.email}`),
				userId,
				role: account.role,
				organizationId: hospitalId(account.hospital!)
			});
		} else if (account.role === 'expert') {
			await tx.insert(schema.memberships).values({
				id: demoId(`membership:${account.email}`),
				userId,
				role: 'expert',
				expertId: expertId(account.expert!)
			});
		}
	}

	const volunteer = DEMO_ACCOUNTS.find((a) => a.role === 'volunteer')!;
	// The demo volunteer has signed up to guide residents at this Saturday's free clinic.
	await tx.insert(schema.volunteerShifts).values({
		id: demoId('shift:volunteer:clinic-this-saturday'),
		roleId: demoId('role:clinic-this-saturday:导诊'),
		userId: demoId(`user:${volunteer.email}`),
		source: 'self'
	});

	return { today, counts: await countRows(tx) };
}

/**
 * Residents who have already signed up, so the check-in desk and the waitlist have someone in them.
 * Names, phones and codes follow from the index: the same on every run.
 */
async function seedRegistrants(tx: DbOrTx, eventId: string, key: string, n: number, capacity: number | null, today: CalendarDate) {
	const base = Date.parse(`${addDays(today, -3)}T08:00:00+08:00`);
	for (let i = 0; i < n; i++) {
		const digest = createHash('sha256').update(`yizhen-demo:registrant:${key}:${i}`).digest();
		let code = '';
		for (let c = 0; c < CODE_LENGTH; c++) code += CODE_ALPHABET[digest[c]! % CODE_ALPHABET.length];
		const phoneTail = String(digest.readUInt32BE(8) % 1e8).padStart(8, '0');
		const registered = capacity === null || i < capacity;
		await tx.insert(schema.registrations).values({
			id: demoId(`registration:${key}:${i}`),
			eventId,
			name: DEMO_RESIDENT_SURNAMES[digest[12]! % DEMO_RESIDENT_SURNAMES.length]! + DEMO_RESIDENT_GIVEN_NAMES[digest[13]! % DEMO_RESIDENT_GIVEN_NAMES.length]!,
			phone: `1${['38', '39', '58', '37', '89'][digest[14]! % 5]}${phoneTail}`,
			ageBand: schema.AGE_BANDS[2 + (digest[15]! % 4)]!,
			community: DEMO_COMMUNITIES[digest[16]! % DEMO_COMMUNITIES.length]!,
			consentAt: new Date(base + i * 37 * 60_000),
			status: registered ? 'registered' : 'waitlisted',
			checkInCode: code,
			// Nobody holds these links: demo residents cannot be managed, only counted and checked in.
			manageTokenHash: hashToken(generateToken()),
			createdAt: new Date(base + i * 37 * 60_000)
		});
	}
}

/** What is in the database now, for the line `npm start` prints. */
async function countRows(tx: DbOrTx): Promise<Record<string, number>> {
	const tables = {
		organizations: schema.organizations,
		sites: schema.sites,
		departments: schema.departments,
		experts: schema.experts,
		rotations: schema.rotations,
		sittingChanges: schema.sittingOverrides,
		leaves: schema.expertLeaves,
		events: schema.events,
		users: schema.users
	};
	const counts: Record<string, number> = {};
	for (const [name, table] of Object.entries(tables)) {
		const [row] = await tx.select({ n: count() }).from(table);
		counts[name] = row?.n ?? 0;
	}
	return counts;
}

/** The demo logins still present in the database, for `npm start` to print. */
export async function demoLogins(db: DbOrTx): Promise<{ email: string; password: string; label: string }[]> {
	const present = new Set((await db.select({ email: schema.users.email }).from(schema.users)).map((u) => u.email));
	return DEMO_ACCOUNTS.filter((a) => present.has(a.email)).map((a) => ({ email: a.email, password: DEMO_PASSWORD, label: a.label }));
}
