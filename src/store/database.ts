import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { type DatabaseUrl, databaseLocation } from './database-url.js';
import { assertOwnDatabase } from './foreign-database.js';
import { migrate } from './migrator.js';
import type { Schema } from './schema.js';
import { StoreError } from './store-error.js';

export interface OpenDatabaseOptions {
  /** Clock for migration timestamps; defaults to Date.now. */
  now?: () => number;
}

/** An open, migrated database. Call `close` once at shutdown. */
export interface OpenedDatabase {
  db: Kysely<Schema>;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the SQLite database, sets WAL, foreign keys and a 5 s busy timeout, and
 * runs pending migrations. Every expected failure — an unwritable folder, a file that is not a
 * database, a database from a newer bot — is a {@link StoreError} with a one-line message naming the
 * path, so the caller can print it and exit.
 */
export async function openDatabase(
  url: DatabaseUrl,
  options: OpenDatabaseOptions = {},
): Promise<OpenedDatabase> {
  const location = databaseLocation(url);
  if (url.kind === 'sqlite-file') {
    prepareFile(url.path);
    assertOwnDatabase(url.path);
  }

  let sqlite: SqliteDatabase.Database | undefined;
  try {
    sqlite = new SqliteDatabase(location);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    sqlite?.close();
    throw cannotOpen(location, error);
  }

  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrate(db as unknown as Kysely<unknown>, { now: (options.now ?? Date.now)(), location });
  } catch (error) {
    await db.destroy();
    throw error instanceof StoreError ? error : cannotOpen(location, error);
  }

  let closed = false;
  return {
    db,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

function prepareFile(file: string): void {
  const folder = path.dirname(file);
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new StoreError(
      'cannot-open',
      `Cannot open the database at ${file}: cannot create the folder ${folder} (${describeFsError(error)}).`,
      { cause: error },
    );
  }
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    throw new StoreError('cannot-open', `Cannot open the database at ${file}: it is a folder, not a file.`);
  }
}

function cannotOpen(location: string, error: unknown): StoreError {
  return new StoreError(
    'cannot-open',
    `Cannot open the database at ${location}: ${describeSqliteError(error)}.`,
    {
      cause: error,
    },
  );
}

function describeSqliteError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  // Extended codes (SQLITE_READONLY_DBMOVED, SQLITE_CANTOPEN_ISDIR…) share their primary code's meaning.
  const primary = typeof code === 'string' ? /^SQLITE_[A-Z]+/.exec(code)?.[0] : undefined;
  switch (primary) {
    case 'SQLITE_NOTADB':
      return 'the file is not a SQLite database';
    case 'SQLITE_CORRUPT':
      return 'the database file is corrupt';
    case 'SQLITE_CANTOPEN':
      return 'SQLite cannot open the file (check that its folder exists and is writable)';
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return 'the file is read-only';
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return 'the database stayed locked by another process for more than 5 s';
    case 'SQLITE_FULL':
      return 'the disk is full';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return 'part of that path is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
