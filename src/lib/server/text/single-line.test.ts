/**
 * Issue 15, point 4: a line break in a name became a new line in every calendar that carried it. Every
 * one-line field of the domain's input schemas refuses line breaks and control characters with a
 * message at the field; multi-line fields keep their line breaks and refuse the rest. The schemas are
 * walked as a table, so a field that loses the rule fails here; two writers are driven end to end
 * against a real database to show the refusal is a 400 at the field and nothing is stored.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Invitation } from '../auth/account-links';
import type { Actor } from '../auth/policy';
import { CheckInOp } from '../checkin/checkin';
import { sites } from '../db/schema';
import { isDomainError, type DomainError } from '../errors';
import { createEvent, EventInput } from '../events/events';
import { CancelEventInput } from '../events/cancellation';
import { VolunteerRoleRow } from '../events/manage';
import { RegistrationInput } from '../events/registration';
import { SeriesInput } from '../events/series';
import { DepartmentInput, ExpertInput } from '../experts/manage';
import { OrganizationSettings } from '../organizations/manage';
import { LeaveInput, RotationInput, SittingChange } from '../schedule/rotations';
import { SittingAction } from '../schedule/sitting-actions';
import { createSite, SiteInput, updateSite } from '../sites/manage';
import { itemFromForm } from '../surveys/item-form';
import { ItemInput, VersionInput } from '../surveys/questionnaires';
import { SurveyInput } from '../surveys/surveys';
import { makeScheduleWorld } from '../testing/factories';
import { createTestDb, type TestDb } from '../testing/test-db';
import { isSingleLine, MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE, withoutControlCharacters } from './single-line';

const LINE_BREAKS_AND_CONTROLS = ['\r\n', '\n', '\r', '\t', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029'];

describe('isSingleLine', () => {
	it('refuses CR, LF, TAB, the other C0 and C1 controls, DEL and the Unicode line separators, anywhere', () => {
		for (const c of LINE_BREAKS_AND_CONTROLS) expect(isSingleLine(`新桥${c}社区`), JSON.stringify(c)).toBe(false);
		expect(isSingleLine('新桥社区卫生服务中心（沙坪坝区 1 号）; A,B "C" =D')).toBe(true);
	});
});

describe('withoutControlCharacters', () => {
	it('drops control characters and keeps line breaks, for a format that escapes them itself', () => {
		expect(withoutControlCharacters('甲\r\n乙\u0007丙\t丁\u007f\u0085戊\n')).toBe('甲\r\n乙丙\t丁戊\n');
	});
});

const id = 'abcdefgh12';
const SINGLE_LINE: [name: string, schema: z.ZodType, valid: Record<string, unknown>, fields: string[]][] = [
	['SiteInput', SiteInput, { name: '新桥社区卫生服务中心', kind: 'community_center', address: '沙坪坝区新桥正街 1 号' }, ['name', 'address', 'openingHours', 'directions']],
	['OrganizationSettings', OrganizationSettings, { name: '沙坪坝区人民医院' }, ['name', 'shortName']],
	['ExpertInput', ExpertInput, { name: '李康', title: '主任医师', departmentId: id, organizationId: id }, ['name', 'specialties']],
	['DepartmentInput', DepartmentInput, { name: '康复科' }, ['name']],
	[
		'EventInput',
		EventInput,
		{ kind: 'lecture', siteId: id, title: '冬季心脑血管病预防', date: '2026-10-17', startTime: '09:30', endTime: '10:30', topic: '预防', speakerName: '李康' },
		['title', 'whatToBring', 'topic', 'audience', 'speakerName']
	],
	['VolunteerRoleRow', VolunteerRoleRow, { name: '引导', needed: 2 }, ['name']],
	['CancelEventInput', CancelEventInput, { reason: '场地维修' }, ['reason']],
	['SeriesInput', SeriesInput, { organizationId: id, name: '周末义诊', kind: 'free_clinic' }, ['name']],
	['RegistrationInput', RegistrationInput, { name: '王阿姨', phone: '13812345678', ageBand: '60_69', consent: true }, ['name', 'community']],
	['CheckInOp walk-in', CheckInOp, { id, kind: 'walk_in', name: '王阿姨', ageBand: '60_69', consent: true }, ['name', 'community']],
	['Invitation', Invitation, { email: 'a@example.com', name: '周晓梅', role: 'organizer', organizationId: id }, ['name']],
	[
		'RotationInput',
		RotationInput,
		{ expertId: id, siteId: id, departmentId: id, rrule: 'FREQ=WEEKLY;BYDAY=TU', startTime: '08:30', endTime: '11:30', validFrom: '2026-01-05' },
		['note']
	],
	['SittingChange', SittingChange, { cancelled: true, reason: '外出会诊' }, ['reason']],
	['LeaveInput', LeaveInput, { expertId: id, startDate: '2026-10-01', endDate: '2026-10-02' }, ['reason']],
	['SittingAction cancel', SittingAction, { action: 'cancel', reason: '外出会诊' }, ['reason']],
	['SittingAction substitute', SittingAction, { action: 'substitute', substituteExpertId: id }, ['reason']],
	['SittingAction move', SittingAction, { action: 'move', newDate: '2026-10-02', newStartTime: '14:00', newEndTime: '17:00' }, ['reason']],
	['SurveyInput', SurveyInput, { versionId: id, kind: 'standalone', title: '居民健康素养调查' }, ['title']],
	['VersionInput', VersionInput, { title: '健康素养问卷', items: [{ kind: 'true_false', prompt: '题', answer: true, aspect: '基本技能', category: '基本医疗' }] }, ['title']]
];

const MULTI_LINE: [name: string, schema: z.ZodType, valid: Record<string, unknown>, fields: string[]][] = [
	['ExpertInput', ExpertInput, SINGLE_LINE[2]![2], ['bio']],
	['EventInput', EventInput, SINGLE_LINE[4]![2], ['description']],
	['VersionInput', VersionInput, SINGLE_LINE[18]![2], ['intro']],
	['ItemInput', ItemInput, { kind: 'true_false', prompt: '题', answer: true, aspect: '基本技能', category: '基本医疗' }, ['prompt']]
];

function issuesAt(schema: z.ZodType, input: unknown, field: string): string[] {
	const parsed = schema.safeParse(input);
	return parsed.success ? [] : parsed.error.issues.filter((i) => i.path[0] === field).map((i) => i.message);
}

describe('every one-line field of the domain input', () => {
	for (const [name, schema, valid, fields] of SINGLE_LINE) {
		it(`${name}: ${fields.join(', ')} refuse a line break or control character, at the field`, () => {
			expect(schema.safeParse(valid).error).toBeUndefined();
			for (const field of fields) {
				for (const c of LINE_BREAKS_AND_CONTROLS) {
					const messages = issuesAt(schema, { ...valid, [field]: `新桥社区${c}END:VCALENDAR` }, field);
					expect(messages.some((m) => m.endsWith(SINGLE_LINE_MESSAGE)), `${field} ${JSON.stringify(c)}`).toBe(true);
				}
			}
		});
	}

	it('EventInput: each service item refuses one too', () => {
		expect(issuesAt(EventInput, { ...SINGLE_LINE[4]![2], services: ['量血压', '测血糖\r\nATTENDEE'] }, 'services')).toEqual([`服务项目${SINGLE_LINE_MESSAGE}`]);
	});

	it('still takes a trailing line break, which trimming removes', () => {
		expect(SiteInput.parse({ ...SINGLE_LINE[0]![2], name: '  新桥社区卫生服务中心\r\n' }).name).toBe('新桥社区卫生服务中心');
	});
});

describe('every multi-line field of the domain input', () => {
	for (const [name, schema, valid, fields] of MULTI_LINE) {
		it(`${name}: ${fields.join(', ')} keep line breaks and tabs and refuse other control characters`, () => {
			for (const field of fields) {
				expect(issuesAt(schema, { ...valid, [field]: '第一行\r\n第二行\n\t第三行' }, field)).toEqual([]);
				for (const c of ['\u0000', '\u0007', '\u000b', '\u007f', '\u0085']) {
					const messages = issuesAt(schema, { ...valid, [field]: `第一行${c}第二行` }, field);
					expect(messages.some((m) => m.endsWith(MULTI_LINE_MESSAGE)), `${field} ${JSON.stringify(c)}`).toBe(true);
				}
			}
		});
	}
});

describe('the questionnaire editor, which reads its form without a schema', () => {
	it('refuses a line break in an option and a control character in a prompt', () => {
		const form = { kind: 'single_choice', prompt: '哪一项正确？', 'option-A': '甲', 'option-B': '乙', 'correct-A': 'on', aspect: '基本技能', category: '基本医疗' };
		expect(itemFromForm(form).options).toHaveLength(2);
		expect(() => itemFromForm({ ...form, 'option-B': '乙\r\n丙' })).toThrow(`选项 B ${SINGLE_LINE_MESSAGE}`);
		expect(() => itemFromForm({ ...form, prompt: '哪一项\u0007正确？' })).toThrow(`题目${MULTI_LINE_MESSAGE}`);
		expect(itemFromForm({ ...form, prompt: '阅读下面一段话：\r\n哪一项正确？' }).prompt).toBe('阅读下面一段话：\r\n哪一项正确？');
	});
});

describe('the writers, against a real database', () => {
	let t: TestDb;
	let world: Awaited<ReturnType<typeof makeScheduleWorld>>;
	const actor = { userId: null, name: '周晓梅' };
	beforeEach(async () => {
		t = await createTestDb();
		world = await makeScheduleWorld(t.db);
	});
	afterEach(() => t.cleanup());

	async function refusal(write: Promise<unknown>): Promise<DomainError> {
		const error: unknown = await write.then(
			() => null,
			(e: unknown) => e
		);
		if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
		return error;
	}

	it('refuses a site renamed with CRLF as a 400 at the name, and keeps the old name', async () => {
		const organizer: Actor = { userId: 'organizer-1', name: '周晓梅', isAdmin: false, organizerOf: [world.hospital.id], volunteerOf: [], expertIds: [] };
		const input = { name: '新桥\r\nEND:VCALENDAR\r\nBEGIN:VEVENT', kind: 'community_center', address: '重庆市沙坪坝区测试路 1 号' };
		const error = await refusal(updateSite(t.db, organizer, world.site.id, input));
		expect({ status: error.status, field: error.field, message: error.message }).toEqual({ status: 400, field: 'name', message: `名称${SINGLE_LINE_MESSAGE}` });
		const row = await t.db.select({ name: sites.name }).from(sites).where(eq(sites.id, world.site.id)).get();
		expect(row?.name).toBe('新桥社区卫生服务中心');
		const created = await refusal(createSite(t.db, organizer, world.hospital.id, { ...input, name: '凤凰站', address: '凤凰镇\t1 号' }));
		expect({ status: created.status, field: created.field }).toEqual({ status: 400, field: 'address' });
	});

	it('refuses an event titled with an ATTENDEE line as a 400 at the title', async () => {
		const error = await refusal(
			createEvent(t.db, actor, { kind: 'free_clinic', siteId: world.site.id, title: '秋季义诊\r\nATTENDEE:mailto:x@evil', date: '2026-10-17', startTime: '09:30', endTime: '11:30' })
		);
		expect({ status: error.status, field: error.field, message: error.message }).toEqual({ status: 400, field: 'title', message: `活动名称${SINGLE_LINE_MESSAGE}` });
	});
});
