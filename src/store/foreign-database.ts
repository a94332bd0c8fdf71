import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { StoreError } from './store-error.js';

/** The first migration every database of this bot has recorded. */
const FIRST_MIGRATION = '0001-initial';

/**
 * Refuses a SQLite file that holds another application's data, before anything writes to it (no WAL switch,
 * no tables added). Empty files and databases without tables are new; a database with tables must carry this
 * bot's `schema_migrations` (an `id` column and the first migration; Rails' table of that name has neither).
 * Files SQLite cannot read are left to the normal open, which reports them.
 */
export function assertOwnDatabase(file: string): void {
  let size = 0;
  try {
    size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    return; // e.g. a path under a regular file: the normal open reports it in one line.
  }
  if (size === 0) return;
  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch {
    return;
  }
  let tables: string[];
  let ours = false;
  try {
    tables = sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    if (tables.includes('schema_migrations')) {
      const columns = sqlite.prepare("SELECT name FROM pragma_table_info('schema_migrations')").pluck().all();
      ours =
        columns.includes('id') &&
        sqlite.prepare('SELECT 1 FROM schema_migrations WHERE id = ?').get(FIRST_MIGRATION) !== undefined;
    }
  } catch {
    return;
  } finally {
    sqlite.close();
  }
  if (tables.length === 0 || ours) return;
  const shown = tables.slice(0, 3).join(', ') + (tables.length > 3 ? ', …' : '');
  throw new StoreError(
    'foreign-database',
    `The database at ${file} is not this bot's (it holds tables ${shown}); it was left untouched: ` +
      'point DATABASE_URL at a new file.',
  );
}
