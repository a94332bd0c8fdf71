import { ConfigError } from './config/env.js';
import { backupPaths } from './ops/database-file.js';
import { BackupError, backupDatabase } from './ops/sqlite-backup.js';
import { StoreError } from './store/store-error.js';

/** `npm run db:backup -- FILE`: a consistent copy of the SQLite database, safe while the bot runs. */
async function main(): Promise<void> {
  const { database, file } = backupPaths(process.argv.slice(2), 'npm run db:backup -- FILE');
  const summary = await backupDatabase(database, file);
  process.stdout.write(
    `Backed up ${database} to ${file} (${summary.servers} servers, ${summary.deliveries} deliveries).\n`,
  );
}

main().catch((err: unknown) => {
  const expected = err instanceof BackupError || err instanceof ConfigError || err instanceof StoreError;
  process.stderr.write(`db:backup: ${expected ? err.message : String(err)}\n`);
  process.exit(1);
});
