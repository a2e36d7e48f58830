import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { auditLog, registrations } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { createEvent } from './events';
import { eraseExpiredRegistrations, erasePerson, exportEventRegistrants, exportPersonData, listRegistrants, personOverview } from './people';
import { registerForEvent } from './registration';
import { residentFeedToken, resolveFeedToken } from '../feeds/tokens';
import { demoActors } from '../testing/demo-actors';
import { demoDbForEachTest } from '../testing/demo-db';

const TODAY = '2026-11-25';
const organizer = { userId: null, name: '周晓梅' };
/** 区人民医院's organizer: 新桥 is theirs, 井口 (陈家桥's) is not. */
const rmOrganizer: Actor = demoActors.rmOrganizer;
const t = demoDbForEachTest(TODAY);

const clinic = (date: string, capacity: number | null, siteId = demoId('site:xinqiao')) =>
	createEvent(t.db, organizer, { kind: 'free_clinic', siteId, title: `周末义诊 ${date}`, date, startTime: '08:30', endTime: '11:30', capacity });
const register = (eventId: string, name: string, phone: string) =>
	registerForEvent(t.db, eventId, { name, phone, ageBand: '70_79', community: '新桥社区', consent: true }, '2025-01-01', null);

describe('what organizers see and download', () => {
	it('masks every phone in the list and finds people by name or the last four digits', async () => {
		const id = await clinic('2026-12-05', 10);
		await register(id, '王秀兰', '13812345678');
		await register(id, '李建国', '13987654321');
		const all = await listRegistrants(t.db, rmOrganizer, id);
		expect(all.map((r) => r.phone)).toEqual(['138****5678', '139****4321']);
		expect((await listRegistrants(t.db, rmOrganizer, id, '4321')).map((r) => r.name)).toEqual(['李建国']);
		expect((await listRegistrants(t.db, rmOrganizer, id, '秀兰')).map((r) => r.name)).toEqual(['王秀兰']);
		// A walk-in who gave no number shows as 未留, not as the placeholder kept in the row.
		await t.db.update(registrations).set({ phone: 'none:x1', walkIn: true }).where(eq(registrations.name, '李建国'));
		expect((await listRegistrants(t.db, rmOrganizer, id, '建国'))[0]!.phone).toBe('未留');
		const { body } = await exportEventRegistrants(t.db, rmOrganizer, id);
		expect(body).not.toContain('none:x1');
	});

	it('puts full numbers only in the audited CSV download, safe for Excel', async () => {
		const id = await clinic('2026-12-05', 10);
		await register(id, '=HYPERLINK("x")', '13812345678');
		const { body, filename } = await exportEventRegistrants(t.db, rmOrganizer, id);
		expect(filename).toMatch(/^报名名单-周末义诊 2026-12-05-2026-12-05\.csv$/);
		expect(body.startsWith('\uFEFF姓名,手机号,')).toBe(true);
		expect(body).toContain('13812345678');
		// A name that looks like a formula is quoted and defused.
		expect(body).toContain(`"'=HYPERLINK(""x"")"`);
		const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'event.export-registrants'));
		expect(audit).toHaveLength(1);
		expect(audit[0]!.summary).toContain('1 条');
	});
	it('defuses a formula in any text column of the download, the community as well as the name', async () => {
		const id = await clinic('2026-12-05', 10);
		await registerForEvent(t.db, id, { name: '@SUM(1+1)', phone: '13812345678', ageBand: '70_79', community: '=HYPERLINK("http://evil","x")', consent: true }, '2025-01-01', null);
		const { body } = await exportEventRegistrants(t.db, rmOrganizer, id);
		const record = body.split('\r\n')[1]!;
		expect(record.startsWith(`'@SUM(1+1),13812345678,70–79 岁,"'=HYPERLINK(""http://evil"",""x"")",`), record).toBe(true);
	});
});

