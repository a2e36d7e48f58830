import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { events, experts, sites } from '../db/schema';
import { createEvent } from '../events/events';
import { changeSitting, updateRotation } from '../schedule/rotations';
import { listSittings, type SittingView } from '../schedule/sittings';
import { makeDepartment, makeExpert } from '../testing/factories';
import { actor, feedWorldForEachTest, ORIGIN, WINDOW } from '../testing/feed-world';
import { instant, parseWithIcalJs, parseWithNodeIcal, type ParsedItem } from './parse-twice';
import { publishFeed } from './publish';
import { expertPublicCalendar } from './serve';
import { expertFeed, expertPublicFeed, feedWindow, siteFeed, singleEvent, singleSitting } from './sources';

const { t, w } = feedWorldForEachTest();

async function parsedFeed(source: Parameters<typeof publishFeed>[1]) {
	const feed = await publishFeed(t.db, source);
	const a = parseWithIcalJs(feed.body).items;
	const b = parseWithNodeIcal(feed.body);
	return { feed, a, b };
}

const byUid = (items: ParsedItem[]) => new Map(items.map((i) => [i.uid, i]));
const STATUS_OF: Record<SittingView['status'], string> = { scheduled: 'CONFIRMED', cancelled: 'CANCELLED', holiday: 'CANCELLED', needs_cover: 'TENTATIVE' };

describe('a center feed, read by two parsers, matches the schedule engine occurrence by occurrence', () => {
	it('has every sitting the page shows, at the same local time, with the same state and expert', async () => {
		const { a, b } = await parsedFeed((await siteFeed(t.db, w.world.site.id, WINDOW, ORIGIN))!);
		// The two parsers agree on every field of every item.
		expect(b).toEqual(a);

		const { sittings } = await listSittings(t.db, { ...WINDOW, siteIds: [w.world.site.id] });
		const dates = sittings.map((s) => s.date);
		// The window really does contain each case.
		expect(dates).toEqual(expect.arrayContaining(['2026-09-20', '2026-10-01', '2026-10-10', '2026-10-13', '2026-10-15', '2026-10-21', '2026-10-27']));
		expect(a).toHaveLength(sittings.length);

		const items = byUid(a);
		for (const s of sittings) {
			const item = items.get(`${s.id}@sitting.yizhen`);
			expect(item, s.id).toBeDefined();
			expect(item!.start).toBe(instant(s.date, s.startTime, 'Asia/Shanghai'));
			expect(item!.end).toBe(instant(s.date, s.endTime, 'Asia/Shanghai'));
			expect(item!.tzid).toBe('Asia/Shanghai');
			expect(item!.status).toBe(STATUS_OF[s.status]);
			expect(item!.summary).toContain(s.expert.name);
			expect(item!.summary.startsWith('【停诊】')).toBe(s.status === 'cancelled' || s.status === 'holiday');
			expect(item!.location).toBe('新桥社区卫生服务中心（重庆市沙坪坝区测试路 1 号）');
			expect(item!.description).toContain(`${ORIGIN}/centers/${w.world.site.id}?week=${s.date}`);
		}
	});

	it('says what happened in words a resident reads', async () => {
		const { a } = await parsedFeed((await siteFeed(t.db, w.world.site.id, WINDOW, ORIGIN))!);
		const on = (date: string) => a.find((i) => i.uid.includes(`_${date}@`))!;
		expect(on('2026-10-01')).toMatchObject({ status: 'CANCELLED', summary: '【停诊】康复科 · 李康 主任医师' });
		expect(on('2026-10-01').description).toContain('国庆节，本次坐诊休诊');
		expect(on('2026-09-20')).toMatchObject({ status: 'CONFIRMED' });
		expect(on('2026-09-20').description).toContain('调休上班日');
		expect(on('2026-10-13').description).toContain('原因：专家外出会诊');
		expect(on('2026-10-15')).toMatchObject({ status: 'CONFIRMED', summary: '康复科 · 王复 副主任医师' });
		expect(on('2026-10-15').description).toContain('由 王复 副主任医师 替 李康 主任医师 坐诊');
		// Moved: keyed by the original date, shown at the new one.
		const moved = on('2026-10-20');
		expect(moved.start).toBe(instant('2026-10-21', '14:00', 'Asia/Shanghai'));
		expect(moved.description).toContain('原定 10月20日 周二 上午');
		expect(on('2026-10-27')).toMatchObject({ status: 'TENTATIVE' });
		expect(on('2026-10-27').summary.startsWith('【待定】')).toBe(true);
	});
});

