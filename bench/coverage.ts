/**
 * `npm run bench:coverage`: the coverage targets over the district-scale database (`npm run bench:data`).
 * Targets (issue 19, point 5): the 4-week outlook for the whole district under 200 ms, the yearly
 * compliance report for the district under 1 s. Figures are printed, never asserted.
 *
 * Works on a temporary copy (bench/data/district.db is never changed) and adds, so the run has
 * something to count:
 * - district-wide targets under the commission: every center ≥ 2 specialist days a week (pro rata),
 *   every center ≥ 1 day a week by a 副主任医师 or above (exempt in holiday weeks), and ≥ 4 sittings a
 *   month for 50 experts and ≥ 4 half-days a month of one department at 50 centers;
 * - 诊疗人次 on four of five delivered sittings this year and 带教/查房/指导 on one in ten.
 *
 * Each figure is the first call in the process and the median of BENCH_RUNS (3) further calls.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../src/lib/server/audit/audit';
import type { Actor } from '../src/lib/server/auth/policy';
import { compliancePeriod, complianceReport, type ComplianceReport } from '../src/lib/server/coverage/compliance';
import { coverageOutlook } from '../src/lib/server/coverage/outlook';
import { createCoverageTargetIn } from '../src/lib/server/coverage/targets';
import { openDatabase, type Db } from '../src/lib/server/db/client';
import { applyMigrations } from '../src/lib/server/db/migrate';
import { sittingTeaching, sittingVisits } from '../src/lib/server/db/schema';
import { expandSittings } from '../src/lib/server/schedule/sittings';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DISTRICT = 'commission';

if (!existsSync('bench/data/district.db') || !existsSync('bench/data/district.json')) {
	console.error('没有压测数据库：请先运行 npm run bench:data');
	process.exit(1);
}
const { today } = JSON.parse(readFileSync('bench/data/district.json', 'utf8')) as { today: string };
const year = today.slice(0, 4);

const dir = mkdtempSync(join(tmpdir(), 'yizhen-bench-coverage-'));
copyFileSync('bench/data/district.db', join(dir, 'district.db'));
const opened = await openDatabase({ url: `file:${join(dir, 'district.db')}` });
const db = opened.db;
const admin: Actor = { userId: 'bench', name: '压测', isAdmin: true, organizerOf: [], volunteerOf: [], expertIds: [] };

function ms(start: bigint): number {
	return Number(process.hrtime.bigint() - start) / 1e6;
}

async function time<T>(name: string, target: number, run: () => Promise<T>): Promise<T> {
	let start = process.hrtime.bigint();
	const result = await run();
	const first = ms(start);
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		start = process.hrtime.bigint();
		await run();
		times.push(ms(start));
	}
	times.sort((a, b) => a - b);
	const median = times.length ? times[Math.floor(times.length / 2)]! : first;
	console.log(
		`${name.padEnd(46)} first ${first.toFixed(0).padStart(6)} ms   median of ${RUNS} more ${median.toFixed(0).padStart(6)} ms   ${median < target ? 'under' : 'OVER'} the ${target} ms target`
	);
	return result;
}

async function setUp(db: Db) {
	await applyMigrations(db);
	await db.run(sql`insert or ignore into users (id, email, name) values ('bench', 'bench@bench.example', '压测')`);
	await createCoverageTargetIn(db, SYSTEM_ACTOR, DISTRICT, { kind: 'site_days_per_week', minimum: 2, holidayRule: 'pro_rata' });
	await createCoverageTargetIn(db, SYSTEM_ACTOR, DISTRICT, { kind: 'site_senior_days_per_week', minTitle: '副主任医师', minimum: 1, holidayRule: 'exempt' });
	const experts = await db.all<{ id: string }>(sql`select id from experts where active = 1 order by id limit 50`);
	for (const e of experts) await createCoverageTargetIn(db, SYSTEM_ACTOR, DISTRICT, { kind: 'expert_sittings_per_month', expertId: e.id, minimum: 4, holidayRule: 'pro_rata' });
	const centers = await db.all<{ id: string; departmentId: string }>(sql`
		select s.id as id, (select r.department_id from rotations r where r.site_id = s.id limit 1) as departmentId
		from sites s where s.kind <> 'hospital' and s.active = 1 and exists (select 1 from rotations r where r.site_id = s.id) order by s.id limit 50`);
	for (const c of centers) await createCoverageTargetIn(db, SYSTEM_ACTOR, DISTRICT, { kind: 'department_halfdays_per_month', siteId: c.id, departmentId: c.departmentId, minimum: 4, holidayRule: 'pro_rata' });

	const { sittings } = await expandSittings(db, { from: `${year}-01-01`, to: today });
	const delivered = sittings.filter((s) => s.status === 'scheduled');
	const visits = delivered.filter((_, i) => i % 5 !== 0).map((s, i) => ({ rotationId: s.rotationId, originalDate: s.originalDate, patientsSeen: 5 + (i % 20), recordedBy: 'bench' }));
	for (let i = 0; i < visits.length; i += 500) await db.insert(sittingVisits).values(visits.slice(i, i + 500));
	const kinds = ['teaching', 'ward_round', 'guidance'] as const;
	const teaching = delivered.filter((_, i) => i % 10 === 0).map((s, i) => ({ rotationId: s.rotationId, originalDate: s.originalDate, kind: kinds[i % 3]!, recordedBy: 'bench' }));
	for (let i = 0; i < teaching.length; i += 500) await db.insert(sittingTeaching).values(teaching.slice(i, i + 500));
	return { targets: 2 + experts.length + centers.length, visits: visits.length, teaching: teaching.length };
}

function describe(r: ComplianceReport): string {
	const lines = r.lines.length;
	const required = r.lines.reduce((n, l) => n + l.required, 0);
	const credited = r.lines.reduce((n, l) => n + l.credited, 0);
	const delivered = r.centers.reduce((n, c) => n + c.delivered, 0);
	const patients = r.centers.reduce((n, c) => n + c.patientsSeen, 0);
	const teaching = r.centers.reduce((n, c) => n + c.teaching.sittings, 0);
	return `  ${lines} 行（目标 × 中心/专家）, 达标率 ${((credited / Math.max(1, required)) * 100).toFixed(1)}%, ${r.centers.length} 个中心坐诊 ${delivered} 次, 诊疗 ${patients} 人次, 教学及指导 ${teaching} 次, ${r.experts.length} 位专家`;
}

try {
	console.log(`district database copied to ${dir}; today ${today}`);
	const start = process.hrtime.bigint();
	const added = await setUp(db);
	console.log(`set up ${added.targets} district-wide targets, ${added.visits} 诊疗人次 records, ${added.teaching} 教学及指导 marks: ${(ms(start) / 1000).toFixed(1)} s\n`);

	const outlook = await time('4-week outlook, whole district', 200, () => coverageOutlook(db, admin, DISTRICT, { today }));
	console.log(`  ${outlook.rows.length} rows, ${outlook.shortfalls.length} shortfalls (${outlook.label})`);
	const report = await time(`compliance report, district, year ${year}`, 1000, () => complianceReport(db, admin, DISTRICT, compliancePeriod('year', year)!, today));
	console.log(describe(report));
	await time('compliance report, district, last full month', 1000, () => complianceReport(db, admin, DISTRICT, compliancePeriod('month', `${year}-${String(Number(today.slice(5, 7)) - 1 || 12).padStart(2, '0')}`)!, today));
} finally {
	opened.close();
	rmSync(dir, { recursive: true, force: true });
}
