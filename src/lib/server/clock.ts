import { todayIn } from '../calendar-date';
import { DISTRICT_TIME_ZONE } from '../time-zone';

/**
 * Today's date at a site. YIZHEN_TODAY pins it (e.g. for a demo recorded on a fixed date); otherwise
 * it is the real date in the site's time zone.
 */
export function siteToday(timeZone: string, now = new Date()): string {
	const pinned = process.env.YIZHEN_TODAY;
	if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
	return todayIn(timeZone, now);
}

/** Today in the district, pinned by YIZHEN_TODAY like siteToday: what pages and jobs mean by "today". */
export function districtToday(now = new Date()): string {
	return siteToday(DISTRICT_TIME_ZONE, now);
}
