import path from 'node:path';
import { loadDotEnv } from '../config/env.js';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../store/database-url.js';
import { BackupError } from './sqlite-backup.js';

/**
 * What db:backup and db:restore work on: the SQLite file DATABASE_URL names (from .env too; relative to the
 * working directory, as for the bot), and the FILE argument, relative to where the command was typed
 * (`npm run` moves to the project folder and says where it came from in INIT_CWD).
 */
export function backupPaths(argv: string[], usage: string): { database: string; file: string } {
  loadDotEnv();
  const [arg, extra] = argv;
  if (!arg || extra !== undefined) throw new BackupError(`usage: ${usage}`);
  const value = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:/i.test(value.trim())) {
    throw new BackupError(
      'DATABASE_URL is PostgreSQL: back it up with pg_dump and restore with pg_restore (see README, "Backups").',
    );
  }
  const url = parseDatabaseUrl(value, process.cwd());
  if (url.kind !== 'sqlite-file') {
    throw new BackupError('DATABASE_URL is not a SQLite file, so there is nothing to back up or restore.');
  }
  return { database: url.path, file: path.resolve(process.env.INIT_CWD || process.cwd(), arg) };
}
