/**
 * The weekly digest's paragraph on coverage targets: next week's shortfalls of every
 * organization the organizer organizes that has targets, in the lines the console's outlook prints.
 */
import { addDays, type CalendarDate } from '../../calendar-date';
import { m } from '../../i18n';
import type { Actor } from '../auth/policy';
import { organizationsInScope } from '../console/org-lists';
import { coverageOutlook } from '../coverage/outlook';
import { shortfallLines } from '../coverage/page';
import { listCoverageTargets } from '../coverage/targets';
import type { DbOrTx } from '../db/client';
import { publicOrigin } from '../public-url';

export interface DigestCoverage {
	/** Shortfall lines over all organizations, for the subject. */
	count: number;
	paragraph: string;
}

/**
 * Null when none of the organizer's organizations has a target, so the digest says nothing of them.
 * The organizations are the console's own list for this organizer (organizationsInScope, which the
 * coverage pages choose from); a mail has no organization picker, so every one with targets is
 * judged, each on its own targets only, so none is counted twice.
 */
export async function digestCoverage(db: DbOrTx, actor: Actor, monday: CalendarDate, today: CalendarDate): Promise<DigestCoverage | null> {
	const judged: { id: string; name: string; lines: string[] }[] = [];
	for (const organization of await organizationsInScope(db, actor)) {
		if ((await listCoverageTargets(db, actor, organization.id)).length === 0) continue;
		// Weekly rows are next week's own. A monthly rule comes as one row for each month next week
		// touches, counted over that whole month as planned (days already past as held): a monthly
		// target cannot be judged on one week, and splitting it into a weekly share would report a
		// month that is on track as short. A short month is still something next week can mend, also
		// the month that is ending (next week holds its last days) and the one beginning in it.
		const outlook = await coverageOutlook(db, actor, organization.id, { from: monday, to: addDays(monday, 6), today });
		judged.push({ id: organization.id, name: organization.name, lines: shortfallLines(outlook.shortfalls).map((l) => l.text) });
	}
	if (judged.length === 0) return null;
	const count = judged.reduce((n, o) => n + o.lines.length, 0);
	if (count === 0) return { count, paragraph: m.mail.digestCoverageAllMet };

	// The coverage page shows one organization at a time and always the weeks from today: linked per organization.
	const link = (id: string) => m.mail.digestCoverageLink(`${publicOrigin()}/console/coverage?org=${encodeURIComponent(id)}`);
	const bullets = (lines: string[]) => lines.map((line) => `· ${line}`);
	const rows = [m.mail.digestCoverageShort(count)];
	if (judged.length === 1) rows.push(...bullets(judged[0]!.lines), link(judged[0]!.id));
	else
		for (const o of judged) {
			if (o.lines.length === 0) rows.push(m.mail.digestCoverageOrganizationMet(o.name));
			else rows.push(m.mail.digestCoverageOrganization(o.name), ...bullets(o.lines), link(o.id));
		}
	return { count, paragraph: rows.join('\n') };
}
