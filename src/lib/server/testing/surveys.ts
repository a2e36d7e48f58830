/** A small world for survey tests: a district, a center, the demo questionnaire published, a lecture. */
import { SYSTEM_ACTOR } from '../audit/audit';
import type { Actor } from '../auth/policy';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { createEvent } from '../events/events';
import { makeOrganization, makeSite } from './factories';
import { DEMO_ITEMS } from '../seed/demo-surveys';
import { createQuestionnaire, publishVersion, versionItems, type ItemInput } from '../surveys/questionnaires';
import { createSurveyIn } from '../surveys/surveys';
import { testDbForEachTest } from './each-test';

export const TEST_COMMUNITY_ITEM: ItemInput = {
	kind: 'demographic',
	demographic: 'community',
	prompt: '您住在哪个社区？',
	options: [
		{ key: 'A', label: '新桥社区' },
		{ key: 'B', label: '其他社区' }
	]
};

export async function makeSurveyWorld(db: Db) {
	const commission = await makeOrganization(db);
	const hospital = await makeOrganization(db, { name: '测试区人民医院', kind: 'lead_hospital', parentId: commission.id });
	const otherHospital = await makeOrganization(db, { name: '测试区中医院', kind: 'hospital', parentId: commission.id });
	const site = await makeSite(db, { organizationId: hospital.id, name: '新桥社区卫生服务中心' });
	const otherSite = await makeSite(db, { organizationId: otherHospital.id, name: '山洞社区卫生服务中心' });
	const { questionnaireId, versionId } = await createQuestionnaire(db, commission.id, { title: '健康素养小测验', items: [...DEMO_ITEMS, TEST_COMMUNITY_ITEM] });
	await publishVersion(db, versionId);
	const items = await versionItems(db, versionId);
	const lectureId = await createEvent(db, SYSTEM_ACTOR, { kind: 'lecture', siteId: site.id, title: '高血压的家庭管理', topic: '在家量血压和按时吃药', speakerName: '陈医生', date: '2026-11-20', startTime: '14:30', endTime: '16:00', capacity: 40 });
	const standalone = (values: { allowMultiplePerDevice?: boolean; siteId?: string } = {}) =>
		createSurveyIn(db, SYSTEM_ACTOR, { versionId, kind: 'standalone', siteId: values.siteId ?? site.id, title: '居民健康素养调查', allowMultiplePerDevice: values.allowMultiplePerDevice ?? false });
	return { commission, hospital, otherHospital, site, otherSite, questionnaireId, versionId, items, lectureId, standalone };
}

export type SurveyWorld = Awaited<ReturnType<typeof makeSurveyWorld>>;

/** A fresh database with the survey world in it for each test of the file that calls this. */
export function surveyWorldForEachTest() {
	return testDbForEachTest(makeSurveyWorld);
}

/** The organizer the editor's tests act as; a real user (insertSurveyOrganizer), as the audit log names them. */
export const SURVEY_ORGANIZER = { userId: 'organizer-1', name: '周晓梅' };

export async function insertSurveyOrganizer(db: Db): Promise<void> {
	await db.insert(users).values({ id: SURVEY_ORGANIZER.userId, email: 'organizer-1@yizhen.example', name: SURVEY_ORGANIZER.name });
}

/** SURVEY_ORGANIZER as an organizer of one organization (and so of its subtree). */
export function organizerOf(orgId: string): Actor {
	return { ...SURVEY_ORGANIZER, isAdmin: false, organizerOf: [orgId], volunteerOf: [], expertIds: [] };
}

/** Answers every item: right ones for the first `right` scored items, a wrong one after that. */
export function answersFor(items: Awaited<ReturnType<typeof versionItems>>, right: number, demographics: Partial<Record<string, string>> = {}) {
	let scoredSeen = 0;
	return items.map((item) => {
		if (item.kind === 'demographic') return { itemId: item.id, choices: [demographics[item.demographic!] ?? item.options[0]!.key] };
		scoredSeen++;
		if (scoredSeen <= right) return { itemId: item.id, choices: [...item.answerKey!] };
		const wrong = item.options.map((o) => o.key).find((k) => !item.answerKey!.includes(k))!;
		return { itemId: item.id, choices: [wrong] };
	});
}
