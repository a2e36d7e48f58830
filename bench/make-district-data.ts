/**
 * `npm run bench:data`: a district-scale database for `npm run bench`, in bench/data/district.db
 * (never the app's own database): 600 sites, 2,000 experts, 6,000 rotations running for one year,
 * and a sprinkling of cancellations and substitutions. Deterministic: the same file every run.
 *
 * Rows go in with bulk inserts rather than through createRotation (which checks each reference with
 * three queries): every rule used here is one of a few fixed shapes that createRotation accepts, which
 * the first rotation of each shape proves by going through it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { addDays, mondayOf, todayIn } from '../src/lib/calendar-date';
import { openDatabase } from '../src/lib/server/db/client';
import { applyMigrations } from '../src/lib/server/db/migrate';
import * as schema from '../src/lib/server/db/schema';
import { createRotation } from '../src/lib/server/schedule/rotations';

export const BENCH_DB_PATH = 'bench/data/district.db';
const SITES = 600;
const HOSPITALS = 20;
const EXPERTS = 2000;
const ROTATIONS = 6000;
const DEPARTMENTS = ['心内科', '康复科', '内分泌科', '呼吸内科', '消化内科', '神经内科', '骨科', '儿科', '妇科', '眼科', '中医科', '老年病科', '皮肤科', '口腔科', '耳鼻喉科', '肾内科', '精神心理科', '普外科', '泌尿外科', '肿瘤科'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴';
const GIVEN = '明华丽军敏静强伟芳娜秀英杰涛燕勇艳娟建国志红霞平刚桂兰辉玲春梅海波鹏飞宇晨琳倩雪磊超浩婷';
const TITLES = schema.EXPERT_TITLES;
const RULES = [
	'FREQ=WEEKLY;BYDAY=MO',
	'FREQ=WEEKLY;BYDAY=TU',
	'FREQ=WEEKLY;BYDAY=WE',
	'FREQ=WEEKLY;BYDAY=TH',
	'FREQ=WEEKLY;BYDAY=FR',
	'FREQ=WEEKLY;BYDAY=TU,TH',
	'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE',
	'FREQ=MONTHLY;BYDAY=1SA'
];
const SLOTS = [
	{ startTime: '08:30', endTime: '11:30' },
	{ startTime: '14:00', endTime: '17:00' }
];

/** mulberry32: a tiny seeded generator, so the file is the same every run. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const rand = random(20261125);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const id = (prefix: string, n: number) => `${prefix}${n.toString(36).padStart(6, '0')}`;

async function insertInChunks<T>(insert: (rows: T[]) => Promise<unknown>, rows: T[], size = 500) {
	for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

async function main() {
	mkdirSync('bench/data', { recursive: true });
	for (const suffix of ['', '-wal', '-shm']) rmSync(BENCH_DB_PATH + suffix, { force: true });
	const { db, close } = await openDatabase({ url: `file:${BENCH_DB_PATH}` });
	await applyMigrations(db);

	const today = process.env.YIZHEN_TODAY || todayIn('Asia/Shanghai');
	const validFrom = mondayOf(addDays(today, -120));
	const validUntil = addDays(validFrom, 364);
	const started = performance.now();

	await db.transaction(async (tx) => {
		await tx.insert(schema.organizations).values({ id: 'commission', name: '某市卫生健康委员会', kind: 'commission', swapDayFollowsWeekday: 1 });
		await tx.insert(schema.organizations).values(
			Array.from({ length: HOSPITALS }, (_, h) => ({
				id: id('h', h),
				parentId: 'commission',
				name: `第${h + 1}人民医院`,
				kind: h === 0 ? ('lead_hospital' as const) : ('hospital' as const)
			}))
		);
		const siteRows = Array.from({ length: SITES }, (_, s) => ({
			id: id('s', s),
			organizationId: id('o', s),
			name: `${pick(['东', '西', '南', '北', '中'])}${s + 1}号社区卫生服务中心`,
			kind: 'community_center' as const,
			address: `某市某区健康路 ${s + 1} 号`,
			phone: `023-6${String(5200000 + s).padStart(7, '0')}`,
			openingHours: '周一至周五 8:00–12:00，14:00–17:30',
			rooms: 3
		}));
		await insertInChunks(
			(rows) => tx.insert(schema.organizations).values(rows),
			siteRows.map((s, i) => ({ id: s.organizationId, parentId: id('h', i % HOSPITALS), name: s.name, kind: 'member_site' as const }))
		);
		await insertInChunks((rows) => tx.insert(schema.sites).values(rows), siteRows);
		await tx.insert(schema.departments).values(DEPARTMENTS.map((name, i) => ({ id: id('d', i), name, sortOrder: i })));
		const expertRows = Array.from({ length: EXPERTS }, (_, e) => ({
			id: id('e', e),
			name: pick([...SURNAMES]) + pick([...GIVEN]) + (rand() < 0.5 ? pick([...GIVEN]) : ''),
			title: pick(TITLES),
			departmentId: id('d', e % DEPARTMENTS.length),
			organizationId: id('h', e % HOSPITALS),
			specialties: ['慢病管理']
		}));
		await insertInChunks((rows) => tx.insert(schema.experts).values(rows), expertRows);

		// Each expert gets three rotations at sites of their own hospital; the first rotation of each rule
		// shape goes through the domain function, proving the shape valid.
		const rotationRows: (typeof schema.rotations.$inferInsert)[] = [];
		const proven = new Set<string>();
		for (let r = 0; r < ROTATIONS; r++) {
			const expert = expertRows[r % EXPERTS]!;
			const hospital = Number.parseInt(expert.organizationId.slice(1), 36);
			const site = siteRows[(hospital + HOSPITALS * Math.floor(rand() * (SITES / HOSPITALS))) % SITES]!;
			const values = {
				expertId: expert.id,
				siteId: site.id,
				departmentId: expert.departmentId,
				rrule: pick(RULES),
				...pick(SLOTS),
				validFrom,
				validUntil,
				quota: 20 + Math.floor(rand() * 20)
			};
			if (!proven.has(values.rrule)) {
				proven.add(values.rrule);
				await createRotation(tx, values, { id: id('r', r) });
			} else rotationRows.push({ id: id('r', r), ...values });
		}
		await insertInChunks((rows) => tx.insert(schema.rotations).values(rows), rotationRows);

		// About one sitting in fifty this month is cancelled or covered, as in a real month.
		const monday = mondayOf(today);
		const overrides = [];
		for (let r = 0; r < ROTATIONS; r += 50) {
			overrides.push({
				id: id('x', r),
				rotationId: id('r', r),
				// An override on a date that is not an occurrence is simply unused by the expander.
				originalDate: addDays(monday, r % 7),
				cancelled: r % 100 === 0,
				reason: r % 100 === 0 ? '专家临时外出，本次停诊' : '由同科室医师代诊',
				substituteExpertId: r % 100 === 0 ? null : id('e', (r + 7) % EXPERTS)
			});
		}
		await insertInChunks((rows) => tx.insert(schema.sittingOverrides).values(rows), overrides);
	});
	close();

	const sample = { today, siteId: id('s', 0), expertId: id('e', 0), departmentId: id('d', 0) };
	writeFileSync('bench/data/district.json', JSON.stringify(sample, null, 2));
	console.log(
		`写入 ${BENCH_DB_PATH}：${SITES} 个站点、${EXPERTS} 名专家、${ROTATIONS} 条坐诊安排（${validFrom} 至 ${validUntil}），` +
			`用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒。`
	);
}

await main();
