/**
 * Posters a community worker drops into a WeChat group: a center's week, an expert's next sittings,
 * an event or a lecture, the events list (as filtered), a survey, and the site's own card, each as a 750 px PNG with a QR code to the page's short link. A poster is only ever made
 * for an object its public page shows; anything else is null, found before any rendering.
 *
 * Nothing a visitor sends sets a size: the width is fixed, the content is capped (rows, characters),
 * and the parameters are bounded: a center's week is limited to a few weeks around this one, the events
 * list's filters to the two types and the centers that exist.
 */
import { createHash } from 'node:crypto';
import { daysBetween, mondayOf, type CalendarDate } from '../../calendar-date';
import { m } from '../../i18n';
import type { SittingCard } from '../../schedule-views';
import type { DbOrTx } from '../db/client';
import { invalid } from '../errors';
import { eventDetail, upcomingEvents, type EventCard } from '../events/public-events';
import { listResidentSites, type SiteSummary } from '../sites/sites';
import { surveyShareView, type SurveyShareView } from '../surveys/share-view';

export type EventDetail = NonNullable<Awaited<ReturnType<typeof eventDetail>>>;
import { centerWeek, expertSchedule, type CenterWeek, type ExpertSchedule } from '../schedule/public-schedule';
import { currentGeneration } from '../schedule/view-cache';
import { cachedPoster, peekPoster } from './poster-cache';
import { posterTree, type PosterContent, type PosterRow, type PosterSection } from './poster-layout';
import { qrDataUri } from './poster-qr';
import { renderPng } from './render-png';
import { eventsListShortPath, shortPathOf, type EventsListFilter } from './short-links';
import { surveyLabel } from '../../survey-label';
import { DISTRICT_TIME_ZONE } from '../../time-zone';
import { dm } from '../../i18n/domain';

export interface PosterImage {
	png: Buffer;
	/** Changes exactly when the poster would: same key, same picture. */
	etag: string;
	cached: boolean;
}

export interface PosterContext {
	/** The site's public origin, e.g. https://yizhen.example.org: the QR code and the printed address. */
	origin: string;
	/** Today's date in a time zone: the center's week is "this week" where the center is. */
	today: (timeZone: string) => CalendarDate;
}

/** Weeks before and after this one a center poster may show: enough to plan, too few to flood the cache. */
export const POSTER_WEEKS_BACK = 4;
export const POSTER_WEEKS_AHEAD = 8;
const CENTER_ROWS_PER_DAY = 6;
const CENTER_ROWS = 16;
const EXPERT_ROWS = 8;
const EVENT_EXPERTS = 8;
const LIST_ROWS = 8;
const HOME_CENTERS = 8;

