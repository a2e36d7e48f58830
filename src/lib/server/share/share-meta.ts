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
