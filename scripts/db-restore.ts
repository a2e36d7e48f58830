/**
 * `npm run db:restore <file>`: puts a backup in place of the embedded database (DATABASE_URL), after
 * checking it and migrating it if it is from an older version. The server must be stopped first; the
 * database it replaces is kept as a `before-restore` copy in BACKUP_DIR. See src/lib/server/db/restore.ts.
 */
import { resolve } from 'node:path';
import { backupConfigFromEnv, BackupError } from '../src/lib/server/db/backup';
import { SERVER_DATABASE_NOTICE } from '../src/lib/server/db/backup-job';
import { databaseConfigFromEnv } from '../src/lib/server/db/client';
import { databaseFilePath } from '../src/lib/server/db/database-file';
import { migrationsFolder } from '../src/lib/server/db/migrate';
import { restoreDatabase } from '../src/lib/server/db/restore';

const given = process.argv[2];
if (!given) {
	console.error('用法 / usage: npm run db:restore <备份文件 / backup file>   (e.g. npm run db:restore data/backups/yizhen-20261207T190000.000Z.db)');
	process.exit(2);
}
const { url } = databaseConfigFromEnv();
const databasePath = databaseFilePath(url);
if (!databasePath) {
	console.error(SERVER_DATABASE_NOTICE);
	process.exit(1);
}
// npm runs scripts from the project folder; a relative path means where the operator typed it.
const source = resolve(process.env.INIT_CWD ?? process.cwd(), given);
try {
	const done = await restoreDatabase({ source, databasePath, backupDir: backupConfigFromEnv(databasePath).dir, migrationsFolder: migrationsFolder(), now: new Date() });
	console.log(`已恢复 / restored: ${source} → ${databasePath}`);
	console.log(`迁移 / migrations: ${done.migrations.before} → ${done.migrations.after}`);
	console.log(done.replacedCopy ? `被替换的数据库已另存 / the replaced database was kept: ${done.replacedCopy}` : '原来没有数据库文件 / there was no database file to replace');
	console.log('现在可以启动服务器 / start the server now: npm start');
} catch (error) {
	if (!(error instanceof BackupError)) throw error;
	console.error(`没有恢复：${error.zh}\nnot restored: ${error.en}`);
	process.exit(1);
}
