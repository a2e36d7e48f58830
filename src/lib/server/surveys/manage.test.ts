import { beforeEach, describe, expect, it } from 'vitest';
import { surveys } from '../db/schema';
import { surveyFormOptions } from './manage';
import { DEMO_ITEMS } from '../seed/demo-surveys';
import { createQuestionnaire, publishVersion } from './questionnaires';
import { createSurvey } from './surveys';
import { insertSurveyOrganizer, organizerOf, surveyWorldForEachTest } from '../testing/surveys';

const { t, w } = surveyWorldForEachTest();

beforeEach(async () => {
	// A real user: creating a survey writes an audit row that refers to them.
	await insertSurveyOrganizer(t.db);
});

describe('organizers starting surveys', () => {
	it("offers the district's questionnaire, and only the organizer's own lectures and sites", async () => {
		const options = await surveyFormOptions(t.db, organizerOf(w.hospital.id), '2026-11-25');
		expect(options.versions.map((v) => v.id)).toEqual([w.versionId]);
		expect(options.lectures.map((l) => l.id)).toEqual([w.lectureId]);
		expect(options.sites.map((s) => s.id)).toEqual([w.site.id]);
		const other = await surveyFormOptions(t.db, organizerOf(w.otherHospital.id), '2026-11-25');
		expect(other.lectures).toEqual([]);
		expect(other.sites.map((s) => s.id)).toEqual([w.otherSite.id]);
	});

	it("starts a survey at the organizer's own lecture or site, and refuses another hospital's with 403 and nothing written", async () => {
		const mine = organizerOf(w.hospital.id);
		const pre = await createSurvey(t.db, mine, { versionId: w.versionId, kind: 'pre', eventId: w.lectureId, title: '讲座前小测验' });
		const here = await createSurvey(t.db, mine, { versionId: w.versionId, kind: 'standalone', siteId: w.site.id, title: '社区调查' });
		expect([pre.code, here.code].every((c) => /^[a-z2-9]{6}$/.test(c))).toBe(true);
		const before = await t.db.select().from(surveys);
		await expect(createSurvey(t.db, mine, { versionId: w.versionId, kind: 'standalone', siteId: w.otherSite.id, title: '越界' })).rejects.toMatchObject({ status: 403 });
		await expect(createSurvey(t.db, organizerOf(w.otherHospital.id), { versionId: w.versionId, kind: 'post', eventId: w.lectureId, title: '越界' })).rejects.toMatchObject({
			status: 403
		});
		await expect(createSurvey(t.db, mine, { versionId: w.versionId, kind: 'standalone', title: '没有站点' })).rejects.toMatchObject({ status: 400, field: 'siteId' });
		expect(await t.db.select().from(surveys)).toEqual(before);
	});

	it('checks the lecture, the site, the organization and the questionnaire before it reads the rest of the form', async () => {
		const stranger = organizerOf(w.otherHospital.id);
		const before = await t.db.select().from(surveys);
		// An invalid kind and no title: a 403 all the same, so nobody learns whether the rest would pass.
		const broken = { versionId: w.versionId, kind: '' as 'pre', title: '' };
		await expect(createSurvey(t.db, stranger, { ...broken, eventId: w.lectureId })).rejects.toMatchObject({ status: 403 });
		await expect(createSurvey(t.db, stranger, { ...broken, siteId: w.site.id })).rejects.toMatchObject({ status: 403 });
		await expect(createSurvey(t.db, stranger, { ...broken, organizationId: w.hospital.id })).rejects.toMatchObject({ status: 403, field: 'organizationId' });
		const { versionId: theirs } = await createQuestionnaire(t.db, w.hospital.id, { title: '区人民医院自编问卷', items: DEMO_ITEMS });
		await publishVersion(t.db, theirs);
		await expect(createSurvey(t.db, stranger, { ...broken, versionId: theirs, siteId: w.otherSite.id })).rejects.toMatchObject({ status: 403, field: 'versionId' });
		expect(await t.db.select().from(surveys)).toEqual(before);
		// The owner with the same broken form gets the form's own error.
		await expect(createSurvey(t.db, organizerOf(w.hospital.id), { ...broken, eventId: w.lectureId })).rejects.toMatchObject({ status: 400 });
		const district = await createSurvey(t.db, organizerOf(w.hospital.id), { versionId: theirs, kind: 'standalone', organizationId: w.hospital.id, title: '全院调查' });
		expect((await t.db.select().from(surveys)).find((s) => s.id === district.id)).toMatchObject({ organizationId: w.hospital.id, siteId: null });
	});
});
