import { eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { addDays } from '../../calendar-date';
import { auditLog, experts, rotations, sites } from '../db/schema';
import { CENTERS } from '../seed/demo-data';
import { demoId } from '../seed/seed-demo';
import { makeExpert } from '../testing/factories';
import { applyRosterImport, previewRosterImport, type ImportPreview } from './import';
import { demoActors } from '../testing/demo-actors';
import { demoDbForEachTest } from '../testing/demo-db';

const TODAY = '2026-11-25';
/** Organizes the commission, so every site of the district is in reach. */
const organizer: Actor = { userId: demoId('user:organizer@yizhen.example'), name: '周晓梅', isAdmin: false, organizerOf: [demoId('org:commission')], volunteerOf: [], expertIds: [] };
/** 周晓梅 as the README signs her in: 区人民医院 and its 8 centers, whom the sample sheets are for. */
const readmeOrganizer: Actor = demoActors.rmOrganizer;
const cjqOrganizer: Actor = demoActors.cjqOrganizer;
const volunteer: Actor = demoActors.volunteer;
const sampleCsv = readFileSync('docs/samples/roster-sample.csv');
const sampleXlsx = readFileSync('docs/samples/roster-sample.xlsx');
const twoBad = readFileSync('docs/samples/roster-two-bad-rows.csv');
const withChenjiaqiaoRow = readFileSync('docs/samples/roster-with-a-chenjiaqiao-row.csv');
/** The sample's data rows, read independently of the import: every non-empty line after the header. */
const sampleLines = sampleCsv.toString('utf8').split(/\r?\n/).filter((l) => l.trim() !== '').slice(1);

const HEADER = ['专家', '职称', '科室', '社区卫生服务中心', '星期', '上午/下午', '开始时间', '结束时间', '开始日期', '结束日期', '号源', '频次'];
type Cells = Partial<Record<(typeof HEADER)[number], string>>;
/** A CSV with the template's header; each row names only the cells it fills. */
function sheet(rows: Cells[], header: readonly string[] = HEADER): Uint8Array {
	const lines = [header.join(','), ...rows.map((r) => header.map((h) => r[h] ?? '').join(','))];
	return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}
const row = (cells: Cells): Cells => ({ 职称: '', 开始日期: '2026-12-01', ...cells });

const t = demoDbForEachTest(TODAY);

const allRotations = () => t.db.select().from(rotations);
const importAudits = async () => (await t.db.select().from(auditLog)).filter((a) => a.action === 'rotation.import');
const preview = (bytes: Uint8Array, filename = 'roster.csv', actor: Actor = organizer) => previewRosterImport(t.db, actor, bytes, filename, TODAY);
const errorsOf = (p: ImportPreview, rowNumber: number) => p.rows.find((r) => r.rowNumber === rowNumber)!.errors;

describe('the sample sheets', () => {
	it('has every row at a center of the README’s organizer, so she checks them without a refusal', async () => {
		const own = new Set(CENTERS.filter((c) => c.hospital === 'rm').map((c) => demoId(`site:${c.key}`)));
		for (const [bytes, name] of [[sampleCsv, 'roster-sample.csv'], [sampleXlsx, 'roster-sample.xlsx']] as const) {
			const p = await preview(bytes, name, readmeOrganizer);
			expect(p.rows.map((r) => r.errors)).toEqual(sampleLines.map(() => []));
			expect(p).toMatchObject({ valid: true, outOfScope: 0, counts: { new: sampleLines.length, unchanged: 0, invalid: 0 } });
			expect(p.rows.every((r) => own.has(r.input!.siteId))).toBe(true);
		}
	});

	it('imports every row of the CSV once, with an audit entry each, and a second import changes nothing', async () => {
		const before = await allRotations();
		const first = await applyRosterImport(t.db, readmeOrganizer, sampleCsv, 'roster-sample.csv', TODAY);
		expect(first).toMatchObject({ created: sampleLines.length, unchanged: 0 });
		const after = await allRotations();
		expect(after).toHaveLength(before.length + sampleLines.length);

		// The one row with its own times (程立, 星期二 09:00–11:00) is stored as written.
		const chengli = after.find((r) => r.expertId === demoId('expert:chengli') && r.siteId === demoId('site:shijingpo') && r.startTime === '09:00');
		expect(chengli).toMatchObject({ rrule: 'FREQ=WEEKLY;BYDAY=TU', endTime: '11:00', validFrom: '2026-12-01', validUntil: null, quota: 12, active: true });

		const audits = await importAudits();
		expect(audits).toHaveLength(sampleLines.length);
		const chengliAudit = audits.find((a) => a.objectId === chengli!.id)!;
		const shijingpo = await t.db.select().from(sites).where(eq(sites.id, demoId('site:shijingpo'))).get();
		expect(chengliAudit).toMatchObject({ objectKind: 'rotation', actorName: '周晓梅', organizationId: shijingpo!.organizationId });
		expect(chengliAudit.summary).toBe('导入坐诊安排：程立 每周二上午 09:00–11:00 石井坡社区卫生服务中心');
		expect(chengliAudit.after).toMatchObject({ expertId: chengli!.expertId, startTime: '09:00', quota: 12 });

		const again = await applyRosterImport(t.db, readmeOrganizer, sampleCsv, 'roster-sample.csv', TODAY);
		expect(again).toMatchObject({ created: 0, unchanged: sampleLines.length });
		expect(again.preview.rows.every((r) => r.status === 'unchanged')).toBe(true);
		expect(await allRotations()).toHaveLength(after.length);
		expect(await importAudits()).toHaveLength(sampleLines.length);
	});

	it('reads the .xlsx sample (real date and time cells) into exactly the rows of the CSV sample', async () => {
		const fromCsv = await preview(sampleCsv, 'roster-sample.csv');
		const fromXlsx = await preview(sampleXlsx, 'roster-sample.xlsx');
		expect(fromXlsx.counts).toEqual({ new: sampleLines.length, unchanged: 0, invalid: 0 });
		expect(fromXlsx.rows.map((r) => [r.rowNumber, r.summary, r.input])).toEqual(fromCsv.rows.map((r) => [r.rowNumber, r.summary, r.input]));

		await applyRosterImport(t.db, readmeOrganizer, sampleXlsx, 'roster-sample.xlsx', TODAY);
		expect((await preview(sampleCsv)).counts).toEqual({ new: 0, unchanged: sampleLines.length, invalid: 0 });
	});

	it('summarizes each row the way residents read a schedule', async () => {
		const p = await preview(sampleCsv);
		expect(p.rows.map((r) => r.summary)).toEqual(
			expect.arrayContaining([
				'钱明 · 隔周周五上午 08:30–11:30 · 渝碚路社区卫生服务中心',
				'许斌 · 每月第一个周六上午 08:30–11:30 · 童家桥社区卫生服务中心',
				'魏兰 · 每周一至周五下午 14:00–17:00 · 磁器口社区卫生服务中心'
			])
		);
	});

	it('reads a CSV that Excel on Chinese Windows saved in GBK, and one with a UTF-8 BOM', async () => {
		const expected = (await preview(sampleCsv)).rows.map((r) => r.input);
		const gbk = new Uint8Array(iconv.encode(sampleCsv.toString('utf8'), 'gbk'));
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
		expect((await preview(gbk)).rows.map((r) => r.input)).toEqual(expected);
		const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...sampleCsv]);
		expect((await preview(bom)).rows.map((r) => r.input)).toEqual(expected);
	});
});

