/**
 * What the feed routes call: resolve the subject, check the filter, return the published feed (or null
 * for anything unknown, so every miss is the same 404 and says nothing about what exists).
 */
import { z } from 'zod';
import { m } from '../../i18n';
import type { Db } from '../db/client';
import { invalid } from '../errors';
import { cachedFeed, publishFeed, type PublishedFeed } from './publish';
import {
	eventsFeed,
	expertFeed,
	expertPublicFeed,
	feedConfigFromEnv,
	feedWindow,
	organizationFeed,
	residentFeed,
	singleEvent,
	singleSitting,
	siteFeed,
	type EventFilter,
	type FeedConfig
} from './sources';
import { resolveFeedToken } from './tokens';
import { dm } from '../../i18n/domain';

const ID_SHAPE = /^[a-z0-9-]{1,64}$/;
const SITTING_ID_SHAPE = /^[a-z0-9-]{1,64}_\d{4}-\d{2}-\d{2}$/;

export interface FeedRequest {
	origin: string;
	today: string;
	config?: FeedConfig;
}

function windowKey(req: FeedRequest) {
	const window = feedWindow(req.today, req.config ?? feedConfigFromEnv());
	return { window, key: `${req.origin}|${window.from}|${window.to}` };
}

export async function siteCalendar(db: Db, siteId: string, req: FeedRequest): Promise<PublishedFeed | null> {
	if (!ID_SHAPE.test(siteId)) return null;
	const { window, key } = windowKey(req);
	return cachedFeed(db, `site:${siteId}|${key}`, () => siteFeed(db, siteId, window, req.origin));
}

export async function organizationCalendar(db: Db, orgId: string, req: FeedRequest): Promise<PublishedFeed | null> {
	if (!ID_SHAPE.test(orgId)) return null;
	const { window, key } = windowKey(req);
	return cachedFeed(db, `organization:${orgId}|${key}`, () => organizationFeed(db, orgId, window, req.origin));
}

const FILTER_PARAMS = new Set(['type', 'site', 'department']);
const EventFilterSchema = z.object({
	type: z.enum(['free_clinic', 'lecture'], { error: m.feed.badType }).optional(),
	site: z.string().regex(ID_SHAPE, { error: m.feed.badId(dm.feeds.fields.site) }).optional(),
	department: z.string().regex(ID_SHAPE, { error: m.feed.badId(dm.feeds.fields.department) }).optional()
});

/** Parses `?type=&site=&department=`; anything that does not parse is the caller's mistake (400). */
export function parseEventFilter(params: URLSearchParams): EventFilter {
	const raw: Record<string, string> = {};
	for (const [name, value] of params) {
		if (!FILTER_PARAMS.has(name)) throw invalid(m.feed.unknownParam(name), name);
		if (value !== '') raw[name] = value;
	}
	const parsed = EventFilterSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw invalid(issue.message, String(issue.path[0] ?? ''));
	}
	return { kind: parsed.data.type ?? null, siteId: parsed.data.site ?? null, departmentId: parsed.data.department ?? null };
}

export async function eventsCalendar(db: Db, params: URLSearchParams, req: FeedRequest): Promise<PublishedFeed | null> {
	const filter = parseEventFilter(params);
	const { window, key } = windowKey(req);
	const feedKey = `events:${filter.kind ?? ''}:${filter.siteId ?? ''}:${filter.departmentId ?? ''}|${key}`;
	return cachedFeed(db, feedKey, () => eventsFeed(db, filter, window, req.origin));
}

/** An expert's public sittings, as on their page: residents follow their doctor. */
export async function expertPublicCalendar(db: Db, expertId: string, req: FeedRequest): Promise<PublishedFeed | null> {
	if (!ID_SHAPE.test(expertId)) return null;
	const { window, key } = windowKey(req);
	return cachedFeed(db, `expert-public:${expertId}|${key}`, () => expertPublicFeed(db, expertId, window, req.origin));
}

/** An expert's or a resident's private feed, by its token. */
export async function privateCalendar(db: Db, token: string, req: FeedRequest): Promise<PublishedFeed | null> {
	const subject = await resolveFeedToken(db, token);
	if (!subject) return null;
	const { window, key } = windowKey(req);
	if (subject.kind === 'expert') {
		return cachedFeed(db, `expert:${subject.subjectId}|${key}`, () => expertFeed(db, subject.subjectId, window, req.origin));
	}
	// Registrations change without touching the schedule generation, so this one is built each time.
	const source = await residentFeed(db, subject.subjectId, window, req.origin);
	return source ? publishFeed(db, source) : null;
}

export async function sittingDownload(db: Db, sittingId: string, req: FeedRequest): Promise<PublishedFeed | null> {
	if (!SITTING_ID_SHAPE.test(sittingId)) return null;
	return cachedFeed(db, `sitting:${sittingId}|${req.origin}`, () => singleSitting(db, sittingId, req.origin));
}

export async function eventDownload(db: Db, eventId: string, req: FeedRequest): Promise<PublishedFeed | null> {
	if (!ID_SHAPE.test(eventId)) return null;
	return cachedFeed(db, `event:${eventId}|${req.origin}`, () => singleEvent(db, eventId, req.origin));
}

