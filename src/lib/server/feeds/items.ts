/**
 * What a calendar item says, as plain data: one per sitting or event, written for the calendar it
 * goes into. Pure, so the wording of every state (停诊, 替诊, 节假日, 请假, 改期) is tested without a
 * database, and the same item goes into feeds, single downloads and mail attachments.
 */
import type { CalendarDate } from '../../calendar-date';
import { formatSittingWhen } from '../../format/dates';
import { m } from '../../i18n';
import type { events } from '../db/schema';
import type { SittingView } from '../schedule/sittings';
import { dm } from '../../i18n/domain';

export type ItemStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

export interface FeedPlace {
	name: string;
	address: string;
	timeZone: string;
}

export interface FeedItem {
	/** Never changes for the same sitting or event, in every feed: clients match updates by it. */
	uid: string;
	date: CalendarDate;
	startTime: string;
	endTime: string;
	timeZone: string;
	status: ItemStatus;
	summary: string;
	location: string;
	description: string;
	url: string;
}

/** Whose calendar the sitting goes into decides how it is named and whether it still happens for them. */
export type SittingPerspective =
	| { kind: 'site' }
	| { kind: 'organization' }
	| { kind: 'expert'; expertId: string }
	/** A resident who follows the expert (their public feed): off when the expert does not come, and why only as far as the page says. */
	| { kind: 'follower'; expertId: string };

export const sittingUid = (sittingId: string) => `${sittingId}@sitting.yizhen`;
export const eventUid = (eventId: string) => `${eventId}@event.yizhen`;

const t = m.feed;

function locationOf(place: FeedPlace): string {
	return place.address ? `${place.name}（${place.address}）` : place.name;
}

function expertLabel(e: { name: string; title: string }): string {
	return `${e.name} ${e.title}`;
}

export function sittingItem(s: SittingView, place: FeedPlace, perspective: SittingPerspective, pageUrl: string): FeedItem {
	const lines: string[] = [];
	let status: ItemStatus = 'CONFIRMED';
	let prefix = '';
	// The rostered expert whose sitting someone else covers is not going: for them it is off.
	const followed = perspective.kind === 'expert' || perspective.kind === 'follower' ? perspective.expertId : null;
	const coveredForMe = followed !== null && s.substituted && s.rosteredExpert.id === followed;

	if (s.status === 'cancelled') {
		status = 'CANCELLED';
		prefix = t.cancelledSitting;
		lines.push(s.reason ? t.cancelledBecause(s.reason) : t.cancelledNoReason);
	} else if (s.status === 'holiday') {
		status = 'CANCELLED';
		prefix = t.cancelledSitting;
		lines.push(t.holidayOff(s.reason ?? m.sitting.holiday));
	} else if (s.status === 'needs_cover') {
		if (followed !== null && s.expert.id === followed) {
			status = 'CANCELLED';
			prefix = t.cancelledSitting;
			// The leave's reason is the expert's own business: the public page says only 专家请假.
			lines.push(perspective.kind === 'expert' ? t.onLeaveYou : t.followedOnLeave);
		} else {
			status = 'TENTATIVE';
			prefix = t.tentative;
			lines.push(m.sitting.needsCoverNote);
		}
	} else if (coveredForMe) {
		status = 'CANCELLED';
		prefix = t.cancelledSitting;
		lines.push(perspective.kind === 'expert' ? t.coveredBy(expertLabel(s.expert)) : t.followedCoveredBy(expertLabel(s.expert)));
	}

	if (s.substituted && !coveredForMe) lines.push(t.substituteFor(expertLabel(s.expert), expertLabel(s.rosteredExpert)));
	if (s.moved) lines.push(m.sitting.movedFrom(formatSittingWhen(s.moved.date, s.moved.startTime, s.moved.endTime)));
	if (s.onHoliday && s.status === 'scheduled') lines.push(m.sitting.onHoliday(s.onHoliday));
	if (s.onSwapDay) lines.push(m.sitting.swapDay);
	if (s.quota && status === 'CONFIRMED') lines.push(m.sitting.quota(s.quota));

	const who = expertLabel(s.expert);
	// A substitute of another specialty is named with their own department, as the page names them:
	// a resident reading 康复科 next to a cardiologist would come for the wrong doctor.
	const department = s.substituted ? s.expert.departmentName : s.department.name;
	const summary =
		perspective.kind === 'site'
			? `${department} · ${who}`
			: perspective.kind === 'expert'
				? t.expertSummary(department, place.name)
				: `${department} · ${who} · ${place.name}`;
	lines.push(t.details(pageUrl));
	return {
		uid: sittingUid(s.id),
		date: s.date,
		startTime: s.startTime,
		endTime: s.endTime,
		timeZone: place.timeZone,
		status,
		summary: prefix + summary,
		location: locationOf(place),
		description: lines.join('\n'),
		url: pageUrl
	};
}

