import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect, SqliteDriver } from 'kysely';
import { StoreError } from './store-error.js';

/**
 * Kysely's SQLite dialect with one change: transactions begin IMMEDIATE. IMMEDIATE takes the write lock
 * up front, so a read-then-write cannot fail half way with SQLITE_BUSY_SNAPSHOT when another process
 * wrote in between, and waiting for the lock honours busy_timeout. With the whole database locked for
 * the transaction, the row locks PostgreSQL needs are given for free.
 *
 * better-sqlite3 waits for a lock by blocking the thread, so a second database handle on the same file
 * in the same thread must not write while a transaction is open: open one database per process.
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteDatabase.Database) {
    super({ database });
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // SQLite may already have rolled back (e.g. after SQLITE_FULL); then ROLLBACK itself fails, and
    // that failure must not hide the error that caused it.
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK')).catch(() => undefined);
  }
}

/** Opens the SQLite file (creating its folder) with WAL, foreign keys and a 5 s busy timeout. */
export function openSqliteFile(location: string): SqliteDatabase.Database {
  if (location !== ':memory:') prepareFile(location);
  let sqlite: SqliteDatabase.Database | undefined;
  try {
    sqlite = new SqliteDatabase(location);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    return sqlite;
  } catch (error) {
    sqlite?.close();
    throw cannotOpenSqlite(location, error);
  }
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

export function cannotOpenSqlite(location: string, error: unknown): StoreError {
  return new StoreError(
    'cannot-open',
    `Cannot open the database at ${location}: ${describeSqliteError(error)}.`,
    { cause: error },
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
