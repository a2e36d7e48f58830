/** `npm run db:seed`: empty DATABASE_URL and load the demo district again (after migrating). */
import { todayIn } from '../src/lib/calendar-date';
import { databaseConfigFromEnv, openDatabase } from '../src/lib/server/db/client';
import { applyMigrations, ensureDatabaseFolder } from '../src/lib/server/db/migrate';
import { clearDemoData, seedDemoData } from '../src/lib/server/seed/seed-demo';

const config = databaseConfigFromEnv();
ensureDatabaseFolder(config.url);
const { db, close } = await openDatabase(config);
await applyMigrations(db);
await clearDemoData(db);
const summary = await seedDemoData(db, { today: process.env.YIZHEN_TODAY || todayIn('Asia/Shanghai') });
close();
console.log(`已重新载入演示数据 / demo data reloaded into ${config.url}: ${JSON.stringify(summary.counts)}`);
