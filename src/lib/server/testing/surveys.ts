/** A small world for survey tests: a district, a center, the demo questionnaire published, a lecture. */
import { SYSTEM_ACTOR } from '../audit/audit';
import type { Db } from '../db/client';
import { createEvent } from '../events/events';
import { makeOrganization, makeSite } from './factories';
import { DEMO_ITEMS } from '../seed/demo-surveys';
import { createQuestionnaire, publishVersion, versionItems, type ItemInput } from '../surveys/questionnaires';
import { createSurveyIn } from '../surveys/surveys';

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
