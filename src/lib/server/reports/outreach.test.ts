/**
 * The report's totals against counts the test takes straight from the seeded rows with its own SQL,
 * never by asking the report. The demo seed's events lie in the coming weeks, so a few are moved into
 * the past, checked in and staffed first: a report of zeros would prove nothing.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { events, questionnaires, registrations, sites, sittingOverrides, sittingVisits, volunteerRoles, volunteerShifts } from '../db/schema';
import { DomainError } from '../errors';
import { demoId } from '../seed/seed-demo';
import { listSittings } from '../schedule/sittings';
import { literacyOverviewFor } from '../surveys/results';
import { type TestDb } from '../testing/test-db';
import { monthsOf, outreachReport, outreachReportFor } from './outreach';
import { parseReportQuery } from './query';
import { createDemoDb } from '../testing/demo-db';

const TODAY = '2026-11-25';
const RM = demoId('org:rm');
const ZY = demoId('org:zy');
const COMMISSION = demoId('org:commission');
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const organizer: Actor = { userId: 'u', name: '周晓梅', isAdmin: false, organizerOf: [RM], volunteerOf: [], expertIds: [] };
const admin: Actor = { ...organizer, isAdmin: true, organizerOf: [] };

let t: TestDb;
beforeEach(async () => {
	t = await createDemoDb(TODAY);
	await makeHistory();
});
afterEach(() => t.cleanup());

/** The organization and everything under it, by the test's own recursive query. */
const subtree = (orgId: string) =>
	sql`with recursive tree(id) as (select ${orgId} union select o.id from organizations o join tree on o.parent_id = tree.id) select id from tree`;
const sitesUnder = (orgId: string) => sql`select id from sites where organization_id in (${subtree(orgId)})`;

/** Past events with people checked in, one walk-in, and 诊疗人次 on three delivered sittings. */
async function makeHistory() {
	const move = (key: string, date: string) => t.db.update(events).set({ date }).where(eq(events.id, demoId(`event:${key}`)));
	await move('clinic-this-saturday', '2026-03-14'); // 磁器口, under 区人民医院; has the demo volunteer's shift
	await move('lecture-hypertension', '2026-06-10'); // 新桥, under 区人民医院
	await move('lecture-falls', '2026-05-01'); // 山洞, under 区中医院: outside RM's report
	await move('lecture-cancelled', '2026-04-01'); // cancelled: never counted
	const checkIn = async (key: string, n: number) => {
		const ids = Array.from({ length: n }, (_, i) => demoId(`registration:${key}:${i}`));
		await t.db.update(registrations).set({ checkedInAt: new Date('2026-03-14T01:00:00Z') }).where(inArray(registrations.id, ids));
	};
	await checkIn('clinic-this-saturday', 20);
	await checkIn('lecture-hypertension', 7);
	await checkIn('lecture-falls', 9);
	// A walk-in at the clinic, and a registration cancelled after check-in (counts for nobody).
	const [first] = await t.db.select().from(registrations).where(eq(registrations.id, demoId('registration:clinic-this-saturday:0')));
	await t.db.insert(registrations).values({ ...first!, id: 'walk-in-1', phone: 'none:w1', checkInCode: 'WALKIN1', manageTokenHash: 'w1', walkIn: true });
	await t.db.update(registrations).set({ status: 'cancelled' }).where(eq(registrations.id, demoId('registration:clinic-this-saturday:1')));

	const rmSites = (await t.db.all<{ id: string }>(sitesUnder(RM))).map((r) => r.id);
	const { sittings } = await listSittings(t.db, { from: '2026-09-01', to: TODAY, siteIds: rmSites });
	const done = sittings.filter((s) => s.status === 'scheduled').slice(0, 3);
	expect(done).toHaveLength(3);
	const userId = demoId('user:organizer@yizhen.example');
	for (const [i, s] of done.entries()) await t.db.insert(sittingVisits).values({ rotationId: s.rotationId, originalDate: s.originalDate, patientsSeen: 10 + i, recordedBy: userId });
}

async function one(query: ReturnType<typeof sql>): Promise<number> {
	const row = await t.db.get<{ n: number | null }>(query);
	return Number(row?.n ?? 0);
}