export interface FeedEvent {
	id: string;
	kind: 'free_clinic' | 'lecture';
	title: string;
	issueNumber: number | null;
	date: CalendarDate;
	startTime: string;
	endTime: string;
	cancelled: boolean;
	cancelReason: string | null;
	speaker: string | null;
	services: string[];
	whatToBring: string | null;
}

/** An event row as a calendar item's input; the speaker is the expert when one is named, else the guest. */
export function feedEventOf(e: typeof events.$inferSelect, speakerExpert: { name: string; title: string } | null): FeedEvent {
	return {
		id: e.id,
		kind: e.kind,
		title: e.title,
		issueNumber: e.issueNumber,
		date: e.date,
		startTime: e.startTime,
		endTime: e.endTime,
		cancelled: e.status === 'cancelled',
		cancelReason: e.cancelReason,
		speaker: speakerExpert ? `${speakerExpert.name} ${speakerExpert.title}` : e.speakerName,
		services: e.services,
		whatToBring: e.whatToBring
	};
}

/** A resident's own place at an event changes how the item reads: waiting, or no longer going. */
export type EventPerspective = { kind: 'public' } | { kind: 'registration'; status: 'registered' | 'waitlisted' | 'cancelled'; checkInCode: string };

export function eventItem(e: FeedEvent, place: FeedPlace, perspective: EventPerspective, pageUrl: string): FeedItem {
	const lines: string[] = [];
	let status: ItemStatus = 'CONFIRMED';
	let prefix = '';
	if (e.cancelled) {
		status = 'CANCELLED';
		prefix = t.cancelledEvent;
		lines.push(e.cancelReason ? t.cancelledBecause(e.cancelReason) : t.eventCancelledNoReason);
	} else if (perspective.kind === 'registration' && perspective.status === 'cancelled') {
		status = 'CANCELLED';
		prefix = t.cancelledEvent;
		lines.push(t.youCancelled);
	} else if (perspective.kind === 'registration' && perspective.status === 'waitlisted') {
		status = 'TENTATIVE';
		prefix = t.waitlisted;
		lines.push(t.waitlistedNote);
	}
	if (perspective.kind === 'registration' && perspective.status === 'registered' && !e.cancelled) {
		lines.push(t.checkInCode(perspective.checkInCode));
	}
	if (e.speaker) lines.push(t.speaker(e.speaker));
	if (e.services.length) lines.push(t.services(e.services.join('、')));
	if (e.whatToBring) lines.push(t.bring(e.whatToBring));
	lines.push(t.details(pageUrl));
	const kindLabel = m.events.kinds[e.kind] ?? '';
	const issue = e.issueNumber ? dm.feeds.labels.issue(e.issueNumber) : '';
	return {
		uid: eventUid(e.id),
		date: e.date,
		startTime: e.startTime,
		endTime: e.endTime,
		timeZone: place.timeZone,
		status,
		summary: `${prefix}${kindLabel}：${issue}${e.title}`,
		location: locationOf(place),
		description: lines.join('\n'),
		url: pageUrl
	};
}