describe('an expert feed', () => {
	it('takes a covered sitting off the rostered expert and puts it on the substitute', async () => {
		const mine = await parsedFeed((await expertFeed(t.db, w.world.expert.id, WINDOW, ORIGIN))!);
		const theirs = await parsedFeed((await expertFeed(t.db, w.world.colleague.id, WINDOW, ORIGIN))!);
		expect(mine.b).toEqual(mine.a);
		expect(theirs.b).toEqual(theirs.a);
		const uid = `${w.rotationId}_2026-10-15@sitting.yizhen`;
		expect(byUid(mine.a).get(uid)).toMatchObject({ status: 'CANCELLED' });
		expect(byUid(mine.a).get(uid)!.summary.startsWith('【停诊】')).toBe(true);
		expect(byUid(mine.a).get(uid)!.description).toContain('本次由 王复 副主任医师 替您坐诊');
		expect(byUid(theirs.a).get(uid)).toMatchObject({ status: 'CONFIRMED', summary: '康复科坐诊 · 新桥社区卫生服务中心' });
		// The colleague's calendar holds that one sitting only.
		expect(theirs.a.map((i) => i.uid)).toEqual([uid]);
		// On leave: off for the expert, not "to be decided".
		expect(byUid(mine.a).get(`${w.rotationId}_2026-10-27@sitting.yizhen`)).toMatchObject({ status: 'CANCELLED' });
	});
});

describe('a substitute of another specialty', () => {
	it('is named in the center feed with their own department, as the page names them', async () => {
		const cardiology = await makeDepartment(t.db, '心内科');
		const cardiologist = await makeExpert(t.db, { name: '陈志明', title: '主任医师', departmentId: cardiology.id, organizationId: w.world.hospital.id });
		await changeSitting(t.db, w.rotationId, '2026-10-08', { substituteExpertId: cardiologist.id });
		const { a } = await parsedFeed((await siteFeed(t.db, w.world.site.id, WINDOW, ORIGIN))!);
		const covered = byUid(a).get(`${w.rotationId}_2026-10-08@sitting.yizhen`)!;
		expect(covered.summary).toBe('心内科 · 陈志明 主任医师');
		expect(covered.summary).not.toContain('康复科');
	});
});

