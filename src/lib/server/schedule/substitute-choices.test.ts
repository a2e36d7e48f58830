import { describe, expect, it } from 'vitest';
import { expertLeaves } from '../db/schema';
import { newId } from '../ids';
import { demoId } from '../seed/seed-demo';
import { demoActors } from '../testing/demo-actors';
import { applySittingAction } from './sitting-actions';
import { listSittings } from './sittings';
import { busyAt, orderSubstitutes, substituteChoices, type Busy, type SubstituteCandidate } from './substitute-choices';
import { demoDbForEachTest } from '../testing/demo-db';

describe('orderSubstitutes', () => {
	const candidate = (id: string, name: string, title: string, departmentId: string, departmentSortOrder: number): SubstituteCandidate => ({
		id,
		name,
		title,
		departmentId,
		departmentName: { kf: '康复科', xn: '心内科', zy: '中医科' }[departmentId]!,
		departmentSortOrder,
		hospital: '区人民医院'
	});
	const pool = [
		candidate('chen', '陈志明', '主任医师', 'xn', 1),
		candidate('wu', '吴婷', '住院医师', 'kf', 2),
		candidate('zhong', '钟正华', '主任医师', 'zy', 11),
		candidate('zhou', '周敏', '主治医师', 'kf', 2),
		candidate('li', '李康宁', '副主任医师', 'kf', 2),
		candidate('zhang', '张丽', '主治医师', 'xn', 1)
	];

	it('lists the sitting’s department first, then the others in the district’s department order, without the rostered expert', () => {
		const groups = orderSubstitutes(pool, { departmentId: 'kf', excludedExpertIds: ['li'] }, new Map());
		expect(groups.map((g) => [g.departmentName, g.sameDepartment])).toEqual([
			['康复科', true],
			['心内科', false],
			['中医科', false]
		]);
		expect(groups.flatMap((g) => g.experts.map((e) => e.id))).not.toContain('li');
	});

	it('puts free experts before busy ones, then senior titles first', () => {
		const busy = new Map<string, Busy>([['zhou', { sittingElsewhere: { site: '歌乐山社区卫生服务中心', timeRange: '08:30–11:30' }, onLeave: false }]]);
		const [kangfu, xinnei] = orderSubstitutes(pool, { departmentId: 'kf', excludedExpertIds: ['li'] }, busy);
		expect(kangfu!.experts.map((e) => [e.name, e.busy === null])).toEqual([
			['吴婷', true],
			['周敏', false]
		]);
		expect(xinnei!.experts.map((e) => e.name)).toEqual(['陈志明', '张丽']);
		// Without the clash, the 主治医师 comes before the 住院医师.
		expect(orderSubstitutes(pool, { departmentId: 'kf', excludedExpertIds: ['li'] }, new Map())[0]!.experts.map((e) => e.name)).toEqual(['周敏', '吴婷']);
	});
});

describe('busyAt', () => {
	const sitting = { id: 'this', date: '2026-12-08', startTime: '08:30', endTime: '11:30' } as const;
	const other = (id: string, expertId: string, startTime: string, endTime: string, status: 'scheduled' | 'cancelled' = 'scheduled') => ({
		id,
		expertId,
		date: '2026-12-08' as const,
		startTime,
		endTime,
		status,
		site: { id: 's', name: '小龙坎社区卫生服务中心', timeZone: 'Asia/Shanghai' }
	});

	it('marks an expert sitting elsewhere at an overlapping time, and one on leave that day', () => {
		const busy = busyAt(
			sitting,
			[other('a', 'overlap', '10:00', '12:00'), other('b', 'afternoon', '14:00', '17:00'), other('c', 'cancelled', '08:30', '11:30', 'cancelled'), other('this', 'self', '08:30', '11:30')],
			new Set(['away'])
		);
		expect(Object.fromEntries(busy)).toEqual({
			overlap: { sittingElsewhere: { site: '小龙坎社区卫生服务中心', timeRange: '10:00–12:00' }, onLeave: false },
			away: { sittingElsewhere: null, onLeave: true }
		});
	});
});

