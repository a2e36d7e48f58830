/**
 * The report's counting boxes: one Tally per row of a table (a month, a site, a department) and one
 * for the totals. Each source of figures (events, sittings, surveys) adds into the boxes its rows
 * belong to.
 */
import { dm } from '../../i18n/domain';
export const NO_SITE = dm.reports.labels.noSite;
export const NO_DEPARTMENT = dm.reports.labels.noDepartment;

export interface OutreachFigures {
	freeClinics: number;
	lectures: number;
	served: number;
	sittingsDelivered: number;
	sittingsCancelled: number;
	patientsSeen: number;
	volunteers: number;
	volunteerHours: number;
	respondents: number;
	literate: number;
	/** literate / respondents, 0–1; null with no respondents. */
	literacyLevel: number | null;
}

/** Counts that add, and the volunteers of each group as a set (one person in two months is one in the year). */
export class Tally {
	freeClinics = 0;
	lectures = 0;
	served = 0;
	sittingsDelivered = 0;
	sittingsCancelled = 0;
	patientsSeen = 0;
	/** Distinct volunteers in the group, counted in SQL. */
	volunteers = 0;
	volunteerMinutes = 0;
	respondents = 0;
	literate = 0;

	figures(): OutreachFigures {
		return {
			freeClinics: this.freeClinics,
			lectures: this.lectures,
			served: this.served,
			sittingsDelivered: this.sittingsDelivered,
			sittingsCancelled: this.sittingsCancelled,
			patientsSeen: this.patientsSeen,
			volunteers: this.volunteers,
			volunteerHours: Math.round(this.volunteerMinutes / 6) / 10,
			respondents: this.respondents,
			literate: this.literate,
			literacyLevel: this.respondents ? this.literate / this.respondents : null
		};
	}
}

export class Tallies {
	private map = new Map<string, Tally>();
	get(key: string): Tally {
		let t = this.map.get(key);
		if (!t) this.map.set(key, (t = new Tally()));
		return t;
	}
	entries() {
		return this.map.entries();
	}
}
