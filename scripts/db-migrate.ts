/** `npm run db:migrate`: apply the generated migrations in drizzle/ to DATABASE_URL. */
import { databaseConfigFromEnv, openDatabase } from '../src/lib/server/db/client';
import { applyMigrations, ensureDatabaseFolder } from '../src/lib/server/db/migrate';
import { scoreUnscoredSheets } from '../src/lib/server/surveys/scores';

const config = databaseConfigFromEnv();
ensureDatabaseFolder(config.url);
const { db, close } = await openDatabase(config);
await applyMigrations(db);
// Sheets from before scores were stored are scored here, once, rather than by
// the first results page, which would wait for them (about 30 s for 200,000 sheets, bench:reports).
const scored = await scoreUnscoredSheets(db);
if (scored) console.log(`已为 ${scored} 份答卷计分 / scored ${scored} survey sheets`);
close();
console.log(`数据库已迁移到最新 / migrations applied: ${config.url}`);
