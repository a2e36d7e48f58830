import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy';
import { auditLog, organizations, sites } from '../db/schema';
import { demoId } from '../seed/seed-demo';
import { createSite, setSiteActive, siteForEditing, updateSite } from './manage';
import { findSite, listResidentSites } from './sites';
import { demoActors } from '../testing/demo-actors';
import { demoDbForEachTest } from '../testing/demo-db';

/** 区人民医院's organizer, who runs 新桥 and the other centers under it. */
const organizer: Actor = demoActors.rmOrganizer;
/** 陈家桥医院's organizer: nothing of 区人民医院's is theirs. */
const cjqOrganizer: Actor = demoActors.cjqOrganizer;
const t = demoDbForEachTest('2026-11-25');

const input = { name: '回龙坝社区卫生服务站', kind: 'community_station', address: '重庆市沙坪坝区回龙坝镇正街 8 号', phone: '023-65211099', openingHours: '', rooms: '1', latitude: '', longitude: '' };

describe('keeping sites', () => {
	it('creates the member organization and the site together under the organizer\'s hospital', async () => {
		const id = await createSite(t.db, organizer, demoId('org:rm'), input);
		const site = (await t.db.select().from(sites).where(eq(sites.id, id)).get())!;
		const org = (await t.db.select().from(organizations).where(eq(organizations.id, site.organizationId)).get())!;
		expect(org).toMatchObject({ parentId: demoId('org:rm'), kind: 'member_site', name: '回龙坝社区卫生服务站' });
		expect(site).toMatchObject({ rooms: 1, latitude: null, openingHours: null });
		expect((await listResidentSites(t.db)).some((s) => s.id === id)).toBe(true);

		await updateSite(t.db, organizer, id, { ...input, rooms: '2' });
		await setSiteActive(t.db, organizer, id, false);
		expect((await listResidentSites(t.db)).some((s) => s.id === id)).toBe(false);
		expect((await t.db.select().from(auditLog).where(eq(auditLog.objectId, id))).map((a) => a.action).sort()).toEqual([
			'site.create',
			'site.deactivate',
			'site.update'
		]);
	});

	it('explains a bad phone, a short address and rooms out of range at their fields', async () => {
		for (const [field, value] of [['phone', 'call me'], ['address', '沙坪坝'], ['rooms', '0']] as const) {
			await expect(createSite(t.db, organizer, demoId('org:rm'), { ...input, [field]: value })).rejects.toMatchObject({ field });
		}
	});
});

describe('how residents get there', () => {
	it('keeps the directions an organizer writes and offers a map link only where there are coordinates', async () => {
		const id = await createSite(t.db, organizer, demoId('org:rm'), { ...input, directions: '公交 218 路回龙坝站下车，步行 2 分钟' });
		const bare = (await findSite(t.db, id))!;
		expect(bare.directions).toBe('公交 218 路回龙坝站下车，步行 2 分钟');
		expect(bare.mapUrl).toBeNull();
		await updateSite(t.db, organizer, id, { ...input, directions: '', latitude: '29.55', longitude: '106.45' });
		const mapped = (await findSite(t.db, id))!;
		expect(mapped.directions).toBeNull();
		const url = new URL(mapped.mapUrl!);
		expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
		expect(url.searchParams.get('position')).toBe('106.45,29.55');
		expect(url.searchParams.get('name')).toBe('回龙坝社区卫生服务站');
		await expect(createSite(t.db, organizer, demoId('org:rm'), { ...input, name: '另一个站点', directions: '很'.repeat(201) })).rejects.toMatchObject({ field: 'directions' });
	});
});

describe('who may keep a site', () => {
	const xinqiao = demoId('site:xinqiao');
	const siteRow = () => t.db.select().from(sites).where(eq(sites.id, xinqiao)).get();
	const auditCount = async () => (await t.db.select().from(auditLog)).length;

	it('refuses another hospital\'s organizer a 403 on every write and the edit page, and changes nothing', async () => {
		const before = await siteRow();
		const entries = await auditCount();
		await expect(updateSite(t.db, cjqOrganizer, xinqiao, { ...input, name: '改名的新桥' })).rejects.toMatchObject({ status: 403 });
		// Refused before the form is read: an empty one is a 403 too, not a 400 about its fields.
		await expect(updateSite(t.db, cjqOrganizer, xinqiao, {})).rejects.toMatchObject({ status: 403 });
		await expect(createSite(t.db, cjqOrganizer, demoId('org:rm'), {})).rejects.toMatchObject({ status: 403 });
		await expect(setSiteActive(t.db, cjqOrganizer, xinqiao, false)).rejects.toMatchObject({ status: 403 });
		await expect(siteForEditing(t.db, cjqOrganizer, xinqiao)).rejects.toMatchObject({ status: 403 });
		expect(await siteRow()).toEqual(before);
		expect(await auditCount()).toBe(entries);
	});

	it('refuses a new site under another hospital at the parent field, creating nothing', async () => {
		const orgs = (await t.db.select().from(organizations)).length;
		await expect(createSite(t.db, cjqOrganizer, demoId('org:rm'), input)).rejects.toMatchObject({ status: 403, field: 'parentOrganizationId' });
		await expect(createSite(t.db, organizer, 'no-such-org', input)).rejects.toMatchObject({ status: 400, field: 'parentOrganizationId' });
		// 新桥's own organization is inside the organizer's reach, but a center cannot hold a site.
		const xinqiao = (await t.db.select().from(sites).where(eq(sites.id, demoId('site:xinqiao'))).get())!;
		await expect(createSite(t.db, organizer, xinqiao.organizationId, input)).rejects.toMatchObject({ status: 400, field: 'parentOrganizationId', message: expect.stringContaining('不能是另一个站点') });
		expect((await t.db.select().from(organizations)).length).toBe(orgs);
		expect((await t.db.select().from(sites).where(eq(sites.name, input.name))).length).toBe(0);
	});

	it('lets the site\'s own organizer edit and deactivate it, and answers 404 for an unknown site', async () => {
		await updateSite(t.db, organizer, xinqiao, { ...input, name: '新桥社区卫生服务中心（新址）' });
		await setSiteActive(t.db, organizer, xinqiao, false);
		expect(await siteRow()).toMatchObject({ name: '新桥社区卫生服务中心（新址）', active: false });
		const { site, trail } = await siteForEditing(t.db, organizer, xinqiao);
		expect(site.name).toBe('新桥社区卫生服务中心（新址）');
		expect(trail.map((e) => e.who)).toEqual(['周晓梅', '周晓梅']);
		await expect(updateSite(t.db, organizer, 'no-such-site', input)).rejects.toMatchObject({ status: 404 });
	});
});