describe("an expert's public feed, for residents who follow their doctor", () => {
	it('holds exactly the sittings the expert page lists, a cancelled one as cancelled with the reason the page shows', async () => {
		const source = (await expertPublicFeed(t.db, w.world.expert.id, WINDOW, ORIGIN))!;
		const { sittings } = await listSittings(t.db, { ...WINDOW, expertId: w.world.expert.id });
		expect(source.items.map((i) => i.uid)).toEqual(sittings.map((s) => `${s.id}@sitting.yizhen`));
		expect(source.name).toBe('李康 主任医师 坐诊安排');

		const { a, b } = await parsedFeed(source);
		expect(b).toEqual(a);
		const cancelled = byUid(a).get(`${w.rotationId}_2026-10-13@sitting.yizhen`)!;
		expect(cancelled.status).toBe('CANCELLED');
		expect(cancelled.summary).toBe('【停诊】康复科 · 李康 主任医师 · 新桥社区卫生服务中心');
		expect(cancelled.description).toContain('专家外出会诊');
		expect(byUid(a).get(`${w.rotationId}_2026-10-08@sitting.yizhen`)).toMatchObject({ status: 'CONFIRMED', summary: '康复科 · 李康 主任医师 · 新桥社区卫生服务中心' });
	});

	it('takes a sitting off when the doctor is on leave or covered, without the leave reason, and puts it on the substitute', async () => {
		const mine = (await parsedFeed((await expertPublicFeed(t.db, w.world.expert.id, WINDOW, ORIGIN))!)).a;
		const onLeave = byUid(mine).get(`${w.rotationId}_2026-10-27@sitting.yizhen`)!;
		expect(onLeave.status).toBe('CANCELLED');
		expect(onLeave.description).toContain('专家请假');
		// What the page says is 专家请假; why is between the expert and the organizer.
		for (const item of mine) expect(item.description, item.uid).not.toContain('外出学习');
		// Written for the resident, not to the doctor.
		for (const item of mine) expect(item.description, item.uid).not.toContain('您');

		const covered = `${w.rotationId}_2026-10-15@sitting.yizhen`;
		expect(byUid(mine).get(covered)).toMatchObject({ status: 'CANCELLED' });
		expect(byUid(mine).get(covered)!.description).toContain('改由 王复 副主任医师 坐诊');
		const theirs = (await parsedFeed((await expertPublicFeed(t.db, w.world.colleague.id, WINDOW, ORIGIN))!)).a;
		expect(theirs.map((i) => i.uid)).toEqual([covered]);
		expect(theirs[0]).toMatchObject({ status: 'CONFIRMED', summary: '康复科 · 王复 副主任医师 · 新桥社区卫生服务中心' });
	});

	it('keeps to the window and leaves out the events of the expert\'s own feed', async () => {
		const narrow = feedWindow('2026-10-12', { daysBack: 0, daysAhead: 7 });
		const items = (await expertPublicFeed(t.db, w.world.expert.id, narrow, ORIGIN))!.items;
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) expect(item.date >= narrow.from && item.date <= narrow.to, item.uid).toBe(true);
		expect(items.map((i) => i.uid)).toContain(`${w.rotationId}_2026-10-13@sitting.yizhen`);
		expect(items.map((i) => i.uid)).not.toContain(`${w.rotationId}_2026-10-27@sitting.yizhen`);

		const lecture = await createEvent(t.db, actor, {
			kind: 'lecture',
			siteId: w.world.site.id,
			title: '颈肩腰腿痛的康复',
			topic: '康复训练',
			date: '2026-10-17',
			startTime: '09:30',
			endTime: '10:30',
			speakerExpertId: w.world.expert.id
		});
		const own = (await expertFeed(t.db, w.world.expert.id, WINDOW, ORIGIN))!.items.map((i) => i.uid);
		const open = (await expertPublicFeed(t.db, w.world.expert.id, WINDOW, ORIGIN))!.items.map((i) => i.uid);
		expect(own).toContain(`${lecture}@event.yizhen`);
		expect(open).not.toContain(`${lecture}@event.yizhen`);
	});

	it('is null for an unknown or deactivated expert, as the page is a 404', async () => {
		expect(await expertPublicFeed(t.db, 'no-such-expert', WINDOW, ORIGIN)).toBeNull();
		expect(await expertPublicCalendar(t.db, '<script>', { origin: ORIGIN, today: '2026-10-01' })).toBeNull();
		expect(await expertPublicCalendar(t.db, w.world.expert.id, { origin: ORIGIN, today: '2026-10-01' })).not.toBeNull();
		await t.db.update(experts).set({ active: false }).where(eq(experts.id, w.world.expert.id));
		expect(await expertPublicFeed(t.db, w.world.expert.id, WINDOW, ORIGIN)).toBeNull();
		expect(await expertPublicCalendar(t.db, w.world.expert.id, { origin: ORIGIN, today: '2026-10-01' })).toBeNull();
	});
});

