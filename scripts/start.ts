/**
 * `npm start`: migrate, load the demo data into an empty database, then serve the built app.
 * SEED_DEMO=never skips the demo data (production); SEED_DEMO=always reloads it on every start.
 * With WEB_PROCESSES > 1 all of this runs once, here in the primary, before the workers are forked.
 */
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { databaseConfigFromEnv, openDatabase } from '../src/lib/server/db/client';
import { BackupError } from '../src/lib/server/db/backup';
import { applyMigrations, ensureDatabaseFolder, migrationsFolder } from '../src/lib/server/db/migrate';
import { backupBeforeUpgrade } from '../src/lib/server/db/upgrade';
import { publicOriginNotice } from '../src/lib/server/public-url';
import { scoreUnscoredSheets } from '../src/lib/server/surveys/scores';
import { clearDemoData, demoLogins, isDatabaseEmpty, seedDemoData } from '../src/lib/server/seed/seed-demo';
import { todayIn } from '../src/lib/calendar-date';
import { serveInProcesses } from './web-processes';

if (!existsSync(resolve('build/handler.js'))) {
	console.error('build/handler.js 不存在：请先运行 npm run build（npm start 会自动构建）。');
	process.exit(1);
}

const config = databaseConfigFromEnv();
ensureDatabaseFolder(config.url);
const { db, close } = await openDatabase(config);
try {
	const upgrade = await backupBeforeUpgrade(db, config.url, migrationsFolder(), process.env, new Date());
	if (upgrade.backup) console.log(`升级前已备份 / backed up before upgrading (${upgrade.pending.length} migrations): ${upgrade.backup.path}`);
} catch (error) {
	if (!(error instanceof BackupError)) throw error;
	// No upgrade without a way back. db:migrate applies the migrations without a copy, for whoever chooses that.
	console.error(`没有升级数据库：升级前的备份失败。${error.zh}\nthe database was not upgraded: the backup before it failed. ${error.en}`);
	close();
	process.exit(1);
}
await applyMigrations(db);
const seedMode = process.env.SEED_DEMO ?? 'auto';
if (seedMode === 'always' || (seedMode !== 'never' && (await isDatabaseEmpty(db)))) {
	if (seedMode === 'always') await clearDemoData(db);
	const summary = await seedDemoData(db, { today: process.env.YIZHEN_TODAY || todayIn('Asia/Shanghai') });
	const c = summary.counts as Record<string, number>;
	console.log(`已载入演示数据 / demo data loaded: ${Object.entries(c).map(([k, v]) => `${v} ${k}`).join(', ')}`);
}
// Sheets from before scores were stored (and the demo's) are scored here, at start, rather than by
// the first results page, which would wait for them (about 30 s for 200,000 sheets, bench:reports).
const scored = await scoreUnscoredSheets(db);
if (scored) console.log(`已为 ${scored} 份答卷计分 / scored ${scored} survey sheets`);
const logins = seedMode === 'never' ? [] : await demoLogins(db);
close();

const running = await serveInProcesses();
printBanner(running.host, running.port, running.processes);

/** Addresses a phone on the same Wi-Fi can open, when the server listens on every interface. */
function lanAddresses(port: number): string[] {
	return Object.values(networkInterfaces())
		.flat()
		.filter((a) => a && a.family === 'IPv4' && !a.internal)
		.map((a) => `http://${a!.address}:${port}`);
}

function printBanner(host: string, port: number, processes: number) {
	const everywhere = host === '0.0.0.0' || host === '::';
	const local = `http://${everywhere ? 'localhost' : host}:${port}`;
	const lines = [`\n义诊 Yizhen 已启动 / is running: ${local}`];
	if (everywhere) for (const lan of lanAddresses(port)) lines.push(`  同一 Wi-Fi 的手机 / phones on this Wi-Fi: ${lan}`);
	if (processes > 1) lines.push(`进程 / processes: ${processes}（WEB_PROCESSES）`);
	lines.push(`数据库 / database: ${config.url}`);
	lines.push(
		process.env.SMTP_URL
			? `邮件 / mail: 通过 SMTP 发出 / sent by SMTP (${new URL(process.env.SMTP_URL).host})`
			: `邮件 / mail: 未设置 SMTP_URL，存入本地邮箱 / SMTP_URL unset, kept in the local mailbox: ${local}/console/mailbox`
	);
	lines.push(publicOriginNotice());
	if (logins.length > 0) {
		lines.push(`\n演示账号 / demo logins (${local}/login):`);
		for (const login of logins) lines.push(`  ${login.email.padEnd(30)} 密码 ${login.password}   ${login.label}`);
	}
	lines.push('\n按 Ctrl+C 停止 / press Ctrl+C to stop.\n');
	console.log(lines.join('\n'));
}