describe('a sheet with two bad rows', () => {
	it('imports nothing and explains both rows by the row numbers Excel shows', async () => {
		const rotationsBefore = (await allRotations()).length;
		const p = await preview(twoBad, 'roster-two-bad-rows.csv');
		expect(p.valid).toBe(false);
		expect(p.rows.map((r) => [r.rowNumber, r.status])).toEqual([
			[2, 'new'],
			[3, 'invalid'],
			[4, 'invalid']
		]);
		expect(errorsOf(p, 3)).toEqual(['“专家”中的“张三丰”不存在，请先在工作台添加这位专家']);
		expect(errorsOf(p, 4)).toEqual(['“结束时间”12:00 应晚于“开始时间”14:00']);

		const refused = applyRosterImport(t.db, organizer, twoBad, 'roster-two-bad-rows.csv', TODAY);
		await expect(refused).rejects.toMatchObject({ kind: 'invalid', message: '有 2 行需要修改，整张表都没有导入：第 3、4 行。' });
		expect(await allRotations()).toHaveLength(rotationsBefore);
		expect(await importAudits()).toHaveLength(0);
	});

	it('reports every problem of a row at once, each naming its column as the sheet calls it', async () => {
		const header = ['姓名', '科室', '坐诊地点', '坐诊日', '时段', '起始日期', '号源数', '规则'];
		const bytes = sheet([{ 姓名: '陈志明', 科室: '骨科', 坐诊地点: '新桥社区卫生中心', 坐诊日: '周八', 时段: '傍晚', 起始日期: '2026-13-01', 号源数: '多', 规则: '单周' }], header);
		const errors = errorsOf(await preview(bytes), 2);
		expect(errors).toEqual([
			'“姓名”中的“陈志明”属于心内科，与“科室”中的“骨科”不一致',
			'“坐诊地点”中的“新桥社区卫生中心”不存在，是不是“新桥社区卫生服务中心”？',
			'“坐诊日”中的“周八”无法识别，可填 周二、周四 或 周一至周五',
			'“规则”中的“单周”无法识别，可填 每周、隔周、每月第一个 或 每月最后一个',
			'“时段”中的“傍晚”无法识别，可填 上午、下午 或 全天',
			'“起始日期”中的“2026-13-01”不是有效日期，应如 2026-12-01',
			'“号源数”中的“多”应为 0 到 500 的整数；不限号源请留空'
		]);
	});
});

