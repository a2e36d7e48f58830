/**
 * Every console form action and POST endpoint, found by walking src/routes/console (not listed by
 * hand), tried by those who must not get through: a visitor who is not signed in; an organizer of
 * 陈家桥医院 aimed at 区人民医院's objects (the ids in the URL); and 区人民医院's own expert and
 * volunteer, who may use only the few actions listed for their role below. The first is sent to sign
 * in; the others get 403 or 404 — before the form is even read, so an empty form is enough: a 400 would
 * mean the action validated input before checking who is asking. A new console route whose URL names an
 * object fails here until this file knows which 区人民医院 object to aim it at.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { addDays } from '../../src/lib/calendar-date';
import { events, expertLeaves, experts, questionnaireVersions, questionnaires, registrations, rotations, surveys } from '../../src/lib/server/db/schema';
import { listSittings } from '../../src/lib/server/schedule/sittings';
import { demoId } from '../../src/lib/server/seed/seed-demo';
import { DEMO_PASSWORD } from './support/console';
import { thisWeek, withDemoDb } from './support/demo-db';

const CONSOLE = 'src/routes/console';

interface Target {
	file: string;
	/** The route as a URL pattern, params still in brackets: /console/sites/[id] */
	route: string;
	/** Form action names (`default` for the unnamed one), or null for a +server.ts POST. */
	action: string | null;
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

/** The keys of `export const actions = { … }`: the object's own keys, one tab in. */
function actionNames(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const open = source.indexOf('{', source.indexOf('=', start));
	let depth = 0;
	let end = open;
	for (; end < source.length; end++) {
		if (source[end] === '{') depth++;
		else if (source[end] === '}' && --depth === 0) break;
	}
	return [...source.slice(open, end).matchAll(/^\t([A-Za-z]\w*)\s*:/gm)].map((m) => m[1]!);
}

function consoleTargets(): Target[] {
	const targets: Target[] = [];
	for (const file of filesUnder(CONSOLE)) {
		// A param's matcher (`[id=sittingId]`) is left out: the URL pattern is the same.
		const route = file.replaceAll('\\', '/').replace(/^src\/routes/, '').replace(/\/\+(page\.server|server)\.ts$/, '').replace(/\[(\w+)=\w+\]/g, '[$1]') || '/';
		const source = readFileSync(file, 'utf8');
		if (file.endsWith('+page.server.ts')) for (const action of actionNames(source)) targets.push({ file, route, action });
		if (file.endsWith('+server.ts') && /export const (POST|PUT|PATCH|DELETE)\b/.test(source)) targets.push({ file, route, action: null });
	}
	return targets;
}

const TARGETS = consoleTargets();

function urlOf(target: Target, params: Record<string, string>): string {
	// An [id] is looked up by the route up to it (/console/events/[id]), other params by their name.
	const path = target.route.replace(/\[(\w+)\]/g, (param: string, name: string, at: number) => {
		const id = params[target.route.slice(0, at + param.length)] ?? params[name];
		if (!id) throw new Error(`${target.file}: no 区人民医院 object for [${name}]; add one to the params of console-access-matrix.spec.ts`);
		return encodeURIComponent(id);
	});
	if (target.action === null || target.action === 'default') return path;
	return `${path}?/${target.action}`;
}

/** 区人民医院's objects, one per kind of id a console URL carries. */
async function objectsOfTheLeadHospital(): Promise<Record<string, string>> {
	const rm = demoId('org:rm');
	const xinqiao = demoId('site:xinqiao');
	const clinic = demoId('event:clinic-this-saturday');
	const { monday } = thisWeek();
	return withDemoDb(async (db) => {
		const rotation = (await db.select({ id: rotations.id }).from(rotations).where(eq(rotations.siteId, xinqiao)).get())!;
		const sitting = (await listSittings(db, { from: monday, to: addDays(monday, 13), siteIds: [xinqiao] })).sittings[0]!;
		const rmExperts = (await db.select({ id: experts.id }).from(experts).where(eq(experts.organizationId, rm))).map((e) => e.id);
		const leave = (await db.select({ id: expertLeaves.id }).from(expertLeaves).where(inArray(expertLeaves.expertId, rmExperts)).get())!;
		const event = (await db.select({ id: events.id, organizationId: events.organizationId }).from(events).where(eq(events.id, clinic)).get())!;
		const survey = (await db.select({ id: surveys.id }).from(surveys).where(eq(surveys.organizationId, event.organizationId)).get())!;
		// The national questionnaire belongs to the commission, above both hospitals.
		const questionnaire = (await db.select({ id: questionnaires.id }).from(questionnaires).get())!;
		const version = (await db.select({ id: questionnaireVersions.id }).from(questionnaireVersions).where(eq(questionnaireVersions.questionnaireId, questionnaire.id)).get())!;
		const registration = (await db.select({ id: registrations.id }).from(registrations).where(and(eq(registrations.eventId, clinic))).get())!;
		return {
			eventId: clinic,
			registrationId: registration.id,
			versionId: version.id,
			'/console/sites/[id]': xinqiao,
			'/console/experts/[id]': demoId('expert:likangning'),
			'/console/organizations/[id]': rm,
			'/console/events/[id]': clinic,
			'/console/rotations/[id]': rotation.id,
			'/console/sittings/[id]': sitting.id,
			'/console/leave/[id]': leave.id,
			'/console/surveys/[id]': survey.id,
			'/console/questionnaires/[id]': questionnaire.id,
			'/console/coverage/[id]': demoId('coverage:rm-senior-days'),
		};
	});
}

async function post(request: APIRequestContext, url: string, baseURL: string) {
	return request.post(url, {
		headers: { origin: new URL(baseURL).origin, accept: 'text/html' },
		form: {},
		maxRedirects: 0,
		failOnStatusCode: false
	});
}

