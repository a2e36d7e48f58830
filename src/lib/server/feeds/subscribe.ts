/**
 * The "订阅日历" page: which calendar a feed path is, and the ways to add it from the phone in hand.
 * Only paths of our own feeds are accepted, so the page can never be made to offer someone else's URL.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { experts, organizations, registrations, sites } from '../db/schema';
import { m } from '../../i18n';
import { parseEventFilter } from './serve';
import { eventFilterLabel } from './sources';
import { platformOf } from './platform';
import { subscribeGuide, type SubscribeGuide } from './subscribe-guide';
import { findExpertProfile } from '../experts/experts';
import { resolveFeedToken } from './tokens';
import { isDomainError } from '../errors';

export interface SubscribeOptions {
	name: string;
	/** Private feeds say so: the address is a key and should not be shared. */
	private: boolean;
	httpsUrl: string;
	webcalUrl: string;
	googleUrl: string;
	outlookUrl: string;
	/** The ways to offer, in order, for the phone that asked. */
	guide: SubscribeGuide;
}

const PUBLIC_PATH = /^\/feeds\/(centers|organizations|experts)\/([a-z0-9-]{1,64})\.ics$/;
const PRIVATE_PATH = /^\/feeds\/private\/([a-z2-7]{32})\.ics$/;
const EVENTS_PATH = /^\/feeds\/events\.ics(\?.*)?$/;

async function nameOf(db: DbOrTx, path: string): Promise<{ name: string; private: boolean } | null> {
	const pub = PUBLIC_PATH.exec(path);
	if (pub) {
		const [, kind, id] = pub as unknown as [string, string, string];
		if (kind === 'centers') {
			const site = await db.select({ name: sites.name, active: sites.active }).from(sites).where(eq(sites.id, id)).get();
			return site?.active ? { name: m.feed.siteCalendar(site.name), private: false } : null;
		}
		if (kind === 'experts') {
			const expert = await findExpertProfile(db, id);
			return expert ? { name: m.feed.expertPublicCalendar(expert.name, expert.title), private: false } : null;
		}
		const org = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id)).get();
		return org ? { name: m.feed.organizationCalendar(org.name), private: false } : null;
	}
	const events = EVENTS_PATH.exec(path);
	if (events) {
		try {
			const label = await eventFilterLabel(db, parseEventFilter(new URLSearchParams(events[1]?.slice(1) ?? '')));
			return label === null ? null : { name: m.feed.eventsCalendar(label), private: false };
		} catch (e) {
			if (isDomainError(e)) return null;
			throw e;
		}
	}
	const priv = PRIVATE_PATH.exec(path);
	if (priv) {
		const subject = await resolveFeedToken(db, priv[1]!);
		if (!subject) return null;
		if (subject.kind === 'expert') {
			const expert = await db.select({ name: experts.name }).from(experts).where(eq(experts.id, subject.subjectId)).get();
			return expert ? { name: m.feed.expertCalendar(expert.name), private: true } : null;
		}
		const reg = await db.select({ id: registrations.id }).from(registrations).where(eq(registrations.id, subject.subjectId)).get();
		return reg ? { name: m.feed.residentCalendar, private: true } : null;
	}
	return null;
}

export async function subscribeOptions(db: DbOrTx, feedPath: string, origin: string, userAgent: string | null): Promise<SubscribeOptions | null> {
	const found = await nameOf(db, feedPath);
	if (!found) return null;
	const httpsUrl = `${origin}${feedPath}`;
	// Calendar apps subscribe to webcal://; it is the same address over the same scheme underneath.
	const webcalUrl = httpsUrl.replace(/^https?:\/\//, 'webcal://');
	return {
		...found,
		httpsUrl,
		webcalUrl,
		googleUrl: `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcalUrl)}`,
		outlookUrl: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(httpsUrl)}&name=${encodeURIComponent(found.name)}`,
		guide: subscribeGuide(platformOf(userAgent))
	};
}
