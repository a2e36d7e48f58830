/**
 * Access is checked in the domain, once (issue 15): every exported domain function that writes either
 * takes the signed-in `Actor` and reaches a policy check (its own, or one of a function it calls), or
 * is one of the named writers below that act for no signed-in person (background jobs, a resident's
 * private link, sign-in itself, the seed's building blocks). The list is read from the code, so a new
 * writer that takes an AuditActor and trusts its caller fails here until it checks or is named below
 * with the reason it needs no actor. tests/e2e/console-access-matrix.spec.ts does the same from the
 * other side: every console action, tried by the wrong organization over HTTP.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Writers that act for no signed-in person, by why. */
const ACTS_FOR_NO_SIGNED_IN_PERSON: Record<string, string[]> = {
	'the audit log and the outbox, written by whoever checked': ['recordAudit', 'enqueueMail', 'enqueueSms', 'enqueueSmsMany'],
	'sign-in, sessions and a mailed link: the person is proving who they are': [
		'createSession',
		'invalidateSession',
		'invalidateAllSessionsOfUser',
		'validateSessionToken',
		'recordLoginFailure',
		'clearPairFailures',
		'clearAccountFailures',
		'requestPasswordReset',
		'setPasswordWithLink',
		'createUser',
		'authenticate',
		'signIn'
	],
	'the signed-in user’s own account, by their session': ['changePassword', 'setMailTopics'],
	'a resident proving a phone by a texted code, and what that phone’s session opens': [
		'requestPhoneCode',
		'verifyPhoneCode',
		'endPhoneSession',
		'openRegistrationByPhone',
		'requestFollowCode',
		'startFollow',
		'stopFollowsByReply'
	],
	'the SMS provider’s reply callback, proven by the secret in its path': ['handleSmsReply'],
	'a resident with a private link or token, or signing up, no account': [
		'residentFeedToken',
		'unsubscribe',
		'submitResponse',
		'recordRegistrationAttempts',
		'registerGroup',
		'queueSignUp',
		'promoteNext',
		'registerForEvent',
		'reregisterByLink',
		'cancelRegistration',
		'startResponse',
		'answerItem',
		'registrationByLink',
		'privateCalendar',
		'setSmsByLink',
		'stopFollowByToken',
		'renewFollowByToken'
	],
	'background jobs of the server': [
		'queueDueDigests',
		'queueDueReminders',
		'claimDue',
		'markBounced',
		'eraseExpiredRegistrations',
		'deleteEndedFollows',
		'scoreUnscoredSheets',
		'expandFanouts',
		'startReminderJob',
		'startAppOutboxWorker',
		'startOutboxWorker',
		'deliverDue',
		'claimDueSms',
		'claimLeased',
		'deliverDueSms',
		'startSmsWorker',
		'startAppSmsWorker'
	],
	'the operator’s jobs (issue 21): backups, the retention rules and the record of each run': [
		'backupNow',
		'startBackupJob',
		'recordJobRun',
		'runRecorded',
		'runRetention',
		'runRecordedRetention',
		'startRetentionSchedule'
	],
	'messages queued inside a checked writer’s transaction': [
		'queueResidentMail',
		'queueEventChangeMail',
		'queueShiftConfirmation',
		'queueSittingChangeMail',
		'queueRotationMail',
		'recipientFor',
		'recordScore',
		'queuePromotionMail',
		'queueRegistrationSms',
		'queueConfirmationSms',
		'queuePromotionSms',
		'queueEventChangeSms',
		'queueReminderSms',
		'queueFollowerSms',
		'queueScheduleChangeSms'
	],
	'public calendars and their caches': [
		'cachedFeed',
		'publishFeed',
		'stampItems',
		'forgetItemsBefore',
		'siteCalendar',
		'organizationCalendar',
		'eventsCalendar',
		'sittingDownload',
		'eventDownload',
		'expertPublicCalendar'
	],
	'a form handler that takes the actor from the session and calls checked writers': ['handleEditorPost'],
	'building blocks of the seed and of checked writers, never called by a route': [
		'createRotation',
		'updateRotation',
		'changeSitting',
		'restoreSitting',
		'recordLeave',
		'createEventIn',
		'createCoverageTargetIn',
		'createEvent',
		'createSeries',
		'createSurveyIn',
		'setSurveyOpenIn',
		'createQuestionnaire',
		'reviseQuestionnaire',
		'publishVersion',
		'retryDeadLetter',
		'retryDeadSms',
		'unlinkSurveySheets',
		'outreachReport',
		'tallySurveys',
		'replaceSittingTeaching'
	]
};

