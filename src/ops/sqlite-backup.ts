import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { assertOwnDatabase } from '../store/foreign-database.js';
import { migrations } from '../store/migrations/index.js';

/** SQLite's largest step: the whole database at once. */
const ALL_PAGES = 0x7fffffff;

/** A backup or restore that cannot be done; the message is one line saying why and what to do. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

export interface BackupSummary {
  servers: number;
  deliveries: number;
}

/**
 * Copies a live SQLite database of this bot to `target` through SQLite's online backup API: a consistent
 * snapshot even while the bot writes (a plain file copy can catch half a transaction, or miss the WAL).
 * The copy is written beside the target under a temporary name and renamed into place once checked.
 */
export async function backupDatabase(source: string, target: string): Promise<BackupSummary> {
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source} to back up.`);
  if (fs.existsSync(target)) throw new BackupError(`${target} already exists; choose a new file name.`);
  if (!fs.statSync(path.dirname(target), { throwIfNoEntry: false })?.isDirectory()) {
    throw new BackupError(`The folder ${path.dirname(target)} does not exist; create it first.`);
  }
  ownDatabase(source);
  const partial = `${target}.partial-${process.pid}`;
  const db = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // All remaining pages in one step: one read snapshot, never restarted by the bot's writes.
    await db.backup(partial, { progress: () => ALL_PAGES });
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(`Backing up ${source} failed: ${messageOf(error)}.`);
  } finally {
    db.close();
  }
  try {
    const summary = checkBackup(partial);
    fs.renameSync(partial, target);
    return summary;
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Puts a backup back at `target` (the DATABASE_URL file) after checking that it is an intact database of this
 * bot that this version can migrate. The database it replaces must not be in use, and is kept beside it.
 * @returns the path the replaced database was moved to, if there was one.
 */
export async function restoreDatabase(backup: string, target: string, now: Date): Promise<string | null> {
  if (!fs.existsSync(backup)) throw new BackupError(`There is no backup file ${backup}.`);
  checkBackup(backup);
  let kept: string | null = null;
  if (fs.existsSync(target)) {
    ownDatabase(target);
    assertNotInUse(target);
    kept = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(target, kept);
  } else {
    fs.mkdirSync(path.dirname(target), { recursive: true });
  }
  const partial = `${target}.partial-${process.pid}`;
  const db = new SqliteDatabase(backup, { readonly: true, fileMustExist: true });
  try {
    await db.backup(partial, { progress: () => ALL_PAGES });
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (kept) fs.renameSync(kept, target);
    throw new BackupError(`Restoring ${backup} failed: ${messageOf(error)}.`);
  } finally {
    db.close();
  }
  return kept;
}

/** Checks a backup file: SQLite, intact, this bot's, and of a schema this version knows. */
export function checkBackup(file: string): BackupSummary {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a SQLite database (${messageOf(error)}).`);
  }
  try {
    const integrity = safely(() => db.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') throw new BackupError(`${file} is not an intact SQLite database (${integrity}).`);
    const applied = safely(() => db.prepare('SELECT id FROM schema_migrations ORDER BY id').pluck().all());
    if (!Array.isArray(applied) || !applied.includes(migrations[0]?.id)) {
      throw new BackupError(`${file} is not a database of this bot (no schema_migrations of it).`);
    }
    const known = new Set(migrations.map((m) => m.id));
    const unknown = (applied as string[]).filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new BackupError(
        `${file} was written by a newer version of the bot (migration ${unknown.join(', ')}); upgrade the bot first.`,
      );
    }
    const count = (table: string) => Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
    return { servers: count('guild_settings'), deliveries: count('deliveries') };
  } finally {
    db.close();
  }
}

function ownDatabase(file: string): void {
  try {
    assertOwnDatabase(file);
  } catch (error) {
    throw new BackupError(messageOf(error));
  }
}

/**
 * Refuses to replace a database another process has open (the bot still running). Leaving WAL mode needs
 * the only connection to the file, so it fails at once when there is another; the file is about to be
 * replaced, so changing its journal mode costs nothing.
 */
function assertNotInUse(file: string): void {
  const db = new SqliteDatabase(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    const mode = safely(() => db.pragma('journal_mode = DELETE', { simple: true }));
    if (mode !== 'delete') {
      throw new BackupError(
        `The database at ${file} is in use (is the bot running?); stop the bot, then restore.`,
      );
    }
  } finally {
    db.close();
  }
}

function safely<T>(read: () => T): T | string {
  try {
    return read();
  } catch (error) {
    return messageOf(error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
