/** `npm run db:migrate`: apply the generated migrations in drizzle/ to DATABASE_URL. */
import { databaseConfigFromEnv, openDatabase } from '../src/lib/server/db/client';
import { applyMigrations, ensureDatabaseFolder } from '../src/lib/server/db/migrate';

const config = databaseConfigFromEnv();
ensureDatabaseFolder(config.url);
const { db, close } = await openDatabase(config);
await applyMigrations(db);
close();
console.log(`数据库已迁移到最新 / migrations applied: ${config.url}`);