describe('the outreach report of an organization subtree', () => {
	it('adds up to the counts taken straight from the seeded rows', async () => {
		const report = await outreachReport(t.db, { organizationId: RM, ...YEAR }, TODAY);
		const inRm = sql`e.site_id in (${sitesUnder(RM)}) and e.status <> 'cancelled' and e.date between '2026-01-01' and ${TODAY}`;
		const clinics = await one(sql`select count(*) as n from events e where ${inRm} and e.kind = 'free_clinic'`);
		const lectures = await one(sql`select count(*) as n from events e where ${inRm} and e.kind = 'lecture'`);
		const served = await one(
			sql`select count(*) as n from registrations r join events e on e.id = r.event_id where ${inRm} and r.status <> 'cancelled' and (r.walk_in = 1 or r.checked_in_at is not null)`
		);
		const patients = await one(sql`select sum(patients_seen) as n from sitting_visits`);
		const volunteers = await one(
			sql`select count(distinct v.user_id) as n from volunteer_shifts v join volunteer_roles r on r.id = v.role_id join events e on e.id = r.event_id where ${inRm}`
		);
		const respondents = await one(
			sql`select count(*) as n from survey_responses r join surveys s on s.id = r.survey_id where r.status = 'submitted' and s.organization_id in (${subtree(RM)})`
		);

		expect(clinics).toBe(1);
		// The hypertension lecture moved above, and the demo survey's lecture held last week.
		expect(lectures).toBe(2);
		expect(served).toBe(20 - 1 + 1 + 7);
		expect(report.totals).toMatchObject({ freeClinics: clinics, lectures, served, patientsSeen: patients, volunteers, volunteerHours: 3, respondents });
		expect(patients).toBe(33);

		// Month and site rows add up to the totals (volunteers are people, and one person in two months
		// is one in the year, so they are left out of the sum).
		for (const key of ['freeClinics', 'lectures', 'served', 'sittingsDelivered', 'sittingsCancelled', 'patientsSeen', 'respondents'] as const) {
			expect(report.byMonth.reduce((s, r) => s + r[key], 0), key).toBe(report.totals[key]);
			expect(report.bySite.reduce((s, r) => s + r[key], 0), key).toBe(report.totals[key]);
		}
		expect(report.byMonth.map((r) => r.month)).toEqual(monthsOf('2026-01-01', '2026-12-31'));
		expect(report.byMonth.find((r) => r.month === '2026-03')).toMatchObject({ label: '2026年3月', freeClinics: 1, served: 20, volunteers: 1 });
		expect(report.bySite.find((r) => r.label === '磁器口社区卫生服务中心')).toMatchObject({ freeClinics: 1, served: 20 });
		// The clinic's departments each count it once.
		expect(report.byDepartment.find((r) => r.label === '心内科')?.freeClinics).toBe(1);
		expect(report.byDepartment.find((r) => r.label === '内分泌科')?.freeClinics).toBe(1);
	});

	it('counts a volunteer once in each row and once in the year, however many shifts they served', async () => {
		// The demo volunteer served the March clinic; give them two roles at the June lecture as well.
		const [shift] = await t.db.select().from(volunteerShifts).innerJoin(volunteerRoles, eq(volunteerRoles.id, volunteerShifts.roleId)).where(eq(volunteerRoles.eventId, demoId('event:clinic-this-saturday')));
		const userId = shift!.volunteer_shifts.userId;
		const lecture = demoId('event:lecture-hypertension');
		const [held] = await t.db.select().from(events).where(eq(events.id, lecture));
		for (const name of ['测试岗位一', '测试岗位二']) {
			await t.db.insert(volunteerRoles).values({ id: `role-${name}`, eventId: lecture, name, needed: 1 });
			await t.db.insert(volunteerShifts).values({ id: `shift-${name}`, roleId: `role-${name}`, userId, source: 'organizer' });
		}
		const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
		const lectureHours = (minutes(held!.endTime) - minutes(held!.startTime)) / 60;

		const report = await outreachReport(t.db, { organizationId: RM, ...YEAR }, TODAY);
		expect(report.totals.volunteers).toBe(1);
		expect(report.totals.volunteerHours).toBe(3 + 2 * lectureHours);
		expect(report.byMonth.find((r) => r.month === '2026-06')).toMatchObject({ volunteers: 1, volunteerHours: 2 * lectureHours });
		expect(report.bySite.find((r) => r.label === '新桥社区卫生服务中心')).toMatchObject({ volunteers: 1, volunteerHours: 2 * lectureHours });
	});

	it('counts sittings as listSittings expands them: delivered up to today, cancelled or left uncovered', async () => {
		const report = await outreachReport(t.db, { organizationId: RM, ...YEAR }, TODAY);
		const rmSites = (await t.db.all<{ id: string }>(sitesUnder(RM))).map((r) => r.id);
		const { sittings } = await listSittings(t.db, { ...YEAR, siteIds: rmSites });
		const delivered = sittings.filter((s) => s.status === 'scheduled' && s.date <= TODAY).length;
		const cancelled = sittings.filter((s) => s.status === 'cancelled' || (s.status === 'needs_cover' && s.date <= TODAY)).length;
		expect(delivered).toBeGreaterThan(0);
		expect(report.totals.sittingsDelivered).toBe(delivered);
		expect(report.totals.sittingsCancelled).toBe(cancelled);
		expect(report.byDepartment.reduce((s, r) => s + r.sittingsDelivered, 0)).toBe(delivered);
	});

	it('sees a sitting cancelled and patients recorded after the same report was made (the sitting tally is cached)', async () => {
		const before = await outreachReport(t.db, { organizationId: RM, ...YEAR }, TODAY);
		const rmSites = (await t.db.all<{ id: string }>(sitesUnder(RM))).map((r) => r.id);
		const { sittings } = await listSittings(t.db, { ...YEAR, siteIds: rmSites });
		const [gone, seen] = sittings.filter((s) => s.status === 'scheduled' && s.date <= TODAY && s.date >= '2026-01-01').slice(-2);
		await t.db.insert(sittingOverrides).values({ id: 'cancel-late', rotationId: gone!.rotationId, originalDate: gone!.originalDate, cancelled: true, reason: '专家临时外出' });
		await t.db.insert(sittingVisits).values({ rotationId: seen!.rotationId, originalDate: seen!.originalDate, patientsSeen: 7, recordedBy: demoId('user:organizer@yizhen.example') });
		const after = await outreachReport(t.db, { organizationId: RM, ...YEAR }, TODAY);
		expect(after.totals.sittingsDelivered).toBe(before.totals.sittingsDelivered - 1);
		expect(after.totals.sittingsCancelled).toBe(before.totals.sittingsCancelled + 1);
		expect(after.totals.patientsSeen).toBe(before.totals.patientsSeen + 7);
	});

	it('takes the whole district for the commission, and the literacy figures agree with the survey results', async () => {
		const report = await outreachReport(t.db, { organizationId: COMMISSION, ...YEAR }, TODAY);
		const served = await one(
			sql`select count(*) as n from registrations r join events e on e.id = r.event_id where e.status <> 'cancelled' and e.date <= ${TODAY} and r.status <> 'cancelled' and (r.walk_in = 1 or r.checked_in_at is not null)`
		);
		expect(report.totals.served).toBe(served);
		expect(report.totals.lectures).toBe(3);
		// Every demo sheet was answered in the last month, so the year holds them all: the pooled figures of
		// results.ts (a different path through the same scoring) must match.
		const overview = await literacyOverviewFor(t.db, admin);
		const n = overview.reduce((s, v) => s + v.results.overall.n, 0);
		const literate = overview.reduce((s, v) => s + v.results.overall.literate, 0);
		expect(n).toBeGreaterThan(0);
		expect(report.totals.respondents).toBe(n);
		expect(report.totals.literate).toBe(literate);
		expect(report.totals.literacyLevel).toBeCloseTo(literate / n, 10);
		expect(report.literacyByVersion.reduce((s, v) => s + v.respondents, 0)).toBe(n);
	});

	it('counts only 健康素养 questionnaires in the literacy figures, not a lecture quiz or a satisfaction survey', async () => {
		const before = await outreachReport(t.db, { organizationId: COMMISSION, ...YEAR }, TODAY);
		expect(before.totals.respondents).toBeGreaterThan(0);
		await t.db.update(questionnaires).set({ kind: 'lecture_quiz' });
		const after = await outreachReport(t.db, { organizationId: COMMISSION, ...YEAR }, TODAY);
		expect(after.totals.respondents).toBe(0);
		expect(after.totals.literate).toBe(0);
		expect(after.literacyByVersion).toEqual([]);
	});

	it('keeps two sites of the same name apart in the by-site table, each labelled with its organization', async () => {
		const [ciqikou, shandong] = [demoId('site:ciqikou'), demoId('site:shandong')];
		await t.db.update(sites).set({ name: '磁器口社区卫生服务中心' }).where(eq(sites.id, shandong));
		const orgOf = async (siteId: string) =>
			(await t.db.all<{ name: string }>(sql`select o.name from sites s join organizations o on o.id = s.organization_id where s.id = ${siteId}`))[0]!.name;
		const report = await outreachReport(t.db, { organizationId: COMMISSION, ...YEAR }, TODAY);
		const [rmName, zyName] = [await orgOf(ciqikou), await orgOf(shandong)];
		expect(rmName).not.toBe(zyName);
		const rows = report.bySite.filter((r) => r.label.startsWith('磁器口社区卫生服务中心'));
		expect(rows.map((r) => r.label).sort()).toEqual([`磁器口社区卫生服务中心（${rmName}）`, `磁器口社区卫生服务中心（${zyName}）`].sort());
		const servedAt = (siteId: string) =>
			one(sql`select count(*) as n from registrations r join events e on e.id = r.event_id where e.site_id = ${siteId} and e.status <> 'cancelled' and e.date <= ${TODAY} and r.status <> 'cancelled' and (r.walk_in = 1 or r.checked_in_at is not null)`);
		expect(rows.find((r) => r.label.endsWith(`（${rmName}）`))?.served).toBe(await servedAt(ciqikou));
		expect(rows.find((r) => r.label.endsWith(`（${zyName}）`))?.served).toBe(await servedAt(shandong));
		expect(await servedAt(shandong)).toBeGreaterThan(0);
	});

	it('leaves out what falls outside the range', async () => {
		const report = await outreachReport(t.db, { organizationId: RM, from: '2026-04-01', to: '2026-05-31' }, TODAY);
		expect(report.totals).toMatchObject({ freeClinics: 0, lectures: 0, served: 0, volunteers: 0, respondents: 0 });
		expect(report.byMonth.map((r) => r.label)).toEqual(['2026年4月', '2026年5月']);
	});

	it('refuses an organization outside the organizer’s reach, and one that does not exist', async () => {
		await expect(outreachReportFor(t.db, organizer, { organizationId: ZY, ...YEAR }, TODAY)).rejects.toMatchObject({ status: 403 });
		await expect(outreachReportFor(t.db, organizer, { organizationId: COMMISSION, ...YEAR }, TODAY)).rejects.toMatchObject({ status: 403 });
		await expect(outreachReportFor(t.db, organizer, { organizationId: 'nope', ...YEAR }, TODAY)).rejects.toMatchObject({ status: 400, field: 'org', message: '没有找到这个机构，请重新选择' });
		const own = await outreachReportFor(t.db, organizer, { organizationId: RM, ...YEAR }, TODAY);
		expect(own.organization.name).toBe('重庆市沙坪坝区人民医院');
	});
});