describe('substituteChoices on the demo district', () => {
	const t = demoDbForEachTest('2026-12-07');

	/** 李康宁 (康复科) at 新桥, Tuesday 8 December, 08:30–11:30. */
	const tuesday = `${demoId('rotation:xinqiao-kangfu')}_2026-12-08`;

	it('lists 康复科 first with who is free that morning, then every other department', async () => {
		// 周敏 is sent to 小龙坎 the same morning, and 吴婷 is on approved leave that day.
		await applySittingAction(t.db, demoActors.rmOrganizer, `${demoId('rotation:xiaolongkan-tu')}_2026-12-08`, {
			action: 'substitute',
			substituteExpertId: demoId('expert:zhoumin'),
			confirmOtherDepartment: '1',
			// 周敏 is no 副高: 小龙坎's 副高 day that week goes, and the organizer has said so.
			confirmCoverage: 'on'
		});
		await t.db.insert(expertLeaves).values({ id: newId(), expertId: demoId('expert:wuting'), startDate: '2026-12-07', endDate: '2026-12-09', status: 'approved' });

		const groups = await substituteChoices(t.db, demoActors.rmOrganizer, tuesday);
		const [kangfu, ...others] = groups;
		expect(kangfu).toMatchObject({ departmentName: '康复科', sameDepartment: true });
		expect(kangfu!.experts.map((e) => [e.name, e.busy])).toEqual([
			['周敏', { sittingElsewhere: { site: '小龙坎社区卫生服务中心', timeRange: '08:30–11:30' }, onLeave: false }],
			['吴婷', { sittingElsewhere: null, onLeave: true }]
		]);
		expect(others.every((g) => !g.sameDepartment && g.experts.every((e) => e.departmentName === g.departmentName))).toBe(true);
		const everyone = groups.flatMap((g) => g.experts);
		expect(everyone.map((e) => e.id)).not.toContain(demoId('expert:likangning'));
		// 刘晓燕 was handed that morning's 小龙坎 sitting away, so she is free; 谢红 sits at 覃家岗.
		expect(everyone.find((e) => e.name === '刘晓燕')!.busy).toBeNull();
		expect(everyone.find((e) => e.name === '谢红')!.busy?.sittingElsewhere?.site).toBe('覃家岗社区卫生服务中心');
	});

	it('marks an expert giving a lecture at that hour as busy, after those who are free', async () => {
		// 陈志明 speaks at 新桥 on Wednesday 16 December, 14:30–16:00: any afternoon sitting that day overlaps.
		const { sittings } = await listSittings(t.db, { from: '2026-12-16', to: '2026-12-16' });
		const afternoon = sittings.find((s) => s.status === 'scheduled' && s.startTime < '16:00' && s.endTime > '14:30' && s.expert.id !== demoId('expert:chenzhiming'))!;
		const everyone = (await substituteChoices(t.db, demoActors.admin, afternoon.id)).flatMap((g) => g.experts);
		const chen = everyone.find((e) => e.id === demoId('expert:chenzhiming'))!;
		expect(chen.busy?.otherCommitment).toBe('14:30–16:00 在新桥社区卫生服务中心主讲讲座“高血压的家庭自我管理”');
		// A morning sitting of the same day is not his concern.
		const morning = sittings.find((s) => s.status === 'scheduled' && s.endTime <= '12:00' && s.expert.id !== demoId('expert:chenzhiming'))!;
		const atMorning = (await substituteChoices(t.db, demoActors.admin, morning.id)).flatMap((g) => g.experts);
		expect(atMorning.find((e) => e.id === demoId('expert:chenzhiming'))!.busy?.otherCommitment).toBeUndefined();
	});

	it('refuses an organizer of another hospital', async () => {
		await expect(substituteChoices(t.db, demoActors.cjqOrganizer, tuesday)).rejects.toMatchObject({ status: 403 });
	});
});
