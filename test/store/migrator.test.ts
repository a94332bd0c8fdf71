import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { migrations } from '../../src/store/migrations/index.js';
import type { Migration } from '../../src/store/migrations/migration.js';
import { migrate } from '../../src/store/migrator.js';
import { StoreError } from '../../src/store/store-error.js';
import { useTempDir } from './fixtures.js';

function rawKysely(file: string): Kysely<unknown> {
  return new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(file) }) });
}

async function tableNames(db: Kysely<unknown>): Promise<string[]> {
  const result = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name
  `.execute(db);
  return result.rows.map((r) => r.name);
}

describe('migrations', () => {
  const temp = useTempDir();

  it('are listed in order with unique ids', () => {
    const ids = migrations.map((m) => m.id);
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  it('build the schema from an empty database and record each id', async () => {
    const url = temp.fileUrl();
    const { db, close } = await openDatabase(url, { now: () => 1_000 });
    expect(await tableNames(db as unknown as Kysely<unknown>)).toEqual([
      'config_audit',
      'config_audit_guild',
      'deliveries',
      'guild_settings',
      'guild_settings_due',
      'guild_settings_due_by_plan',
      'host_heartbeats',
      'identify_leases',
      'publications',
      'publications_pending',
      'scheduled_events',
      'schema_migrations',
      'server_dates',
      'shard_layout',
    ]);
    expect(await db.selectFrom('schema_migrations').selectAll().execute()).toEqual(
      migrations.map((m) => ({ id: m.id, applied_at: 1_000 })),
    );
    await close();
  });

  it('run nothing twice when the database is opened again', async () => {
    const url = temp.fileUrl();
    await (await openDatabase(url, { now: () => 1_000 })).close();
    const { db, close } = await openDatabase(url, { now: () => 2_000 });
    expect(await db.selectFrom('schema_migrations').selectAll().execute()).toEqual(
      migrations.map((m) => ({ id: m.id, applied_at: 1_000 })),
    );
    expect(await migrate(db as unknown as Kysely<unknown>, { now: 3_000, location: 'test' })).toEqual([]);
    await close();
  });

  it('apply only the pending ones, in order', async () => {
    const file = path.join(temp.dir(), 'steps.sqlite');
    const db = rawKysely(file);
    const step = (id: string, table: string): Migration => ({
      id,
      up: async (trx) => {
        await sql`CREATE TABLE ${sql.table(table)} (x INTEGER)`.execute(trx);
      },
    });
    const first = [step('0001-a', 'a')];
    expect(await migrate(db, { now: 1, location: file, migrations: first })).toEqual(['0001-a']);
    const both = [...first, step('0002-b', 'b'), step('0003-c', 'c')];
    expect(await migrate(db, { now: 2, location: file, migrations: both })).toEqual(['0002-b', '0003-c']);
    expect(await tableNames(db)).toEqual(['a', 'b', 'c', 'schema_migrations']);
    await db.destroy();
  });

  it('run in one transaction: a failing migration leaves no trace of the earlier ones', async () => {
    const file = path.join(temp.dir(), 'failing.sqlite');
    const db = rawKysely(file);
    const list: Migration[] = [
      {
        id: '0001-ok',
        up: async (trx) => {
          await sql`CREATE TABLE ok (x INTEGER)`.execute(trx);
        },
      },
      {
        id: '0002-broken',
        up: async (trx) => {
          await sql`CREATE TABLE ok (y INTEGER)`.execute(trx);
        },
      },
    ];
    const error = await migrate(db, { now: 1, location: file, migrations: list }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('migration-failed');
    expect((error as StoreError).message).toBe(
      `Migration 0002-broken failed on the database at ${file}: table ok already exists`,
    );
    expect(await tableNames(db)).toEqual([]);
    await db.destroy();
  });

  it('refuse a database written by a newer version and leave it byte-identical', async () => {
    const url = temp.fileUrl();
    if (url.kind !== 'sqlite-file') throw new Error('unreachable');
    await (await openDatabase(url)).close();
    const raw = new SqliteDatabase(url.path);
    raw
      .prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)')
      .run('0042-from-the-future', 5);
    raw.close();
    const before = fs.readFileSync(url.path);
    const filesBefore = fs.readdirSync(temp.dir()).sort();

    const error = await openDatabase(url).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('newer-schema');
    expect((error as StoreError).message).toBe(
      `The database at ${url.path} was written by a newer version of the bot (migration 0042-from-the-future); ` +
        'upgrade the bot or point DATABASE_URL elsewhere.',
    );
    expect(fs.readFileSync(url.path).equals(before)).toBe(true);
    expect(fs.readdirSync(temp.dir()).sort()).toEqual(filesBefore);
  });

  it('refuse migration lists that are out of order', async () => {
    const db = rawKysely(':memory:');
    const noop = async () => undefined;
    const list = [
      { id: '0002-b', up: noop },
      { id: '0001-a', up: noop },
    ];
    await expect(migrate(db, { now: 1, location: ':memory:', migrations: list })).rejects.toThrow(
      'Migrations out of order: "0001-a" comes after "0002-b"',
    );
    await db.destroy();
  });
});
