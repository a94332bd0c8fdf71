import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { StoreError } from '../../src/store/store-error.js';
import { useTempDir } from './fixtures.js';

async function openError(promise: Promise<unknown>): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected openDatabase to fail');
}

describe('openDatabase', () => {
  const temp = useTempDir();

  it('creates missing folders and sets WAL, foreign keys and the busy timeout', async () => {
    const file = path.join(temp.dir(), 'var', 'nested', 'bot.sqlite');
    const { db, close } = await openDatabase({ kind: 'sqlite-file', path: file });
    try {
      expect(fs.statSync(file).isFile()).toBe(true);
      const pragma = async (name: string) =>
        Object.values(
          (await sql.raw<Record<string, unknown>>(`PRAGMA ${name}`).execute(db)).rows[0] ?? {},
        )[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
    } finally {
      await close();
    }
  });

  it('opens an in-memory database with the schema in place', async () => {
    const { db, close } = await openDatabase({ kind: 'sqlite-memory' });
    expect(await db.selectFrom('guild_settings').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('deliveries').selectAll().execute()).toEqual([]);
    await close();
    await close(); // closing twice is harmless
  });

  it('refuses a path under a regular file with one line naming the path', async () => {
    const blocker = path.join(temp.dir(), 'not-a-folder');
    fs.writeFileSync(blocker, 'plain file');
    const file = path.join(blocker, 'bot.sqlite');
    const error = await openError(openDatabase({ kind: 'sqlite-file', path: file }));
    expect(error.code).toBe('cannot-open');
    expect(error.message).toBe(
      `Cannot open the database at ${file}: cannot create the folder ${blocker} (part of that path is a file, not a folder).`,
    );
  });

  it('refuses a file that is not a database and leaves it alone', async () => {
    const file = path.join(temp.dir(), 'notes.sqlite');
    const content = 'These are notes, not a database. '.repeat(200);
    fs.writeFileSync(file, content);
    const error = await openError(openDatabase({ kind: 'sqlite-file', path: file }));
    expect(error.code).toBe('cannot-open');
    expect(error.message).toBe(`Cannot open the database at ${file}: the file is not a SQLite database.`);
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
  });

  it('refuses a path that is a folder', async () => {
    const error = await openError(openDatabase({ kind: 'sqlite-file', path: temp.dir() }));
    expect(error.message).toBe(`Cannot open the database at ${temp.dir()}: it is a folder, not a file.`);
  });

  for (const [what, schema] of [
    ['an application database', "CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('ada');"],
    [
      'a Rails database',
      'CREATE TABLE schema_migrations (version TEXT PRIMARY KEY); CREATE TABLE posts (id INT);',
    ],
  ] as const) {
    it(`refuses ${what} untouched: no WAL switch, no tables added`, async () => {
      const file = path.join(temp.dir(), 'other.sqlite');
      const other = new SqliteDatabase(file);
      other.exec(schema);
      other.close();
      const before = fs.readFileSync(file);
      const error = await openError(openDatabase({ kind: 'sqlite-file', path: file }));
      expect(error.code).toBe('foreign-database');
      expect(error.message).toMatch(
        new RegExp(
          `^The database at ${file.replace(/[/.]/g, '\\$&')} is not this bot's \\(it holds tables [^)]+\\); it was left untouched: point DATABASE_URL at a new file\\.$`,
        ),
      );
      expect(fs.readFileSync(file).equals(before)).toBe(true);
      expect(fs.readdirSync(temp.dir())).toEqual(['other.sqlite']);
    });
  }

  it('opens its own database again, and an empty SQLite file', async () => {
    const file = path.join(temp.dir(), 'bot.sqlite');
    await (await openDatabase({ kind: 'sqlite-file', path: file })).close();
    await (await openDatabase({ kind: 'sqlite-file', path: file })).close();
    const empty = path.join(temp.dir(), 'empty.sqlite');
    new SqliteDatabase(empty).close();
    await (await openDatabase({ kind: 'sqlite-file', path: empty })).close();
  });
});