describe('the report query', () => {
	const defaults = { organizationId: RM, today: TODAY };
	const parse = (qs: string) => parseReportQuery(new URLSearchParams(qs), defaults);
	const message = (qs: string) => {
		try {
			parse(qs);
		} catch (e) {
			expect(e).toBeInstanceOf(DomainError);
			return `${(e as DomainError).status} ${(e as DomainError).message}`;
		}
		return 'accepted';
	};

	it('defaults to the actor’s organization and this year to date', () => {
		expect(parse('')).toEqual({ organizationId: RM, from: '2026-01-01', to: TODAY });
		expect(parse(`org=${ZY}&from=2025-03-01&to=2025-06-30`)).toEqual({ organizationId: ZY, from: '2025-03-01', to: '2025-06-30' });
	});

	it('refuses malformed, reversed and over-long ranges with the reason', () => {
		expect(message('from=2026-02-30')).toBe('400 开始日期不是有效日期（如 2026-01-01）');
		expect(message('to=tomorrow')).toBe('400 结束日期不是有效日期（如 2026-01-01）');
		expect(message('from=2026-05-01&to=2026-04-01')).toBe('400 开始日期晚于结束日期，请调换后再试');
		expect(message('from=2020-01-01&to=2026-01-01')).toBe('400 日期范围不能超过 3 年，请缩短后再试');
		expect(message('from=2023-01-01&to=2025-12-31')).toBe('accepted');
	});

	it('names the field each refusal belongs to, so the form shows it there', () => {
		const field = (qs: string) => {
			try {
				parse(qs);
			} catch (e) {
				return (e as DomainError).field;
			}
			return 'accepted';
		};
		expect(field('from=2026-02-30')).toBe('from');
		expect(field('from=2026-01-01&to=20260301')).toBe('to');
		expect(field('from=2026-05-01&to=2026-04-01')).toBe('from');
		expect(field('from=2020-01-01&to=2026-01-01')).toBe('to');
		expect(field(`org=${'x'.repeat(101)}`)).toBe('org');
	});
});
