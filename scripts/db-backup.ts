/**
 * `npm run db:backup`: one checked copy of the embedded database now, into BACKUP_DIR (default
 * data/backups), while the server goes on running; older copies are thinned as the schedule does.
 */
import { formatBytes } from '../src/lib/format/bytes';
import { backupConfigFromEnv, BackupError, takeBackup } from '../src/lib/server/db/backup';
import { SERVER_DATABASE_NOTICE } from '../src/lib/server/db/backup-job';
import { databaseConfigFromEnv } from '../src/lib/server/db/client';
import { databaseFilePath } from '../src/lib/server/db/database-file';

const { url } = databaseConfigFromEnv();
const databasePath = databaseFilePath(url);
if (!databasePath) {
	console.error(SERVER_DATABASE_NOTICE);
	process.exit(1);
}
try {
	const taken = await takeBackup(databasePath, backupConfigFromEnv(databasePath), new Date());
	console.log(`已备份并通过完整性检查 / backed up and checked: ${taken.path} (${formatBytes(taken.bytes)}, ${taken.ms} ms)`);
	if (taken.removed.length) console.log(`按保留规则删除了 ${taken.removed.length} 份旧备份 / pruned ${taken.removed.length} older copies: ${taken.removed.join(', ')}`);
} catch (error) {
	if (!(error instanceof BackupError)) throw error;
	console.error(`备份失败：${error.zh}\nbackup failed: ${error.en}`);
	process.exit(1);
}
