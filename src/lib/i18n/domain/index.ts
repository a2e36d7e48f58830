/**
 * What the server says to people: the domain's refusals, audit summaries, labels in mail, exports and
 * reports. One table per server folder, as pretix keeps one per module. Apart from `m` because only
 * the server reads these: the browser's bundle does not carry them. Same rules as `m`: every word a
 * user sees lives in a catalog, parameterized messages are functions, and English follows as a second
 * catalog of the same shape.
 */
import { surveysZhCN } from './surveys.zh-CN';
import { rosterImportZhCN } from './roster-import.zh-CN';
import { reportsZhCN } from './reports.zh-CN';
import { coverageZhCN } from './coverage.zh-CN';
import { scheduleZhCN } from './schedule.zh-CN';
import { eventsZhCN } from './events.zh-CN';
import { volunteersZhCN } from './volunteers.zh-CN';
import { attendanceZhCN } from './attendance.zh-CN';
import { sitesZhCN } from './sites.zh-CN';
import { consoleZhCN } from './console.zh-CN';
import { notifyZhCN } from './notify.zh-CN';
import { authZhCN } from './auth.zh-CN';
import { smsZhCN } from './sms.zh-CN';
import { feedsZhCN } from './feeds.zh-CN';
import { opsZhCN } from './ops.zh-CN';
import { httpZhCN } from './http.zh-CN';
import { shareZhCN } from './share.zh-CN';
import { checkinZhCN } from './checkin.zh-CN';
import { organizationsZhCN } from './organizations.zh-CN';
import { expertsZhCN } from './experts.zh-CN';
import { textZhCN } from './text.zh-CN';
import { auditZhCN } from './audit.zh-CN';
import { validationZhCN } from './validation.zh-CN';

export const dm = {
	surveys: surveysZhCN,
	rosterImport: rosterImportZhCN,
	reports: reportsZhCN,
	coverage: coverageZhCN,
	schedule: scheduleZhCN,
	events: eventsZhCN,
	volunteers: volunteersZhCN,
	attendance: attendanceZhCN,
	sites: sitesZhCN,
	console: consoleZhCN,
	notify: notifyZhCN,
	auth: authZhCN,
	sms: smsZhCN,
	feeds: feedsZhCN,
	ops: opsZhCN,
	http: httpZhCN,
	share: shareZhCN,
	checkin: checkinZhCN,
	organizations: organizationsZhCN,
	experts: expertsZhCN,
	text: textZhCN,
	audit: auditZhCN,
	validation: validationZhCN,
};