describe("a resident's data", () => {
	it('exports everything stored about one person across the organizer\'s events, and nothing of another organization', async () => {
		const mine = await clinic('2026-12-05', 10);
		const mine2 = await clinic('2026-12-12', 10);
		const theirs = await clinic('2026-12-05', 10, demoId('site:jingkou'));
		const first = await register(mine, '王秀兰', '13812345678');
		await register(mine2, '王秀兰', '13812345678');
		await register(theirs, '王秀兰', '13812345678');

		const overview = await personOverview(t.db, rmOrganizer, { eventId: mine, registrationId: first.id });
		expect(overview.phone).toBe('138****5678');
		expect(overview.registrations.map((r) => r.eventDate)).toEqual(['2026-12-05', '2026-12-12']);

		const { body } = await exportPersonData(t.db, rmOrganizer, { eventId: mine, registrationId: first.id });
		const data = JSON.parse(body);
		expect(data.person).toEqual({ name: '王秀兰', phone: '13812345678' });
		expect(data.registrations).toHaveLength(2);
		expect(data.registrations[0]).toMatchObject({ status: '已报名', community: '新桥社区', ageBand: '70–79 岁' });
		// The same registration reached through another event's page is not found: ids in URLs are checked.
		await expect(personOverview(t.db, rmOrganizer, { eventId: mine2, registrationId: first.id })).rejects.toMatchObject({ status: 404 });
	});

	it('erases name, phone and community in one go, keeps the anonymous rows, frees future places and promotes the waitlist', async () => {
		const past = await clinic('2026-11-21', 10);
		const full = await clinic('2026-12-05', 1);
		const a = await register(past, '王秀兰', '13812345678');
		await t.db.update(registrations).set({ checkedInAt: new Date('2026-11-21T01:00:00Z') }).where(eq(registrations.id, a.id));
		await register(full, '王秀兰', '13812345678');
		const waiting = await register(full, '李建国', '13987654321');
		expect(waiting.status).toBe('waitlisted');
		const calendar = await residentFeedToken(t.db, a.id, a.manageToken);

		const result = await erasePerson(t.db, rmOrganizer, { eventId: past, registrationId: a.id }, { confirmed: true, today: TODAY });
		expect(result).toEqual({ erased: 2, cancelled: 1, promoted: 1 });

		const rows = await t.db.select().from(registrations).where(eq(registrations.name, '（已删除）'));
		expect(rows).toHaveLength(2);
		for (const r of rows) {
			expect(r.phone).not.toContain('13812345678');
			expect(r.community).toBeNull();
			expect(r.erasedAt).not.toBeNull();
		}
		// The past clinic still counts one attended person, anonymously.
		const pastRow = rows.find((r) => r.eventId === past)!;
		expect(pastRow.status).toBe('registered');
		expect(pastRow.checkedInAt).not.toBeNull();
		expect(pastRow.ageBand).toBe('70_79');
		// 李建国 got the place.
		expect((await t.db.select().from(registrations).where(eq(registrations.id, waiting.id)).get())!.status).toBe('registered');
		// The audit says what happened without saying who.
		const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'person.erase'));
		expect(entry!.summary).toContain('2 条报名');
		expect(JSON.stringify(entry)).not.toContain('13812345678');
		expect(JSON.stringify(entry)).not.toContain('王秀兰');
		// Her calendar address is gone with her data.
		expect(await resolveFeedToken(t.db, calendar)).toBeNull();
		// Erasing again finds nothing left to erase.
		expect(await erasePerson(t.db, rmOrganizer, { eventId: past, registrationId: a.id }, { confirmed: true, today: TODAY })).toEqual({ erased: 0, cancelled: 0, promoted: 0 });
		expect((await personOverview(t.db, rmOrganizer, { eventId: past, registrationId: a.id })).phone).toBe('—');
	});

	it('erases registrations a year after their event, not before', async () => {
		const old = await clinic('2025-11-20', 10);
		const recent = await clinic('2025-11-26', 10);
		await register(old, '王秀兰', '13812345678');
		await register(recent, '李建国', '13987654321');
		expect(await eraseExpiredRegistrations(t.db, TODAY)).toBe(1);
		expect(await eraseExpiredRegistrations(t.db, TODAY)).toBe(0);
		const names = (await t.db.select().from(registrations).where(eq(registrations.eventId, recent))).map((r) => r.name);
		expect(names).toEqual(['李建国']);
	});
});