/** Ids are short random strings: anything else is not ours and gets no database query at all. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function clip(value: string, max: number): string {
	const chars = [...value];
	return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value;
}

/** What is printed under the QR code: the address someone could type, without the scheme. */
function printedAddress(url: string): string {
	return url.replace(/^https?:\/\//, '');
}

function sittingTag(s: SittingCard): PosterRow['tag'] {
	if (s.status === 'cancelled') return { text: m.sitting.cancelled, tone: 'danger' };
	if (s.status === 'holiday') return { text: m.sitting.holiday, tone: 'warning' };
	if (s.status === 'needs_cover') return { text: m.sitting.needsCover, tone: 'warning' };
	if (s.rosteredExpert) return { text: m.sitting.substituted, tone: 'info' };
	if (s.movedFrom) return { text: m.sitting.moved, tone: 'info' };
	return null;
}

function sittingNotes(s: SittingCard): string[] {
	const notes: string[] = [];
	if (s.status === 'needs_cover') notes.push(m.sitting.needsCoverNote);
	if ((s.status === 'cancelled' || s.status === 'holiday') && s.reason) notes.push(m.sitting.reason(clip(s.reason, 24)));
	if (s.movedFrom) notes.push(m.sitting.movedFrom(s.movedFrom));
	if (s.quota !== null) notes.push(m.sitting.quota(s.quota));
	return notes;
}

function withKey(kind: string, id: string, extra: string, generation: number, today: CalendarDate, origin: string): string {
	return [kind, id, extra, generation, today, origin].join('|');
}

/**
 * A kept poster is answered before any query: the key holds the generation, and every write that
 * could change or hide the object bumps it. Otherwise `load` reads the object (null: no poster) and
 * returns how to build the content, which only runs if no one else is already drawing this key.
 */
async function poster(key: string, load: () => Promise<(() => Promise<PosterContent>) | null>): Promise<PosterImage | null> {
	const etag = `"${createHash('sha256').update(key).digest('base64url').slice(0, 22)}"`;
	const kept = peekPoster(key);
	if (kept) return { png: kept, etag, cached: true };
	const build = await load();
	if (!build) return null;
	const { png, hit } = await cachedPoster(key, async () => renderPng(posterTree(await build())));
	return { png, etag, cached: hit };
}

function weekFor(requested: CalendarDate | null, thisMonday: CalendarDate): CalendarDate {
	if (requested === null) return thisMonday;
	const monday = mondayOf(requested);
	const weeks = daysBetween(thisMonday, monday) / 7;
	if (weeks < -POSTER_WEEKS_BACK || weeks > POSTER_WEEKS_AHEAD) throw invalid(m.share.weekOutOfRange(POSTER_WEEKS_BACK, POSTER_WEEKS_AHEAD), 'week');
	return monday;
}

/** A center's week, Monday to Sunday; `week` is any date in it, null for this week. */
export async function centerPoster(db: DbOrTx, siteId: string, week: CalendarDate | null, ctx: PosterContext): Promise<PosterImage | null> {
	if (!ID_PATTERN.test(siteId)) return null;
	const thisMonday = mondayOf(ctx.today(DISTRICT_TIME_ZONE));
	const monday = weekFor(week, thisMonday);
	const generation = await currentGeneration(db);
	const key = withKey('center', siteId, monday, generation, ctx.today(DISTRICT_TIME_ZONE), ctx.origin);
	return poster(key, async () => {
		const view = await centerWeek(db, siteId, monday, ctx.today);
		if (!view) return null;
		return () => centerContent(view, ctx.origin);
	});
}

async function centerContent(view: CenterWeek, origin: string): Promise<PosterContent> {
	// The short link, not the page's address: fewer QR modules, so the code still scans when WeChat
	// shows the poster at a third of its size. /c keeps the week.
	const pageUrl = `${origin}${shortPathOf('center', view.site.id)}${view.isThisWeek ? '' : `?week=${view.monday}`}`;
	// Every day keeps a share of the rows, so a busy Monday cannot push Friday off the poster.
	const busyDays = view.days.filter((d) => d.sittings.length > 0);
	const perDay = Math.max(1, Math.min(CENTER_ROWS_PER_DAY, Math.floor(CENTER_ROWS / Math.max(1, busyDays.length))));
	const sections: PosterSection[] = busyDays.map((day) => {
		const rows = day.sittings.slice(0, perDay);
		const left = day.sittings.length - rows.length;
		return {
			heading: day.note ? `${day.label} · ${day.note}` : day.label,
			leadWidth: 250,
			more: left ? m.share.moreThatDay(left) : null,
			rows: rows.map((s) => ({
				lead: `${s.slot} ${s.timeRange}`,
				main: clip(`${s.expert.name} ${s.expert.title}`, 16),
				detail: [clip(s.expertDepartment, 16), s.rosteredExpert ? m.expert.covering(s.rosteredExpert.name) : null, ...sittingNotes(s)].filter(Boolean).join(' · '),
				tag: sittingTag(s),
				muted: s.status === 'cancelled' || s.status === 'holiday'
			}))
		};
	});
	const site = view.site;
	sections.push({
		heading: null,
		leadWidth: 110,
		rows: [
			{ lead: m.center.address, main: clip(site.address, 48) },
			...(site.phone ? [{ lead: m.center.phone, main: clip(site.phone, 24) }] : [])
		]
	});
	return {
		label: m.share.centerPosterLabel,
		title: clip(site.name, 30),
		subtitle: view.rangeLabel,
		banner: null,
		sections,
		empty: busyDays.length === 0 ? m.center.noSittingsWeek : null,
		footnote: m.share.changesNote,
		qr: { dataUri: await qrDataUri(pageUrl), heading: m.share.scan, caption: m.share.scanForSchedule, address: printedAddress(pageUrl) }
	};
}

/** An expert's next sittings (the expert page's four weeks), the first few of them. */
export async function expertPoster(db: DbOrTx, expertId: string, ctx: PosterContext): Promise<PosterImage | null> {
	if (!ID_PATTERN.test(expertId)) return null;
	const today = ctx.today(DISTRICT_TIME_ZONE);
	const generation = await currentGeneration(db);
	const key = withKey('expert', expertId, '', generation, today, ctx.origin);
	return poster(key, async () => {
		const view = await expertSchedule(db, expertId, today);
		if (!view) return null;
		return () => expertContent(view, ctx.origin);
	});
}

async function expertContent(view: ExpertSchedule, origin: string): Promise<PosterContent> {
	const expert = view.expert;
	const pageUrl = `${origin}${shortPathOf('expert', expert.id)}`;
	const all = view.days.flatMap((d) => d.sittings.map((s) => ({ day: d, s })));
	const rows: PosterRow[] = all.slice(0, EXPERT_ROWS).map(({ day, s }) => ({
		lead: `${day.label}\u2002${s.slot}`,
		main: clip(s.site.name, 20),
		detail: [
			s.timeRange,
			s.rosteredExpert && s.expert.id === expert.id ? m.expert.covering(s.rosteredExpert.name) : null,
			s.rosteredExpert && s.expert.id !== expert.id ? m.expert.coveredBy(s.expert.name) : null,
			...sittingNotes(s)
		]
			.filter(Boolean)
			.join(' · '),
		tag: sittingTag(s),
		muted: s.status === 'cancelled' || s.status === 'holiday' || (s.rosteredExpert !== null && s.expert.id !== expert.id)
	}));
	const hidden = Math.max(0, all.length - EXPERT_ROWS);
	return {
		label: m.share.expertPosterLabel,
		title: `${clip(expert.name, 12)} ${expert.title}`,
		subtitle: clip(`${expert.hospitalName} · ${expert.departmentName}`, 40),
		banner: null,
		sections: [
			...(expert.specialties.length
				? [{ heading: null, leadWidth: 110, rows: [{ lead: m.expert.specialties, main: clip(expert.specialties.join('、'), 40) }] }]
				: []),
			...(rows.length ? [{ heading: `${m.share.expertUpcoming}（${view.rangeLabel}）`, leadWidth: 270, rows }] : [])
		],
		empty: rows.length ? null : m.expert.noneUpcoming,
		footnote: [hidden ? m.share.moreSittings(hidden) : null, m.share.changesNote].filter(Boolean).join('；'),
		qr: { dataUri: await qrDataUri(pageUrl), heading: m.share.scan, caption: m.share.scanForSchedule, address: printedAddress(pageUrl) }
	};
}

/** A free clinic or a lecture: the when and where large, what is offered below. */
export async function eventPoster(db: DbOrTx, eventId: string, ctx: PosterContext): Promise<PosterImage | null> {
	if (!ID_PATTERN.test(eventId)) return null;
	const today = ctx.today(DISTRICT_TIME_ZONE);
	const generation = await currentGeneration(db);
	const key = withKey('event', eventId, '', generation, today, ctx.origin);
	return poster(key, async () => {
		const e = await eventDetail(db, eventId, today);
		if (!e) return null;
		return () => eventContent(e, ctx.origin);
	});
}

async function eventContent(e: EventDetail, origin: string): Promise<PosterContent> {
	const pageUrl = `${origin}${shortPathOf('event', e.id)}`;
	const keyFacts: PosterRow[] = [
		{ lead: m.events.when, main: e.when, detail: e.timeRange },
		{ lead: m.events.where, main: clip(e.site.name, 24), detail: clip(e.site.address, 48) }
	];
	const more: PosterRow[] = [];
	const add = (lead: string, value: string | null, max: number) => {
		if (value) more.push({ lead, main: clip(value, max) });
	};
	add(m.events.topic, e.topic, 40);
	add(m.events.speaker, e.speaker, 30);
	add(m.events.audience, e.audience, 40);
	add(m.events.departments, e.departments.join('、'), 48);
	add(m.events.services, e.services.join('、'), 60);
	const names = e.experts.slice(0, EVENT_EXPERTS).map((x) => `${x.name} ${x.title}`);
	add(m.events.experts, names.join('、') + (e.experts.length > EVENT_EXPERTS ? dm.share.posters.andMore : ''), 90);
	add(m.events.whatToBring, e.whatToBring, 48);
	add(m.events.phone, e.site.phone, 24);
	return {
		label: e.issueLabel ? `${e.kindLabel} · ${e.issueLabel}` : e.kindLabel,
		title: clip(e.title, 40),
		subtitle: null,
		banner: e.cancelled ? clip(e.cancelReason ? m.events.cancelledReason(e.cancelReason) : m.share.cancelledBanner, 40) : null,
		sections: [
			{ heading: null, leadWidth: 110, rows: keyFacts, large: true },
			...(more.length ? [{ heading: null, leadWidth: 150, rows: more }] : [])
		],
		empty: null,
		footnote: m.share.changesNote,
		qr: {
			dataUri: await qrDataUri(pageUrl),
			heading: m.share.scan,
			caption: e.open ? m.share.scanToRegister : m.share.scanForDetails,
			address: printedAddress(pageUrl)
		}
	};
}

/**
 * The events list as the page filters it (type, site), the next few from today. Its QR code is the
 * list's short link with the same filters, so the poster and the page it opens agree.
 */
export async function eventsListPoster(db: DbOrTx, filter: EventsListFilter, ctx: PosterContext): Promise<PosterImage | null> {
	if (filter.siteId !== null && !ID_PATTERN.test(filter.siteId)) return null;
	const today = ctx.today(DISTRICT_TIME_ZONE);
	const generation = await currentGeneration(db);
	const key = withKey('events', filter.siteId ?? '*', filter.kind ?? '*', generation, today, ctx.origin);
	return poster(key, async () => {
		// Only the centers the list's own filter offers: a closed or unknown one has no poster.
		const site = filter.siteId ? ((await listResidentSites(db)).find((s) => s.id === filter.siteId) ?? null) : null;
		if (filter.siteId && !site) return null;
		const list = await upcomingEvents(db, { today, siteId: filter.siteId, kind: filter.kind });
		return () => eventsListContent(list, filter, site, ctx.origin);
	});
}

async function eventsListContent(list: EventCard[], filter: EventsListFilter, site: SiteSummary | null, origin: string): Promise<PosterContent> {
	const url = `${origin}${eventsListShortPath(filter)}`;
	const rows: PosterRow[] = list.slice(0, LIST_ROWS).map((e) => ({
		lead: e.when,
		main: clip(e.title, 18),
		// One center's list need not repeat its name on every row.
		detail: [e.timeRange, site ? null : clip(e.site.name, 20)].filter(Boolean).join(' · '),
		// Cancelled ones stay listed (people ask), marked; an unfiltered list says which kind each is.
		tag: e.cancelled ? { text: m.events.cancelled, tone: 'danger' } : filter.kind ? null : { text: e.kindLabel, tone: 'info' },
		muted: e.cancelled
	}));
	const left = list.length - rows.length;
	return {
		label: m.share.eventsPosterLabel,
		title: filter.kind ? m.events.kinds[filter.kind]! : m.events.title,
		subtitle: site ? clip(site.name, 30) : m.share.allCenters,
		banner: null,
		sections: rows.length ? [{ heading: null, leadWidth: 250, rows, more: left > 0 ? m.share.moreEvents(left) : null }] : [],
		empty: rows.length ? null : m.events.none,
		footnote: m.share.changesNote,
		qr: { dataUri: await qrDataUri(url), heading: m.share.scan, caption: m.share.scanForEvents, address: printedAddress(url) }
	};
}

/**
 * A survey's poster for the lecture hall or the waiting room: what it is, for which event, and 扫码参加.
 * Only while the survey is open. Surveys do not move the schedule generation, so the key is what the
 * poster shows: a renamed survey or event is a new key, an unchanged one is answered from the cache.
 */
export async function surveyPoster(db: DbOrTx, code: string, ctx: PosterContext): Promise<PosterImage | null> {
	const view = await surveyShareView(db, code);
	if (!view || !view.open) return null;
	const key = ['survey', code, createHash('sha256').update(JSON.stringify(view)).digest('base64url'), ctx.origin].join('|');
	return poster(key, async () => () => surveyContent(view, ctx.origin));
}

async function surveyContent(view: SurveyShareView, origin: string): Promise<PosterContent> {
	// /s/<code> is already the short link: six characters after the origin.
	const url = `${origin}/s/${encodeURIComponent(view.code)}`;
	const facts: PosterRow[] = [];
	if (view.eventTitle) facts.push({ lead: m.share.surveyEvent, main: clip(view.eventTitle, 24), detail: view.eventWhen });
	if (view.siteName) facts.push({ lead: m.events.where, main: clip(view.siteName, 24) });
	facts.push({ lead: m.share.surveyItemsLead, main: m.share.surveyQuestions(view.questions), detail: m.survey.anonymous.replace(/。$/, '') });
	return {
		label: surveyLabel(view.questionnaireKind, view.kind),
		title: clip(view.title, 40),
		subtitle: null,
		banner: null,
		sections: [{ heading: null, leadWidth: 110, rows: facts, large: true }],
		empty: null,
		footnote: null,
		qr: { dataUri: await qrDataUri(url), heading: m.share.scanToJoin, caption: m.share.surveyScanCaption, address: printedAddress(url) }
	};
}

/**
 * The site's own card, the home page's share image: the centers it covers and a QR code to the home
 * page. Not one center's week: the home page serves every center, and which one a visitor chose is
 * their cookie, not something to put in a link they forward.
 */
export async function homePoster(db: DbOrTx, ctx: PosterContext): Promise<PosterImage> {
	const generation = await currentGeneration(db);
	const key = withKey('home', '', '', generation, '', ctx.origin);
	const image = await poster(key, async () => {
		const centers = await listResidentSites(db);
		return () => homeContent(centers, ctx.origin);
	});
	return image!;
}

async function homeContent(centers: SiteSummary[], origin: string): Promise<PosterContent> {
	const url = `${origin}/`;
	const rows: PosterRow[] = centers.slice(0, HOME_CENTERS).map((c) => ({ lead: clip(c.district ?? '', 6), main: clip(c.name, 18), detail: clip(c.address, 30) }));
	const left = centers.length - rows.length;
	return {
		label: m.app.fullName,
		title: m.app.tagline,
		subtitle: null,
		banner: null,
		sections: rows.length ? [{ heading: m.share.homeCenters, leadWidth: 130, rows, more: left > 0 ? m.share.moreCenters(left) : null }] : [],
		empty: null,
		footnote: null,
		qr: { dataUri: await qrDataUri(url), heading: m.share.scan, caption: m.share.scanForHome, address: printedAddress(url) }
	};
}