describe('changes', () => {
	it('bump SEQUENCE, DTSTAMP and the ETag of the changed item only; an unchanged feed is byte-identical', async () => {
		const load = async () => (await siteFeed(t.db, w.world.site.id, WINDOW, ORIGIN))!;
		const first = await publishFeed(t.db, await load(), new Date('2026-09-01T00:00:00Z'));
		const again = await publishFeed(t.db, await load(), new Date('2026-09-02T00:00:00Z'));
		expect(again.body).toBe(first.body);
		expect(again.etag).toBe(first.etag);
		expect(again.lastModified).toEqual(first.lastModified);

		await changeSitting(t.db, w.rotationId, '2026-10-08', { cancelled: true, reason: '暴雨' });
		const changed = await publishFeed(t.db, await load(), new Date('2026-09-03T00:00:00Z'));
		expect(changed.etag).not.toBe(first.etag);
		expect(changed.lastModified).toEqual(new Date('2026-09-03T00:00:00Z'));
		const before = byUid(parseWithIcalJs(first.body).items);
		const after = byUid(parseWithNodeIcal(changed.body));
		const uid = `${w.rotationId}_2026-10-08@sitting.yizhen`;
		expect(before.get(uid)).toMatchObject({ sequence: 0, status: 'CONFIRMED' });
		expect(after.get(uid)).toMatchObject({ sequence: 1, status: 'CANCELLED', summary: '【停诊】康复科 · 李康 主任医师' });
		expect(changed.body).toContain('DTSTAMP:20260903T000000Z');
		for (const [other, item] of after) if (other !== uid) expect(item.sequence, other).toBe(before.get(other)!.sequence);

		// A rule edit (a later start) changes every future item's time: each is bumped once.
		await updateRotation(t.db, w.rotationId, {
			expertId: w.world.expert.id,
			siteId: w.world.site.id,
			departmentId: w.world.department.id,
			rrule: 'FREQ=WEEKLY;BYDAY=TU,TH',
			startTime: '09:00',
			endTime: '11:30',
			validFrom: '2026-01-05',
			countSwapDays: true
		});
		const edited = byUid(parseWithIcalJs((await publishFeed(t.db, await load())).body).items);
		expect(edited.get(`${w.rotationId}_2026-09-01@sitting.yizhen`)).toMatchObject({ sequence: 1, start: instant('2026-09-01', '09:00', 'Asia/Shanghai') });
		expect(edited.get(uid)).toMatchObject({ sequence: 2 });
	});

	it('keeps a cancelled event in the feed with 【已取消】 and STATUS:CANCELLED', async () => {
		const eventId = await createEvent(t.db, actor, {
			kind: 'lecture',
			siteId: w.world.site.id,
			title: '冬季心脑血管病预防',
			topic: '心脑血管病的早期信号和预防',
			date: '2026-10-17',
			startTime: '09:30',
			endTime: '10:30',
			speakerExpertId: w.world.expert.id
		});
		await t.db.update(events).set({ status: 'cancelled', cancelReason: '场地维修' }).where(eq(events.id, eventId));
		const { a, b } = await parsedFeed((await siteFeed(t.db, w.world.site.id, WINDOW, ORIGIN))!);
		expect(b).toEqual(a);
		expect(byUid(a).get(`${eventId}@event.yizhen`)).toMatchObject({
			status: 'CANCELLED',
			summary: '【已取消】健康讲座：冬季心脑血管病预防',
			start: instant('2026-10-17', '09:30', 'Asia/Shanghai')
		});
		// The speaker's own calendar has it too.
		const expertItems = (await parsedFeed((await expertFeed(t.db, w.world.expert.id, WINDOW, ORIGIN))!)).a;
		expect(expertItems.map((i) => i.uid)).toContain(`${eventId}@event.yizhen`);
	});
});

