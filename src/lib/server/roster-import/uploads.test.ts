import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditLog, rosterUploads, rotations } from '../db/schema';
import { hashToken } from '../auth/tokens';
import { CENTERS } from '../seed/demo-data';
import { demoId } from '../seed/seed-demo';
import { demoActors } from '../testing/demo-actors';
import { applyRosterImport, applyRosterUpload, checkRosterUpload, previewRosterUpload } from './import';
import { keepUpload, UPLOAD_EXPIRED, UPLOAD_MINUTES, UPLOAD_MISSING } from './uploads';
import { demoDbForEachTest } from '../testing/demo-db';

/** The day the README's demo shows, as `npm start` seeds it. */
const TODAY = '2026-12-07';
const organizer = demoActors.rmOrganizer;
const sample = readFileSync('docs/samples/roster-sample.xlsx');
const sampleRows = readFileSync('docs/samples/roster-sample.csv', 'utf8').split('\n').filter((l) => l.trim() !== '').length - 1;
const mixed = readFileSync('docs/samples/roster-with-a-chenjiaqiao-row.csv');
const chenjiaqiaoSites = new Set(CENTERS.filter((c) => c.hospital === 'cjq').map((c) => demoId(`site:${c.key}`)));

const t = demoDbForEachTest(TODAY);

const allRotations = () => t.db.select().from(rotations);
const importAudits = async () => (await t.db.select().from(auditLog)).filter((a) => a.action === 'rotation.import');
const keptUploads = () => t.db.select().from(rosterUploads);

describe('a checked sheet kept for the import', () => {
	it('imports the README’s sample for the README’s organizer after 只检查, without the file again', async () => {
		const checked = await checkRosterUpload(t.db, organizer, sample, 'roster-sample.xlsx', TODAY);
		expect(checked.preview).toMatchObject({ valid: true, outOfScope: 0, counts: { new: sampleRows, unchanged: 0, invalid: 0 } });
		// The database keeps the sheet under the token's hash, never the token itself.
		const [kept] = await keptUploads();
		expect(kept).toMatchObject({ id: hashToken(checked.token), userId: organizer.userId, filename: 'roster-sample.xlsx' });
		expect(Buffer.compare(kept!.bytes, sample)).toBe(0);

		const before = (await allRotations()).length;
		const result = await applyRosterUpload(t.db, organizer, checked.token, {}, TODAY);
		expect(result).toMatchObject({ filename: 'roster-sample.xlsx', created: sampleRows, unchanged: 0, skipped: [] });
		expect(await allRotations()).toHaveLength(before + sampleRows);
		expect(await importAudits()).toHaveLength(sampleRows);
		// Imported, the sheet is not kept: the same token again asks for the file.
		expect(await keptUploads()).toEqual([]);
		await expect(applyRosterUpload(t.db, organizer, checked.token, {}, TODAY)).rejects.toMatchObject({ status: 404, message: UPLOAD_MISSING });
	});

	it('checks the rows again when importing: what changed since the check counts', async () => {
		const checked = await checkRosterUpload(t.db, organizer, sample, 'roster-sample.xlsx', TODAY);
		// Meanwhile the same rows arrive by another way.
		await applyRosterImport(t.db, organizer, readFileSync('docs/samples/roster-sample.csv'), 'roster-sample.csv', TODAY);
		const result = await applyRosterUpload(t.db, organizer, checked.token, {}, TODAY);
		expect(result).toMatchObject({ created: 0, unchanged: sampleRows });
		expect(await importAudits()).toHaveLength(sampleRows);
	});

	it('refuses another user’s token as unknown, and leaves it for its owner', async () => {
		const checked = await checkRosterUpload(t.db, organizer, sample, 'roster-sample.xlsx', TODAY);
		const before = (await allRotations()).length;
		for (const other of [demoActors.cjqOrganizer, demoActors.admin]) {
			await expect(applyRosterUpload(t.db, other, checked.token, {}, TODAY)).rejects.toMatchObject({ status: 404, message: UPLOAD_MISSING });
			await expect(previewRosterUpload(t.db, other, checked.token, TODAY)).rejects.toMatchObject({ status: 404 });
		}
		await expect(applyRosterUpload(t.db, demoActors.volunteer, checked.token, {}, TODAY)).rejects.toMatchObject({ status: 403 });
		expect(await allRotations()).toHaveLength(before);
		expect((await applyRosterUpload(t.db, organizer, checked.token, {}, TODAY)).created).toBe(sampleRows);
	});

	it(`asks for the file again after ${UPLOAD_MINUTES} minutes, and forgets the sheet`, async () => {
		const checked = await checkRosterUpload(t.db, organizer, sample, 'roster-sample.xlsx', TODAY);
		await t.db.update(rosterUploads).set({ expiresAt: new Date(Date.now() - 1000) });
		const before = (await allRotations()).length;
		await expect(applyRosterUpload(t.db, organizer, checked.token, {}, TODAY)).rejects.toMatchObject({ status: 404, message: UPLOAD_EXPIRED });
		expect(UPLOAD_EXPIRED).toMatch(/请重新选择文件/);
		expect(await allRotations()).toHaveLength(before);
		expect(await keptUploads()).toEqual([]);
	});

	it('keeps nothing of a file it cannot read, or for someone who organizes nothing', async () => {
		await expect(checkRosterUpload(t.db, organizer, new TextEncoder().encode('%PDF-1.7'), 'roster.pdf', TODAY)).rejects.toMatchObject({ status: 400 });
		await expect(checkRosterUpload(t.db, demoActors.volunteer, sample, 'roster-sample.xlsx', TODAY)).rejects.toMatchObject({ status: 403 });
		expect(await keptUploads()).toEqual([]);
	});

	it('keeps an organizer’s five latest sheets and drops expired ones of anybody', async () => {
		const now = new Date('2026-12-07T02:00:00Z');
		const tokens: string[] = [];
		for (let i = 0; i < 7; i++) tokens.push(await keepUpload(t.db, organizer, { bytes: sample, filename: `${i}.xlsx` }, new Date(now.getTime() + i * 1000)));
		expect((await keptUploads()).map((u) => u.filename).sort()).toEqual(['2.xlsx', '3.xlsx', '4.xlsx', '5.xlsx', '6.xlsx']);
		// Another organizer's upload an hour later clears the expired ones, but no one's recent sheets.
		await keepUpload(t.db, demoActors.cjqOrganizer, { bytes: mixed, filename: 'cjq.csv' }, new Date(now.getTime() + 60 * 60_000));
		expect((await keptUploads()).map((u) => u.filename)).toEqual(['cjq.csv']);
	});
});

