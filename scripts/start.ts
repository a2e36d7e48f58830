/**
 * `npm start`: migrate, load the demo data into an empty database, then serve the built app.
 * SEED_DEMO=never skips the demo data (production); SEED_DEMO=always reloads it on every start.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { databaseConfigFromEnv, openDatabase } from '../src/lib/server/db/client';
import { applyMigrations, ensureDatabaseFolder } from '../src/lib/server/db/migrate';
import { scoreUnscoredSheets } from '../src/lib/server/surveys/scores';
import { clearDemoData, demoLogins, isDatabaseEmpty, seedDemoData } from '../src/lib/server/seed/seed-demo';
import { todayIn } from '../src/lib/calendar-date';

const serverEntry = resolve('build/index.js');
if (!existsSync(serverEntry)) {
	console.error('build/index.js 不存在：请先运行 npm run build（npm start 会自动构建）。');
	process.exit(1);
}

const config = databaseConfigFromEnv();
ensureDatabaseFolder(config.url);
const { db, close } = await openDatabase(config);
await applyMigrations(db);
const seedMode = process.env.SEED_DEMO ?? 'auto';
if (seedMode === 'always' || (seedMode !== 'never' && (await isDatabaseEmpty(db)))) {
	if (seedMode === 'always') await clearDemoData(db);
	const summary = await seedDemoData(db, { today: process.env.YIZHEN_TODAY || todayIn('Asia/Shanghai') });
	console.log(`已载入演示数据 / demo data loaded: ${JSON.stringify(summary.counts)}`);
}
// Sheets from before scores were stored (and the demo's) are scored here, at start, rather than by
// the first results page, which would wait for them (about 30 s for 200,000 sheets, bench:reports).
const scored = await scoreUnscoredSheets(db);
if (scored) console.log(`已为 ${scored} 份答卷计分 / scored ${scored} survey sheets`);
const logins = seedMode === 'never' ? [] : await demoLogins(db);
close();

process.env.PORT ||= '3000';
await import(pathToFileURL(serverEntry).href);

const host = process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : 'localhost';
const url = process.env.ORIGIN || `http://${host}:${process.env.PORT}`;
console.log(`\n义诊 Yizhen 已启动 / is running: ${url}\n数据库 / database: ${config.url}`);
if (logins.length > 0) {
	console.log(`\n演示账号 / demo logins (${url}/login):`);
	for (const login of logins) console.log(`  ${login.email.padEnd(30)} 密码 ${login.password}   ${login.label}`);
}
console.log('\n按 Ctrl+C 停止 / press Ctrl+C to stop.\n');
