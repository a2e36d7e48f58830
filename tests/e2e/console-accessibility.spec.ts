import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn } from './support/console';
import { eventIdTitled, questionnaireNamed, siteOrgNamed, sittingsThisWeek } from './support/demo-db';

const CLINIC = '沙坪坝周末义诊：心血管和慢病咨询';
const QUESTIONNAIRE = '社区居民健康素养小测验';

/** Console pages, as the admin (who sees every one of them). */
const PAGES: Record<string, () => Promise<string>> = {
	'sign-in': async () => '/login',
	'password reset': async () => '/password-reset',
	dashboard: async () => '/console',
	'planning grid': async () => '/console/plan',
	'rotation list': async () => '/console/rotations',
	'rotation editor': async () => '/console/rotations/new',
	'one sitting': async () => `/console/sittings/${(await sittingsThisWeek()).find((s) => s.status === 'cancelled')!.id}`,
	'roster import': async () => '/console/import',
	experts: async () => '/console/experts',
	'sites and organizations': async () => '/console/sites',
	'organization settings': async () => `/console/organizations/${await siteOrgNamed('新桥社区卫生服务中心')}`,
	invite: async () => '/console/people',
	holidays: async () => '/console/holidays',
	departments: async () => '/console/departments',
	'change password': async () => '/console/account',
	'planning month': async () => '/console/plan?view=month',
	mailbox: async () => '/console/mailbox',
	'system status': async () => '/console/system',
	'event list': async () => '/console/events',
	'new event': async () => '/console/events/new',
	'one event': async () => `/console/events/${await eventIdTitled(CLINIC)}`,
	'event registrants': async () => `/console/events/${await eventIdTitled(CLINIC)}/people`,
	series: async () => '/console/series',
	'check-in door': async () => `/console/checkin/${await eventIdTitled(CLINIC)}`,
	'volunteer shifts': async () => '/console/shifts',
	questionnaires: async () => '/console/questionnaires',
	'one questionnaire': async () => `/console/questionnaires/${(await questionnaireNamed(QUESTIONNAIRE)).id}`,
	'published questionnaire version': async () => {
		const q = await questionnaireNamed(QUESTIONNAIRE);
		return `/console/questionnaires/${q.id}/versions/${q.versions[1]}`;
	}
};

for (const [name, path] of Object.entries(PAGES)) {
	test(`axe finds no accessibility violations in the console: ${name}`, async ({ page }) => {
		// Sign-in (Argon2id) plus a full axe run: more than 30 s when the 2-core machine is busy.
		test.setTimeout(60_000);
		const url = await path();
		if (!url.startsWith('/login') && !url.startsWith('/password')) await signIn(page, 'admin@yizhen.example');
		await page.goto(url);
		const results = await new AxeBuilder({ page }).analyze();
		expect(results.violations.map((v) => `${url}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
	});
}
