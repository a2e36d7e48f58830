/**
 * The chat-bubble title and description, and the share image, of each public page with a poster.
 * Pure mappers from the views the pages already load: nothing here queries.
 */
import { daysBetween, mondayOf, type CalendarDate } from '../../calendar-date';
import { m } from '../../i18n';
import type { ShareMeta } from '../../share-meta';
import type { EventDetail } from './posters';
import { POSTER_WEEKS_AHEAD, POSTER_WEEKS_BACK } from './posters';
import type { CenterWeek, ExpertSchedule } from '../schedule/public-schedule';
import type { EventCard } from '../events/public-events';
import type { SurveyShareView } from '../surveys/share-view';
import { eventsListPath, type EventsListFilter } from './short-links';
import { surveyLabel } from '../../survey-label';

/** WeChat shows two or three lines under the title; more is cut off mid-word. */
const DESCRIPTION_MAX = 72;

function clip(value: string, max: number): string {
	const chars = [...value];
	return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value;
}

function sentences(...parts: (string | null | false)[]): string {
	return clip(parts.filter(Boolean).join('。') + '。', DESCRIPTION_MAX);
}

/** The week's poster when the poster route will draw that week, else this week's. */
function centerPosterPath(siteId: string, monday: CalendarDate, thisWeek: CalendarDate): string {
	const weeks = daysBetween(mondayOf(thisWeek), monday) / 7;
	const drawable = weeks >= -POSTER_WEEKS_BACK && weeks <= POSTER_WEEKS_AHEAD;
	return `/centers/${encodeURIComponent(siteId)}/poster.png${weeks !== 0 && drawable ? `?week=${monday}` : ''}`;
}

export function centerShareMeta(view: CenterWeek, origin: string): ShareMeta {
	const live = view.days.flatMap((d) => d.sittings).filter((s) => s.status === 'scheduled');
	const names = [...new Map(live.map((s) => [s.expert.id, `${s.expert.name}（${s.department}）`])).values()];
	const shown = names.slice(0, 3).join('、') + (names.length > 3 ? m.share.andMore : '');
	const posterPath = centerPosterPath(view.site.id, view.monday, view.thisWeek);
	const path = `/centers/${encodeURIComponent(view.site.id)}${view.isThisWeek ? '' : `?week=${view.monday}`}`;
	return {
		title: m.share.centerTitle(view.site.name, view.rangeLabel),
		description: sentences(m.share.centerSummary(live.length, shown), m.share.addressLine(view.site.address)),
		url: `${origin}${path}`,
		image: `${origin}${posterPath}`,
		posterPath
	};
}

export function expertShareMeta(view: ExpertSchedule, origin: string): ShareMeta {
	const e = view.expert;
	const next = view.days
		.flatMap((d) => d.sittings.filter((s) => s.status === 'scheduled' && s.expert.id === e.id).map((s) => `${d.label} ${s.slot} ${s.site.name}`))
		.slice(0, 2);
	const posterPath = `/experts/${encodeURIComponent(e.id)}/poster.png`;
	return {
		title: m.share.expertTitle(e.name, e.title, e.departmentName),
		description: sentences(e.hospitalName, next.length ? m.share.expertNext(next.join('；')) : m.expert.noneUpcoming.replace(/。$/, '')),
		url: `${origin}/experts/${encodeURIComponent(e.id)}`,
		image: `${origin}${posterPath}`,
		posterPath
	};
}

export function eventShareMeta(e: EventDetail, origin: string): ShareMeta {
	const offer = e.kind === 'lecture' ? e.topic : e.services.join('、') || e.departments.join('、');
	const posterPath = `/events/${encodeURIComponent(e.id)}/poster.png`;
	return {
		title: `${e.kindLabel}｜${e.title}`,
		description: e.cancelled
			? sentences(m.events.cancelledReason(e.cancelReason ?? m.events.cancelled), `${e.when} ${e.site.name}`)
			: sentences(`${e.when} ${e.timeRange}，${e.site.name}`, offer, e.open && m.share.eventFree),
		url: `${origin}/events/${encodeURIComponent(e.id)}`,
		image: `${origin}${posterPath}`,
		posterPath
	};
}

/** The home page's card: the site, not a center (see homePoster). Also the image of a page without a poster of its own. */
export const HOME_POSTER_PATH = '/poster.png';

export function homeShareMeta(origin: string): ShareMeta {
	return {
		title: m.share.homeTitle,
		description: m.share.homeDescription,
		url: `${origin}/`,
		image: `${origin}${HOME_POSTER_PATH}`,
		posterPath: HOME_POSTER_PATH
	};
}

/**
 * The events list as filtered by type and site (a center's lectures, say). The start date is left
 * out: a forwarded list should open on today, as the poster and its QR code do.
 */
export function eventsListShareMeta(list: EventCard[], filter: EventsListFilter, siteName: string | null, origin: string): ShareMeta {
	const live = list.filter((e) => !e.cancelled);
	const next = live.slice(0, 2).map((e) => `${e.when} ${e.title}${siteName ? '' : `（${e.site.name}）`}`);
	const posterPath = `/events/poster.png${eventsListPath(filter).slice('/events'.length)}`;
	return {
		title: m.share.eventsListTitle(filter.kind ? m.events.kinds[filter.kind]! : m.events.title, siteName),
		description: sentences(m.share.eventsSummary(live.length), next.length > 0 && m.share.eventsNext(next.join('；')), live.length > 0 && m.share.eventsFree),
		url: `${origin}${eventsListPath(filter)}`,
		image: `${origin}${posterPath}`,
		posterPath
	};
}

/** A survey: what it is and for which event. A closed one shares the site's card, having no poster. */
export function surveyShareMeta(view: SurveyShareView, origin: string): ShareMeta {
	const posterPath = view.open ? `/s/${encodeURIComponent(view.code)}/poster.png` : HOME_POSTER_PATH;
	const kind = surveyLabel(view.questionnaireKind, view.kind);
	// 讲座后小测验：… already says what it is.
	const title = view.title.startsWith(kind) ? view.title : `${kind}｜${view.title}`;
	const event = view.eventTitle ? `${view.eventTitle}${view.eventWhen ? `（${view.eventWhen}）` : ''}` : null;
	return {
		title,
		description: view.open
			? sentences(event, view.siteName, m.share.surveyDescription(view.questions))
			: sentences(event, m.survey.closedTitle),
		url: `${origin}/s/${encodeURIComponent(view.code)}`,
		image: `${origin}${posterPath}`,
		posterPath
	};
}
