import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { planningWeek } from '../console/planning';
import { sitesInScope } from '../console/scope-lists';
import { volunteerRoles, volunteerShifts } from '../db/schema';
import { createOrganizerEvent, type OrganizerEventInput } from '../events/manage';
import { demoId } from '../seed/seed-demo';
import { demoActors } from '../testing/demo-actors';
import { findCommitmentClashes, loadCommitments, type Commitment } from './commitments';
import { requestLeave, resolveLeave } from './leave';
import { createPlannedRotation, previewRotation } from './rotation-plan';
import { applySittingAction } from './sitting-actions';
import { demoDbForEachTest } from '../testing/demo-db';

// The demo's Monday. 陈志明 gives 高血压的家庭自我管理 at 新桥 on Wednesday 12-16, 14:30–16:00, and
// staffs the Saturday 12-12 free clinic at 磁器口 (08:30–11:30) with 黄秀英.
const TODAY = '2026-12-07';
const organizer = demoActors.rmOrganizer;
const admin = demoActors.admin;
const chen = demoId('expert:chenzhiming');
const zhangli = demoId('expert:zhangli');
const sittingOf = (rotation: string, date: string) => `${demoId(`rotation:${rotation}`)}_${date}`;

const t = demoDbForEachTest(TODAY);

const lecture = (over: Partial<OrganizerEventInput>): OrganizerEventInput => ({
	kind: 'lecture',
	siteId: demoId('site:xinqiao'),
	title: '合理用药小课堂',
	date: '2026-12-16',
	startTime: '12:00',
	endTime: '14:00',
	topic: '慢病患者怎样按时吃药',
	...over
});

const at = (commitments: Commitment[], date: string) => commitments.filter((c) => c.date === date).map((c) => c.kind).sort();