/** Where a policy decision is made: a check on one object, a refusal, or a scope the reads are limited to. */
const CHECKS = ['assertCan', 'authorize', 'can', 'scopedObject', 'assertChosenOrganizationInReach', 'Forbidden', 'organizedOrgIds'];
// A drizzle write on the database or a transaction (not a hash's .update(), not a cookie's .delete()).
const WRITES = /\b(db|tx)\s*\.\s*(insert|update|delete)\s*\(|\benqueueMail\(/;

interface Fn {
	name: string;
	file: string;
	exported: boolean;
	params: string;
	body: string;
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

/**
 * Where a function's body opens, after its parameter list: the first `{` that is not part of the
 * return type (`Promise<{ token: string }>`, `: { a: string }`), whose braces are skipped whole.
 */
function bodyStart(source: string, from: number): number {
	let depth = 0;
	for (let i = from; i < source.length; i++) {
		const c = source[i];
		if (c === '<' || c === '(' || c === '[') depth++;
		else if ((c === '>' && source[i - 1] !== '=') || c === ')' || c === ']') depth--;
		else if (c === '{') {
			if (depth === 0 && !/[:|&,]\s*$/.test(source.slice(Math.max(0, i - 20), i))) return i;
			for (let braces = 0; i < source.length; i++) {
				if (source[i] === '{') braces++;
				else if (source[i] === '}' && --braces === 0) break;
			}
		}
	}
	return -1;
}

/** Every function declaration in the domain, with its parameter list and body. */
function domainFunctions(): Fn[] {
	const fns: Fn[] = [];
	for (const file of filesUnder('src/lib/server')) {
		// Tests, the seed and test worlds build data as no one in particular.
		if (!file.endsWith('.ts') || file.endsWith('.test.ts') || /[\\/](testing|seed)[\\/]|[\\/](testing|demo|smtp-test-server)\.ts$/.test(file)) continue;
		const source = readFileSync(file, 'utf8');
		for (const m of source.matchAll(/^(export )?(?:async )?function (\w+)\s*(?:<[^>]*>)?\(/gm)) {
			// The parameter list ends at the parenthesis that closes the first one; the body at its brace.
			let i = m.index! + m[0].length;
			for (let depth = 1; depth > 0 && i < source.length; i++) depth += source[i] === '(' ? 1 : source[i] === ')' ? -1 : 0;
			const params = source.slice(m.index! + m[0].length, i - 1);
			const open = bodyStart(source, i);
			let end = open;
			for (let depth = 0; end < source.length; end++) {
				if (source[end] === '{') depth++;
				else if (source[end] === '}' && --depth === 0) break;
			}
			fns.push({ name: m[2]!, file: file.replaceAll('\\', '/'), exported: Boolean(m[1]), params, body: source.slice(open, end) });
		}
	}
	return fns;
}

/** The names whose body does `direct`, or calls one that does, to a fixed point. */
function closure(fns: Fn[], seed: Set<string>, direct: (fn: Fn) => boolean): Set<string> {
	const found = new Set(seed);
	for (const fn of fns) if (direct(fn)) found.add(fn.name);
	for (let grew = true; grew; ) {
		grew = false;
		for (const fn of fns) {
			if (found.has(fn.name)) continue;
			// A call by name, not a method of the same name (m.feed.siteCalendar( is a message, not the feed).
			if ([...found].some((name) => new RegExp(`(?<![.\\w])${name}\\(`).test(fn.body))) {
				found.add(fn.name);
				grew = true;
			}
		}
	}
	return found;
}

describe('access in the domain', () => {
	const fns = domainFunctions();
	const allowed = new Set(Object.values(ACTS_FOR_NO_SIGNED_IN_PERSON).flat());
	// recordAudit takes the actor only to name them: passing it on is not a check.
	const checking = closure(fns, new Set(CHECKS), (fn) => CHECKS.some((c) => new RegExp(`(?<![.\\w])${c}\\(`).test(fn.body)));
	const writing = closure(fns, new Set(), (fn) => WRITES.test(fn.body));
	const writers = fns.filter((fn) => fn.exported && writing.has(fn.name));

	it('finds the domain’s writers', () => {
		// A broken walk would pass everything by finding nothing.
		expect(writers.length).toBeGreaterThan(60);
		expect(writers.map((w) => w.name)).toContain('resolveLeave');
	});

	it('has every writer take the signed-in Actor and check access, or say why it acts for no one', () => {
		const unchecked = writers
			.filter((w) => !allowed.has(w.name))
			.filter((w) => !/\bactor\s*:\s*Actor\b/.test(w.params) || !checking.has(w.name))
			.map((w) => `${w.file}: ${w.name}`);
		expect(unchecked).toEqual([]);
	});

	it('names no writer twice and none that no longer exists', () => {
		const names = Object.values(ACTS_FOR_NO_SIGNED_IN_PERSON).flat();
		expect(names.length).toBe(new Set(names).size);
		expect(names.filter((name) => !writers.some((w) => w.name === name))).toEqual([]);
	});
});
