import { ConfigError } from './config/env.js';
import { backupPaths } from './ops/database-file.js';
import { BackupError, checkBackup, restoreDatabase } from './ops/sqlite-backup.js';
import { StoreError } from './store/store-error.js';

/**
 * `npm run db:restore -- FILE`: puts a backup back as the DATABASE_URL file, with the bot stopped. Refuses a
 * file that is not an intact database of this bot of a version it can migrate; the replaced database is kept.
 */
async function main(): Promise<void> {
  const { database, file } = backupPaths(process.argv.slice(2), 'npm run db:restore -- FILE');
  const summary = checkBackup(file);
  const kept = await restoreDatabase(file, database, new Date());
  process.stdout.write(
    `Restored ${file} to ${database} (${summary.servers} servers, ${summary.deliveries} deliveries)` +
      `${kept ? `; the database it replaced is kept as ${kept}` : ''}. Start the bot to apply any pending migrations.\n`,
  );
}

main().catch((err: unknown) => {
  const expected = err instanceof BackupError || err instanceof ConfigError || err instanceof StoreError;
  process.stderr.write(`db:restore: ${expected ? err.message : String(err)}\n`);
  process.exit(1);
});