describe('importing only the rows in one’s charge', () => {
	it('lists the rows at other hospitals’ centers in the preview and offers the rest', async () => {
		const { preview } = await checkRosterUpload(t.db, organizer, mixed, 'roster-with-a-chenjiaqiao-row.csv', TODAY);
		const elsewhere = preview.rows.filter((r) => r.outOfScope);
		expect(elsewhere.map((r) => r.rowNumber)).toEqual([3]);
		expect(chenjiaqiaoSites.has(elsewhere[0]!.input!.siteId)).toBe(true);
		expect(elsewhere[0]!.errors).toEqual(['「井口社区卫生服务中心」属于陈家桥医院，不归您负责，您无权在这里安排坐诊']);
		expect(preview).toMatchObject({ valid: false, outOfScope: 1, inScope: 2, inScopeImportable: true, counts: { new: 2, unchanged: 0, invalid: 1 } });
	});

	it('refuses the whole sheet by default, and with 只导入我负责的 writes exactly the other rows, audited, in one go', async () => {
		const checked = await checkRosterUpload(t.db, organizer, mixed, 'roster-with-a-chenjiaqiao-row.csv', TODAY);
		const before = await allRotations();
		await expect(applyRosterUpload(t.db, organizer, checked.token, {}, TODAY)).rejects.toMatchObject({ status: 403 });
		expect(await allRotations()).toHaveLength(before.length);

		// Refused, the sheet is still kept: the organizer can choose to import their rows.
		const result = await applyRosterUpload(t.db, organizer, checked.token, { onlyInScope: true }, TODAY);
		expect(result.created).toBe(2);
		expect(result.skipped.map((r) => [r.rowNumber, r.summary])).toEqual([[3, checked.preview.rows[1]!.summary]]);
		const added = (await allRotations()).filter((r) => !before.some((b) => b.id === r.id));
		const expected = checked.preview.rows.filter((r) => !r.outOfScope).map((r) => r.input!);
		expect(added.map((r) => [r.expertId, r.siteId, r.rrule, r.validFrom]).sort()).toEqual(expected.map((i) => [i.expertId, i.siteId, i.rrule, i.validFrom]).sort());
		expect(added.some((r) => chenjiaqiaoSites.has(r.siteId))).toBe(false);
		const audits = await importAudits();
		expect(audits.map((a) => a.objectId).sort()).toEqual(added.map((r) => r.id).sort());
		expect(audits.every((a) => a.actorUserId === organizer.userId)).toBe(true);
	});

	it('still imports nothing when one of the organizer’s own rows is wrong', async () => {
		// The mixed sample plus a row of the organizer's own that clashes with the sheet's first row.
		const bad = `${mixed.toString('utf8')}何伟,主任医师,呼吸内科,新桥社区卫生服务中心,周四,上午,,,2026-12-03,,20,每周\n`;
		const bytes = new TextEncoder().encode(bad);
		const { preview } = await checkRosterUpload(t.db, organizer, bytes, 'mixed.csv', TODAY);
		expect(preview.inScopeImportable).toBe(false);
		expect(preview.rows.find((r) => r.rowNumber === 5)!.errors[0]).toMatch(/^与第 2 行时间重叠/);
		const before = (await allRotations()).length;
		await expect(applyRosterImport(t.db, organizer, bytes, 'mixed.csv', TODAY, { onlyInScope: true })).rejects.toMatchObject({
			status: 400,
			message: '有 1 行需要修改，整张表都没有导入：第 5 行。'
		});
		expect(await allRotations()).toHaveLength(before);
		expect(await importAudits()).toHaveLength(0);
	});

	it('refuses a sheet with no row in the organizer’s charge even when asked for their rows only', async () => {
		const before = (await allRotations()).length;
		await expect(applyRosterImport(t.db, demoActors.cjqOrganizer, sample, 'roster-sample.xlsx', TODAY, { onlyInScope: true })).rejects.toMatchObject({ status: 403 });
		expect(await allRotations()).toHaveLength(before);
	});
});