async function signedInAs(playwright: { request: { newContext(o: { baseURL?: string }): Promise<APIRequestContext> } }, baseURL: string, email: string) {
	const request = await playwright.request.newContext({ baseURL });
	const signedIn = await request.post('/login', {
		form: { email, password: DEMO_PASSWORD },
		// A fetch without it is answered as use:enhance would be, in JSON.
		headers: { origin: new URL(baseURL).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(signedIn.status(), await signedIn.text()).toBe(303);
	return request;
}

/**
 * The console routes a role that organizes nothing may act on, with why; every other action refuses
 * them. Not tried here (an empty form would really sign a volunteer out of a shift): the domain's
 * tests cover what these do for their rightful users.
 */
const ROUTES_OF_ROLE: Record<string, Record<string, string>> = {
	'expert@yizhen.example': {
		'/console/account': 'everyone keeps their own password and mail address',
		'/console/me': 'the expert’s own page: leave requests, 诊疗人次, their calendar address'
	},
	'volunteer@yizhen.example': {
		'/console/account': 'everyone keeps their own password and mail address',
		'/console/shifts': 'a volunteer signs up for roles and withdraws',
		'/console/checkin/[eventId]': 'volunteers of the event’s hospital check residents in',
		'/console/checkin/[eventId]/ops': 'the check-in desk’s offline queue',
	}
};

test('the walk finds the console’s actions', () => {
	// A broken walk would pass everything below by finding nothing.
	expect(TARGETS.length).toBeGreaterThan(40);
	expect(TARGETS.some((t) => t.route === '/console/sittings/[id]' && t.action === 'cancel')).toBe(true);
	expect(TARGETS.some((t) => t.route === '/console/checkin/[eventId]/ops' && t.action === null)).toBe(true);
});

test('a visitor who is not signed in is sent to sign in by every console action', async ({ request, baseURL }) => {
	test.setTimeout(120_000);
	const params = await objectsOfTheLeadHospital();
	const leaks: string[] = [];
	for (const target of TARGETS) {
		const answer = await post(request, urlOf(target, params), baseURL!);
		const location = answer.headers()['location'] ?? '';
		const refused = (answer.status() === 303 && location.startsWith('/login')) || answer.status() === 401 || answer.status() === 403;
		if (!refused) leaks.push(`${target.route} ${target.action ?? 'POST'} → ${answer.status()} ${location}`);
	}
	expect(leaks).toEqual([]);
});

test('an organizer of 陈家桥医院 is refused every action on 区人民医院’s objects, before the form is read', async ({ playwright, baseURL }) => {
	test.setTimeout(120_000);
	const params = await objectsOfTheLeadHospital();
	const request = await signedInAs(playwright, baseURL!, 'organizer.cjq@yizhen.example');
	const leaks: string[] = [];
	for (const target of TARGETS.filter((t) => t.route.includes('['))) {
		const answer = await post(request, urlOf(target, params), baseURL!);
		if (![403, 404].includes(answer.status())) leaks.push(`${target.route} ${target.action ?? 'POST'} → ${answer.status()}`);
	}
	await request.dispose();
	expect(leaks).toEqual([]);
});

/**
 * Actions whose URL names no object but whose form names the organization they act for: aimed at
 * 区人民医院 by 陈家桥医院's organizer, with nothing else filled in (a 400 would mean the form was read first).
 */
const ORGANIZATION_IN_FORM: Record<string, string> = {
	'/console/coverage default': 'a coverage target is added for the organization the form names',
	'/console/questionnaires create': 'a questionnaire is created for the organization the form names'
};

test('an organizer of 陈家桥医院 cannot act for 区人民医院 through a form that names it', async ({ playwright, baseURL }) => {
	const walked = new Set(TARGETS.map((t) => `${t.route} ${t.action}`));
	expect(Object.keys(ORGANIZATION_IN_FORM).filter((key) => !walked.has(key))).toEqual([]);
	const request = await signedInAs(playwright, baseURL!, 'organizer.cjq@yizhen.example');
	const leaks: string[] = [];
	for (const key of Object.keys(ORGANIZATION_IN_FORM)) {
		const [route, action] = key.split(' ') as [string, string];
		const answer = await request.post(action === 'default' ? route : `${route}?/${action}`, {
			headers: { origin: new URL(baseURL!).origin, accept: 'text/html' },
			form: { organizationId: demoId('org:rm') },
			maxRedirects: 0,
			failOnStatusCode: false
		});
		if (![403, 404].includes(answer.status())) leaks.push(`${key} → ${answer.status()}`);
	}
	await request.dispose();
	expect(leaks).toEqual([]);
});

for (const [email, allowed] of Object.entries(ROUTES_OF_ROLE)) {
	test(`${email.split('@')[0]} of 区人民医院 is refused every organizer action in their own hospital, before the form is read`, async ({ playwright, baseURL }) => {
		test.setTimeout(120_000);
		const routes = new Set(TARGETS.map((t) => t.route));
		// A route renamed away must not leave its role a stale allowance.
		expect(Object.keys(allowed).filter((route) => !routes.has(route))).toEqual([]);
		const params = await objectsOfTheLeadHospital();
		const request = await signedInAs(playwright, baseURL!, email);
		const leaks: string[] = [];
		for (const target of TARGETS.filter((t) => !(t.route in allowed))) {
			const answer = await post(request, urlOf(target, params), baseURL!);
			if (![403, 404].includes(answer.status())) leaks.push(`${target.route} ${target.action ?? 'POST'} → ${answer.status()}`);
		}
		await request.dispose();
		expect(leaks).toEqual([]);
	});
}