describe('who and where', () => {
	it('marks rows for sites outside the organizer’s reach in the preview, naming whose center it is, and refuses the sheet with a 403, writing nothing', async () => {
		const chenjiaqiao = new Set(CENTERS.filter((c) => c.hospital === 'cjq').map((c) => demoId(`site:${c.key}`)));
		const p = await preview(withChenjiaqiaoRow, 'roster-with-a-chenjiaqiao-row.csv', readmeOrganizer);
		const byCommission = await preview(withChenjiaqiaoRow);
		for (const r of p.rows) {
			const elsewhere = chenjiaqiao.has(byCommission.rows.find((x) => x.rowNumber === r.rowNumber)!.input!.siteId);
			const siteName = r.summary.split(' · ')[2]!;
			expect(r.outOfScope).toBe(elsewhere);
			expect(r.errors).toEqual(elsewhere ? [`「${siteName}」属于陈家桥医院，不归您负责，您无权在这里安排坐诊`] : []);
		}
		expect(p).toMatchObject({ outOfScope: 1, inScope: 2, inScopeImportable: true, valid: false });
		const rotationsBefore = (await allRotations()).length;
		await expect(applyRosterImport(t.db, readmeOrganizer, withChenjiaqiaoRow, 'roster-with-a-chenjiaqiao-row.csv', TODAY)).rejects.toMatchObject({ status: 403 });
		expect(await allRotations()).toHaveLength(rotationsBefore);
		expect(await importAudits()).toHaveLength(0);
	});

	it('refuses someone who organizes nothing with a 403 before reading the file', async () => {
		const garbage = new TextEncoder().encode('not a roster at all');
		await expect(previewRosterImport(t.db, volunteer, garbage, 'roster.pdf', TODAY)).rejects.toMatchObject({ status: 403 });
		await expect(applyRosterImport(t.db, volunteer, garbage, 'roster.pdf', TODAY)).rejects.toMatchObject({ status: 403 });
		// The same file from an organizer is a 400 about the file: the 403 above came first.
		await expect(previewRosterImport(t.db, cjqOrganizer, garbage, 'roster.pdf', TODAY)).rejects.toMatchObject({ status: 400 });
	});

	it('imports an organizer’s own sites', async () => {
		const bytes = sheet([row({ 专家: '杜娟', 科室: '妇科', 社区卫生服务中心: '井口社区卫生服务中心', 星期: '周日', '上午/下午': '上午' })]);
		const result = await applyRosterImport(t.db, cjqOrganizer, bytes, 'roster.csv', TODAY);
		expect(result).toMatchObject({ created: 1, unchanged: 0 });
		expect((await importAudits()).map((a) => a.actorUserId)).toEqual([cjqOrganizer.userId]);
	});

	it('tells namesakes apart by 职称 or 医院, and asks for one when neither is given', async () => {
		const original = demoId('expert:chenzhiming');
		const namesake = await makeExpert(t.db, { name: '陈志明', title: '副主任医师', departmentId: demoId('department:心内科'), organizationId: demoId('org:zy') });
		const base = row({ 专家: '陈志明', 科室: '心内科', 社区卫生服务中心: '西永社区卫生服务中心', 星期: '周日', '上午/下午': '上午' });
		const bytes = sheet([base, { ...base, 职称: '主任医师' }, { ...base, 职称: '副主任医师', '上午/下午': '下午' }]);
		const p = await preview(bytes);
		expect(errorsOf(p, 2)).toEqual(['心内科有 2 位专家叫“陈志明”，请填写“职称”或“医院”加以区分']);
		expect(p.rows[1]!.input?.expertId).toBe(original);
		expect(p.rows[2]!.input?.expertId).toBe(namesake.id);

		const byHospital = sheet([{ ...base, 医院: '区中医院' }], [...HEADER, '医院']);
		expect((await preview(byHospital)).rows[0]!.input?.expertId).toBe(namesake.id);
	});

	it('takes the expert’s own department when 科室 is left out, and suggests the center meant', async () => {
		const header = ['专家', '中心', '星期', '上午/下午', '开始日期'];
		const bytes = sheet([{ 专家: '孙倩', 中心: '新桥社区卫生服务中心', 星期: '周日', '上午/下午': '上午', 开始日期: '2026-12-01' }, { 专家: '孙倩', 中心: '新桥', 星期: '周日', '上午/下午': '下午', 开始日期: '2026-12-01' }], header);
		const p = await preview(bytes);
		expect(p.rows[0]!.input?.departmentId).toBe(demoId('department:内分泌科'));
		expect(errorsOf(p, 3)).toEqual(['“中心”中的“新桥”不存在，是不是“新桥社区卫生服务中心”？']);
	});
});

