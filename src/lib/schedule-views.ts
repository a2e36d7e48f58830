/** The shapes schedule pages render; built on the server by public-schedule.ts. */
import type { CalendarDate } from './calendar-date';

export type SittingStatus = 'scheduled' | 'cancelled' | 'holiday' | 'needs_cover';

export interface SittingCard {
	id: string;
	date: CalendarDate;
	/** 11月30日 周一 上午 */
	when: string;
	slot: string;
	/** 08:30–11:30 */
	timeRange: string;
	status: SittingStatus;
	reason: string | null;
	expert: { id: string; name: string; title: string };
	/** The expert the rotation names, when a substitute sits instead. */
	rosteredExpert: { id: string; name: string; title: string } | null;
	/** The department the sitting was planned for. */
	department: string;
	/** The department of whoever sits: a substitute's own, which residents must see truthfully. */
	expertDepartment: string;
	site: { id: string; name: string };
	movedFrom: string | null;
	onSwapDay: boolean;
	onHoliday: string | null;
	quota: number | null;
}

export interface DayView {
	date: CalendarDate;
	/** 11月30日 周一 */
	label: string;
	isToday: boolean;
	/** 国庆节 on a statutory holiday, 调休上班日 on a swapped working day. */
	note: string | null;
	sittings: SittingCard[];
	/** Sittings left out of a long list (the find page shows a day in full when asked for that day). */
	hiddenCount?: number;
}