describe('long Chinese text', () => {
	it('is folded at 75 octets with CRLF, never inside a character, and reads back whole', async () => {
		const title = '社区居民慢性病综合防治与合理用药、营养膳食、科学运动、心理健康和家庭急救技能系列健康讲座'.repeat(2);
		const eventId = await createEvent(t.db, actor, {
			kind: 'free_clinic',
			siteId: w.world.site.id,
			title: title.slice(0, 60),
			date: '2026-10-18',
			startTime: '08:30',
			endTime: '11:30',
			services: ['量血压', '测血糖', '中医推拿', '针灸理疗', '眼底检查', '心电图', '骨密度检测', '口腔检查', '用药咨询', '康复指导'],
			whatToBring: '医保卡、身份证、近期的检查报告和正在服用的药品（或药盒），空腹前来以便抽血检查'
		});
		const { feed, a, b } = await parsedFeed((await siteFeed(t.db, w.world.site.id, WINDOW, ORIGIN))!);
		expect(feed.body.includes('\n')).toBe(true);
		expect(feed.body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		// Split the bytes a client receives: every line must be ≤ 75 octets and valid UTF-8 on its own,
		// which a fold through the middle of a three-byte character would break.
		const bytes = Buffer.from(feed.body, 'utf8');
		const strict = new TextDecoder('utf-8', { fatal: true });
		let start = 0;
		let lines = 0;
		for (let i = bytes.indexOf('\r\n'); i !== -1; i = bytes.indexOf('\r\n', start)) {
			const line = bytes.subarray(start, i);
			expect(line.length).toBeLessThanOrEqual(75);
			expect(() => strict.decode(line)).not.toThrow();
			start = i + 2;
			lines++;
		}
		expect(start).toBe(bytes.length);
		expect(lines).toBeGreaterThan(40);
		const item = byUid(a).get(`${eventId}@event.yizhen`)!;
		expect(item.summary).toBe(`义诊：${title.slice(0, 60)}`);
		expect(item.description).toContain('服务项目：量血压、测血糖、中医推拿、针灸理疗、眼底检查、心电图、骨密度检测、口腔检查、用药咨询、康复指导');
		expect(byUid(b).get(item.uid)).toEqual(item);
	});
});

describe('names with line breaks, stored before the single-line rule or brought in by an import', () => {
	// The forms refuse these now (text/single-line.ts), so they go straight into the tables.
	const hostileSite = '新桥\r\nEND:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:假的; 坐诊, 取消\\';
	const hostileTitle = '心脑血管病预防\r\nATTENDEE:mailto:x@evil';
	/** An autumn clinic at the world's center, renamed after it was made, as an old row or an import could be. */
	const clinicWithHostileTitle = async () => {
		const eventId = await createEvent(t.db, actor, { kind: 'free_clinic', siteId: w.world.site.id, title: '秋季义诊', date: '2026-10-17', startTime: '09:30', endTime: '11:30' });
		await t.db.update(events).set({ title: hostileTitle }).where(eq(events.id, eventId));
		return eventId;
	};
	const asParsed = (text: string) => text.replace(/\r\n/g, '\n');

	/** Everything two parsers and the raw lines say about the calendar's shape. */
	function shapeOf(body: string) {
		const lines = body.split('\r\n');
		const icalJs = ICAL.parse(body);
		// ical.js gives an array of components when the text holds more than one calendar.
		const calendars = Array.isArray(icalJs[0]) ? (icalJs as unknown[]).length : 1;
		const calendar = parseWithIcalJs(body).calendar;
		const byNodeIcal = Object.values(nodeIcal.sync.parseICS(body));
		// ical.js knows neither NAME (RFC 7986) nor X-WR-CALNAME and hands their values back raw: its own
		// TEXT decoder reads them as a client that knows them would.
		const textOf = (property: string) => {
			const raw: unknown = calendar.getFirstProperty(property)?.toJSON()[3];
			return typeof raw === 'string' ? ICAL.design.icalendar.value.text!.fromICAL!(raw) : null;
		};
		return {
			beginCalendarLines: lines.filter((l) => l === 'BEGIN:VCALENDAR').length,
			endCalendarLines: lines.filter((l) => l === 'END:VCALENDAR').length,
			attendeeLines: lines.filter((l) => /^ATTENDEE/i.test(l)).length,
			icalJsCalendars: calendars,
			icalJsEvents: calendar.getAllSubcomponents('vevent').length,
			icalJsAttendees: calendar.getAllSubcomponents('vevent').flatMap((v) => v.getAllProperties('attendee')).length,
			icalJsName: textOf('name'),
			icalJsCalname: textOf('x-wr-calname'),
			nodeIcalEvents: byNodeIcal.filter((c) => c?.type === 'VEVENT').length,
			nodeIcalAttendees: byNodeIcal.filter((c) => c?.type === 'VEVENT' && 'attendee' in c).length,
			// node-ical keeps calendar properties it does not know under their name less the X- prefix.
			nodeIcalName: (byNodeIcal.find((c) => c?.type === 'VCALENDAR') as Record<string, unknown> | undefined)?.['WR-CALNAME']
		};
	}

	it('cannot end a center calendar early, add an event or an attendee, and reads back as stored', async () => {
		await t.db.update(sites).set({ name: hostileSite }).where(eq(sites.id, w.world.site.id));
		const eventId = await clinicWithHostileTitle();
		const { sittings } = await listSittings(t.db, { ...WINDOW, siteIds: [w.world.site.id] });
		const { feed, a, b } = await parsedFeed((await siteFeed(t.db, w.world.site.id, WINDOW, ORIGIN))!);

		const calendarName = asParsed(`${hostileSite} 坐诊和活动`);
		expect(shapeOf(feed.body)).toEqual({
			beginCalendarLines: 1,
			endCalendarLines: 1,
			attendeeLines: 0,
			icalJsCalendars: 1,
			icalJsEvents: sittings.length + 1,
			icalJsAttendees: 0,
			icalJsName: calendarName,
			icalJsCalname: calendarName,
			nodeIcalEvents: sittings.length + 1,
			nodeIcalAttendees: 0,
			nodeIcalName: calendarName
		});
		expect(feed.body.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(feed.body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		expect(b).toEqual(a);
		expect(a.map((i) => i.uid)).not.toContain('evil');
		expect(byUid(a).get(`${eventId}@event.yizhen`)!.summary).toBe(asParsed(`义诊：${hostileTitle}`));
		expect(byUid(a).get(`${eventId}@event.yizhen`)!.location).toBe(asParsed(`${hostileSite}（重庆市沙坪坝区测试路 1 号）`));
	});

	it('cannot add an attendee to an event download, whose name is the event title', async () => {
		const eventId = await clinicWithHostileTitle();
		const feed = await publishFeed(t.db, (await singleEvent(t.db, eventId, ORIGIN))!);
		const name = asParsed(`义诊：${hostileTitle}`);
		expect(shapeOf(feed.body)).toMatchObject({
			beginCalendarLines: 1,
			endCalendarLines: 1,
			attendeeLines: 0,
			icalJsEvents: 1,
			icalJsAttendees: 0,
			icalJsName: name,
			nodeIcalEvents: 1,
			nodeIcalAttendees: 0,
			nodeIcalName: name
		});
	});

	it('loses control characters other than line breaks, which iCalendar text cannot hold', async () => {
		await t.db.update(sites).set({ name: '新桥\u0001社区\u0007卫生\u007f服务\u001b中心\u000b' }).where(eq(sites.id, w.world.site.id));
		const { feed, a } = await parsedFeed((await siteFeed(t.db, w.world.site.id, WINDOW, ORIGIN))!);
		expect(feed.body).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
		expect(shapeOf(feed.body).icalJsName).toBe('新桥社区卫生服务中心 坐诊和活动');
		expect(a[0]!.location).toBe('新桥社区卫生服务中心（重庆市沙坪坝区测试路 1 号）');
	});
});

describe('a single sitting download', () => {
	it('holds that one sitting with the feed UID, and unknown ids find nothing', async () => {
		const one = (await singleSitting(t.db, `${w.rotationId}_2026-10-15`, ORIGIN))!;
		expect(one.items.map((i) => i.uid)).toEqual([`${w.rotationId}_2026-10-15@sitting.yizhen`]);
		expect(await singleSitting(t.db, `${w.rotationId}_2026-10-16`, ORIGIN)).toBeNull();
		expect(await singleSitting(t.db, 'nope_2026-10-15', ORIGIN)).toBeNull();
	});
});