describe('what organizers write', () => {
	it('reads every weekday, slot, cadence and date format into the rule it means', async () => {
		// One expert without rotations of his own; each case in a month of its own, so none clash.
		const on = (星期: string, more: Cells) => row({ 专家: '杨帆', 科室: '心内科', 社区卫生服务中心: '联芳社区卫生服务中心', 星期, '上午/下午': '上午', ...more });
		type Expected = Partial<{ rrule: string; startTime: string; endTime: string; validFrom: string; validUntil: string | null }>;
		const cases: [Cells, Expected][] = [
			[on('周二', { 开始日期: '2026-12-01', 结束日期: '2026-12-31' }), { rrule: 'FREQ=WEEKLY;BYDAY=TU', startTime: '08:30', endTime: '11:30', validFrom: '2026-12-01', validUntil: '2026-12-31' }],
			[on('周二、周四', { '上午/下午': '下午', 开始日期: '2027-01-04', 结束日期: '2027-01-31' }), { rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', startTime: '14:00', endTime: '17:00' }],
			[on('二、四', { 开始日期: '2027-02-01', 结束日期: '2027-02-28' }), { rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' }],
			[on('星期二', { 开始日期: '2027/3/1', 结束日期: '2027/3/31' }), { rrule: 'FREQ=WEEKLY;BYDAY=TU', validFrom: '2027-03-01', validUntil: '2027-03-31' }],
			[
				on('周一至周五', { '上午/下午': '全天', 开始日期: '2027年4月1日', 结束日期: '2027年4月30日' }),
				{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', startTime: '08:30', endTime: '17:00', validFrom: '2027-04-01', validUntil: '2027-04-30' }
			],
			[on('周三', { 频次: '隔周', 开始日期: '2027-05-05', 结束日期: '2027-05-31' }), { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE' }],
			[on('周六', { 频次: '每月第一个', 开始日期: '2027-06-01', 结束日期: '2027-06-30' }), { rrule: 'FREQ=MONTHLY;BYDAY=1SA' }],
			[on('每月最后一个周日', { 开始日期: '2027-07-01', 结束日期: '2027-07-31' }), { rrule: 'FREQ=MONTHLY;BYDAY=-1SU' }],
			[on('周日', { 开始时间: '09:00', 结束时间: '10:30', 开始日期: '2027-08-01', 结束日期: '2027-08-31' }), { startTime: '09:00', endTime: '10:30' }]
		];
		const p = await preview(sheet(cases.map(([cells]) => cells)));
		expect(p.rows.map((r) => r.errors)).toEqual(cases.map(() => []));
		cases.forEach(([, expected], i) => expect(p.rows[i]!.input).toMatchObject(expected));
	});
});

describe('double bookings', () => {
	const chen = { 专家: '陈志明', 科室: '心内科' };

	it('refuses the second of two rows that put one expert in two places at once, naming the first', async () => {
		const bytes = sheet([
			row({ ...chen, 社区卫生服务中心: '新桥社区卫生服务中心', 星期: '周四', '上午/下午': '上午' }),
			row({ ...chen, 社区卫生服务中心: '联芳社区卫生服务中心', 星期: '周二、周四', 开始时间: '10:00', 结束时间: '12:00' }),
			row({ ...chen, 社区卫生服务中心: '凤凰社区卫生服务中心', 星期: '周四', '上午/下午': '下午' })
		]);
		const p = await preview(bytes);
		expect(errorsOf(p, 2)).toEqual([]);
		expect(errorsOf(p, 3)).toHaveLength(1);
		expect(errorsOf(p, 3)[0]).toMatch(/^与第 2 行时间重叠：陈志明 12月3日 周四 08:30–11:30 已安排在新桥社区卫生服务中心（共 \d+ 天冲突）$/);
		// The afternoon does not overlap the morning.
		expect(errorsOf(p, 4)).toEqual([]);
	});

	it('checks dates, not just weekdays: alternate weeks of 隔周 do not clash, the same weeks do', async () => {
		const biweekly = (site: string, from: string) => row({ ...chen, 社区卫生服务中心: site, 星期: '周四', '上午/下午': '下午', 频次: '隔周', 开始日期: from });
		const alternating = await preview(sheet([biweekly('新桥社区卫生服务中心', '2026-12-03'), biweekly('联芳社区卫生服务中心', '2026-12-10')]));
		expect(alternating.rows.map((r) => r.status)).toEqual(['new', 'new']);
		const sameWeeks = await preview(sheet([biweekly('新桥社区卫生服务中心', '2026-12-03'), biweekly('联芳社区卫生服务中心', '2026-12-17')]));
		expect(errorsOf(sameWeeks, 3)).toHaveLength(1);
		expect(errorsOf(sameWeeks, 3)[0]).toMatch(/^与第 2 行时间重叠：陈志明 12月17日 周四/);
	});

	it('refuses a row that clashes with a rotation already planned, naming where the expert already sits', async () => {
		// The demo has 陈志明 at 天星桥 every Monday morning.
		const p = await preview(sheet([row({ ...chen, 社区卫生服务中心: '小龙坎社区卫生服务中心', 星期: '周一', 开始时间: '11:00', 结束时间: '12:00' })]));
		expect(errorsOf(p, 2)).toHaveLength(1);
		expect(errorsOf(p, 2)[0]).toMatch(/^与已有坐诊安排冲突：陈志明 12月7日 周一 08:30–11:30 已安排在天星桥社区卫生服务中心（共 \d+ 天冲突）$/);
	});

	it('also sees sittings the expert covers for a colleague', async () => {
		// In the demo, 孙倩 covers 黄秀英 at 天星桥 on the morning of the demo's Wednesday.
		const p = await preview(sheet([row({ 专家: '孙倩', 社区卫生服务中心: '联芳社区卫生服务中心', 星期: '周三', '上午/下午': '上午', 开始日期: TODAY, 结束日期: TODAY })]));
		expect(errorsOf(p, 2)).toEqual([`与已有坐诊安排冲突：孙倩 11月25日 周三 08:30–11:30 已安排在天星桥社区卫生服务中心`]);
	});

	it('refuses more experts at once than a center has rooms', async () => {
		const xinqiao = demoId('site:xinqiao');
		const rooms = (await t.db.select().from(sites).where(eq(sites.id, xinqiao)).get())!.rooms!;
		const candidates = ['孙倩', '何伟', '冯涛', '彭勇', '董丹'];
		// The demo's Tuesday morning at 新桥 already has one expert (李康宁): `rooms` more is one too many.
		const rows = candidates.slice(0, rooms).map((专家) => row({ 专家, 社区卫生服务中心: '新桥社区卫生服务中心', 星期: '周二', '上午/下午': '上午' }));
		const p = await preview(sheet(rows));
		const last = rows.length + 1;
		expect(p.rows.filter((r) => r.rowNumber !== last).every((r) => r.ok)).toBe(true);
		expect(errorsOf(p, last)[0]).toMatch(new RegExp(`^诊室不够：新桥社区卫生服务中心 12月1日 周二 08:30 将有 ${rooms + 1} 位专家同时坐诊，但只有 ${rooms} 间诊室`));
	});

	it('refuses the same row twice', async () => {
		const same = row({ ...chen, 社区卫生服务中心: '新桥社区卫生服务中心', 星期: '周四', '上午/下午': '上午' });
		const p = await preview(sheet([same, same]));
		expect(errorsOf(p, 3)).toEqual(['与第 2 行完全相同，请删除其中一行']);
	});
});

describe('limits', () => {
	it('checks and imports a sheet of the maximum size', async () => {
		// 2,000 one-day rotations that clash with nothing: 40 experts on 50 evenings, five to a center,
		// each at an hour of their own.
		const everyone = await t.db.select().from(experts);
		const bigSheet = sheet(
			Array.from({ length: 2000 }, (_, i) => {
				const e = i % 40;
				const date = addDays('2026-12-01', Math.floor(i / 40));
				const hour = 18 + (e % 5);
				return {
					专家: everyone[e]!.name,
					社区卫生服务中心: CENTERS[Math.floor(e / 5)]!.name,
					星期: '周一至周日',
					开始时间: `${hour}:00`,
					结束时间: `${hour}:50`,
					开始日期: date,
					结束日期: date
				};
			})
		);
		const result = await applyRosterImport(t.db, organizer, bigSheet, 'big.csv', TODAY);
		expect(result.created).toBe(2000);
		expect(await importAudits()).toHaveLength(2000);
		// About 2 s on an idle machine; the generous limit only catches a return to per-row clash queries
		// without failing on a busy CI runner.
	}, 60_000);
});