describe('what occupies an expert', () => {
	it('counts a lecture against a planned Wednesday-afternoon rotation, as a warning that does not stop saving', async () => {
		const input = {
			expertId: chen,
			siteId: demoId('site:xiaolongkan'),
			departmentId: demoId('department:心内科'),
			rrule: 'FREQ=WEEKLY;BYDAY=WE',
			startTime: '14:00',
			endTime: '17:00',
			validFrom: TODAY
		};
		const preview = await previewRotation(t.db, organizer, input, { today: TODAY });
		const busy = preview.conflicts.filter((c) => c.kind === 'expert_busy');
		expect(busy.map((c) => c.date)).toEqual(['2026-12-16']);
		expect(busy[0]!.message).toContain('12月16日 周三 14:00–17:00 在小龙坎社区卫生服务中心坐诊');
		expect(busy[0]!.message).toContain('12月16日 周三 14:30–16:00 在新桥社区卫生服务中心主讲讲座“高血压的家庭自我管理”');
		expect(busy[0]!.message).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		expect(preview.blocking).toEqual([]);

		// Saved, the planning grid of that week shows the same clash on the sitting.
		const rotationId = await createPlannedRotation(t.db, organizer, input, { today: TODAY });
		const week = await planningWeek(t.db, await sitesInScope(t.db, organizer), '2026-12-16');
		const onGrid = week.conflicts.find((c) => c.kind === 'expert_busy' && c.sittingIds.includes(`${rotationId}_2026-12-16`));
		expect(onGrid?.message).toBe(busy[0]!.message);
		const cell = week.rows.find((r) => r.site.id === demoId('site:xiaolongkan'))!.cells[2]!.find((c) => c.id === `${rotationId}_2026-12-16`);
		expect(cell?.problem).toBe(true);
	});

	it('asks before a sitting is moved onto a free clinic the expert staffs, and moves it once confirmed', async () => {
		const monday = sittingOf('tianxingqiao-mo', '2026-12-14');
		const move = { action: 'move' as const, newDate: '2026-12-12', newStartTime: '09:00', newEndTime: '11:00' };
		const refused = applySittingAction(t.db, organizer, monday, move);
		await expect(refused).rejects.toMatchObject({ status: 409, field: 'confirmClash' });
		await expect(refused).rejects.toThrow(/12月12日 周六 09:00–11:00 在天星桥社区卫生服务中心坐诊，与 12月12日 周六 08:30–11:30 在磁器口社区卫生服务中心参加义诊“[^”]*心血管和慢病咨询”重叠/);
		expect(at(await loadCommitments(t.db, { expertIds: [chen], from: '2026-12-12', to: '2026-12-12' }), '2026-12-12')).toEqual(['clinic']);

		// Then the week it leaves falls short of 天星桥's specialist days: asked next, and confirmed too.
		await expect(applySittingAction(t.db, organizer, monday, { ...move, confirmClash: 'on' })).rejects.toMatchObject({ status: 409, field: 'confirmCoverage' });
		await applySittingAction(t.db, organizer, monday, { ...move, confirmClash: 'on', confirmCoverage: 'on' });
		expect(at(await loadCommitments(t.db, { expertIds: [chen], from: '2026-12-12', to: '2026-12-14' }), '2026-12-12')).toEqual(['clinic', 'sitting']);
	});

	it('names a staff member\'s free clinic when a lecture is saved at the same hour', async () => {
		const huang = demoId('expert:huangxiuying');
		const input = lecture({ siteId: demoId('site:ciqikou'), date: '2026-12-12', startTime: '10:00', endTime: '11:00', speakerExpertId: huang });
		await expect(createOrganizerEvent(t.db, organizer, input, { today: TODAY })).rejects.toMatchObject({
			status: 409,
			field: 'confirmClashes',
			message: expect.stringContaining('黄秀英 时间冲突：12月12日 周六 10:00–11:00 在磁器口社区卫生服务中心主讲讲座“合理用药小课堂”，与 12月12日 周六 08:30–11:30 在磁器口社区卫生服务中心参加义诊')
		});
		const id = await createOrganizerEvent(t.db, organizer, { ...input, confirmClashes: true }, { today: TODAY });
		const kinds = (await loadCommitments(t.db, { expertIds: [huang], from: '2026-12-12', to: '2026-12-12' })).map((c) => [c.kind, c.ref]);
		expect(kinds).toContainEqual(['lecture', id]);
	});

	it('occupies the substitute and frees the expert they replace', async () => {
		const wednesday = sittingOf('xinqiao-xinnei', '2026-12-16');
		const substitute = { action: 'substitute' as const, substituteExpertId: chen };
		await expect(applySittingAction(t.db, organizer, wednesday, substitute)).rejects.toMatchObject({
			field: 'confirmClash',
			message: expect.stringContaining('12月16日 周三 14:00–17:00 在新桥社区卫生服务中心替诊，与 12月16日 周三 14:30–16:00')
		});
		await applySittingAction(t.db, organizer, wednesday, { ...substitute, confirmClash: true });
		expect(at(await loadCommitments(t.db, { expertIds: [chen], from: '2026-12-16', to: '2026-12-16' }), '2026-12-16')).toEqual(['lecture', 'sitting']);
		expect(await loadCommitments(t.db, { expertIds: [zhangli], from: '2026-12-16', to: '2026-12-16' })).toEqual([]);
		// 张丽 is free that afternoon now: a lecture of hers needs no confirmation.
		await createOrganizerEvent(t.db, organizer, lecture({ startTime: '15:00', endTime: '16:00', speakerExpertId: zhangli }), { today: TODAY });
	});

	it('refuses a substitute who already sits elsewhere at that hour, confirmation or not', async () => {
		// 陈志明 sits at 天星桥 on Monday mornings; 范丽萍's Monday morning at 山洞 cannot be his too.
		const shandong = sittingOf('shandong-mo', '2026-12-14');
		await expect(
			applySittingAction(t.db, admin, shandong, { action: 'substitute', substituteExpertId: chen, confirmOtherDepartment: '1', confirmClash: true })
		).rejects.toMatchObject({ status: 409, field: 'form', message: expect.stringContaining('在天星桥社区卫生服务中心坐诊') });
	});

	it('refuses a leave cover who gives a lecture at that hour, naming it', async () => {
		const leaveId = await requestLeave(t.db, organizer, { expertId: zhangli, startDate: '2026-12-16', endDate: '2026-12-16', reason: '外出开会' });
		const covers = { [sittingOf('xinqiao-xinnei', '2026-12-16')]: chen };
		await expect(resolveLeave(t.db, organizer, leaveId, { decision: 'approve', covers })).rejects.toMatchObject({
			status: 409,
			field: 'form',
			message: expect.stringContaining('主讲讲座“高血压的家庭自我管理”')
		});
	});

	it('lets a cancelled sitting occupy nobody', async () => {
		// 冯涛's Wednesday afternoon at 渝碚路 is cancelled this week (12-09) but not next (12-16).
		const fengtao = demoId('expert:fengtao');
		const talk = (date: string) => lecture({ siteId: demoId('site:yubeilu'), date, startTime: '15:00', endTime: '16:00', speakerExpertId: fengtao });
		await createOrganizerEvent(t.db, organizer, talk('2026-12-09'), { today: TODAY });
		await expect(createOrganizerEvent(t.db, organizer, talk('2026-12-16'), { today: TODAY })).rejects.toMatchObject({ field: 'confirmClashes' });
	});

	it('does not count back-to-back commitments as a clash', async () => {
		// 张丽 sits at 新桥 on Wednesdays 14:00–17:00: a lecture ending at 14:00 is fine, one minute later is not.
		await createOrganizerEvent(t.db, organizer, lecture({ speakerExpertId: zhangli }), { today: TODAY });
		await expect(createOrganizerEvent(t.db, organizer, lecture({ endTime: '14:01', speakerExpertId: zhangli }), { today: TODAY })).rejects.toMatchObject({
			field: 'confirmClashes'
		});

		const noon: Commitment = { kind: 'lecture', ref: 'a', expertId: chen, expertName: '陈志明', date: '2026-12-16', startTime: '12:00', endTime: '14:00', what: 'A' };
		const afternoon: Commitment = { ...noon, kind: 'sitting', ref: 'b', startTime: '14:00', endTime: '16:00', what: 'B' };
		expect(findCommitmentClashes([noon], [afternoon])).toEqual([]);
		expect(findCommitmentClashes([noon], [{ ...afternoon, startTime: '13:59' }])).toHaveLength(1);
	});

	it('counts a volunteer shift the expert\'s own account holds', async () => {
		// 李康宁 (expert@yizhen.example) signs up as 导诊 at the Saturday clinic; his Thursday sitting is then moved onto it.
		const role = await t.db
			.select({ id: volunteerRoles.id })
			.from(volunteerRoles)
			.where(and(eq(volunteerRoles.eventId, demoId('event:clinic-this-saturday')), eq(volunteerRoles.name, '导诊')))
			.get();
		await t.db.insert(volunteerShifts).values({ id: 'shift-likangning', roleId: role!.id, userId: demoId('user:expert@yizhen.example'), source: 'self' });
		const thursday = sittingOf('xinqiao-kangfu', '2026-12-10');
		await expect(
			applySittingAction(t.db, organizer, thursday, { action: 'move', newDate: '2026-12-12', newStartTime: '08:30', newEndTime: '11:30' })
		).rejects.toMatchObject({ field: 'confirmClash', message: expect.stringMatching(/在磁器口社区卫生服务中心“[^”]*心血管和慢病咨询”做志愿者（导诊）/) });
	});
});
