import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { databaseLocation, parseDatabaseUrl } from '../../src/store/database-url.js';
import { migrations } from '../../src/store/migrations/index.js';
import type { Migration } from '../../src/store/migrations/migration.js';
import { migrate } from '../../src/store/migrator.js';
import type { PostgresUrl } from '../../src/store/postgres-url.js';
import { StoreError } from '../../src/store/store-error.js';
import { type PostgresDatabase, postgresDatabase } from '../support/postgres.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('migrations on PostgreSQL', () => {
  let database: PostgresDatabase;
  let url: PostgresUrl;
  const raws: Kysely<unknown>[] = [];

  beforeEach(async () => {
    database = await postgresDatabase('migrate');
    url = parseDatabaseUrl(database.url, '/') as PostgresUrl;
  });
  afterEach(async () => {
    for (const db of raws.splice(0)) await db.destroy();
    await database.drop();
  });

  function raw(): Kysely<unknown> {
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }),
    });
    raws.push(db);
    return db;
  }

  async function columnTypes(db: Kysely<unknown>): Promise<Record<string, string>> {
    const rows = await sql<{ table_name: string; column_name: string; data_type: string }>`
      SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY table_name, column_name
    `.execute(db);
    return Object.fromEntries(rows.rows.map((r) => [`${r.table_name}.${r.column_name}`, r.data_type]));
  }

  it('build the schema with bigint instants and shard keys, jsonb lists, and record each id', async () => {
    const { db, close } = await openDatabase(url, { now: () => 1_700_000_000_000 });
    const types = await columnTypes(db as unknown as Kysely<unknown>);
    for (const column of [
      'guild_settings.shard_key',
      'guild_settings.next_due_at',
      'guild_settings.updated_at',
      'deliveries.claimed_at',
      'deliveries.first_attempt_at',
      'deliveries.due_at',
      'deliveries.updated_at',
      'schema_migrations.applied_at',
    ]) {
      expect(types[column], column).toBe('bigint');
    }
    expect(types['guild_settings.disabled_events']).toBe('jsonb');
    expect(types['guild_settings.guild_id']).toBe('text');
    expect(types['deliveries.detail']).toBe('text');
    expect(await db.selectFrom('schema_migrations').selectAll().execute()).toEqual(
      migrations.map((m) => ({ id: m.id, applied_at: 1_700_000_000_000 })),
    );
    await close();
  });

  it('run once when several hosts open the database at the same moment', async () => {
    const opened = await Promise.all([1, 2, 3, 4].map(() => openDatabase(url, { poolSize: 2 })));
    const rows = await opened[0]?.db.selectFrom('schema_migrations').select('id').execute();
    expect(rows?.map((r) => r.id)).toEqual(migrations.map((m) => m.id));
    for (const o of opened) await o.close();

    // The same with a migration slow enough that the others must wait for the lock.
    let runs = 0;
    const slow: Migration = {
      id: '0001-slow',
      up: async (trx) => {
        runs++;
        await sql`CREATE TABLE slow (x integer)`.execute(trx);
        await sql`SELECT pg_sleep(0.3)`.execute(trx);
      },
    };
    const fresh = await postgresDatabase('migrate');
    const connect = () =>
      new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: fresh.url, max: 1 }) }),
      });
    const hosts = [connect(), connect(), connect()];
    const applied = await Promise.all(
      hosts.map((db) => migrate(db, { now: 1, location: 'test', migrations: [slow] })),
    );
    expect(applied.flat()).toEqual(['0001-slow']);
    expect(runs).toBe(1);
    for (const db of hosts) await db.destroy();
    await fresh.drop();
  });

  it('run the body written for the database at hand', async () => {
    const db = raw();
    const split: Migration = {
      id: '0001-split',
      sqlite: async (trx) => {
        await sql`CREATE TABLE wrong_one (x integer)`.execute(trx);
      },
      postgres: async (trx) => {
        await sql`CREATE TABLE right_one (x bigint)`.execute(trx);
      },
    };
    expect(await migrate(db, { now: 1, location: 'test', migrations: [split] })).toEqual(['0001-split']);
    const tables = await sql<{ t: string }>`
      SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1
    `.execute(db);
    expect(tables.rows.map((r) => r.t)).toEqual(['right_one', 'schema_migrations']);
  });

  it('run in one transaction: a failing migration leaves no trace of the earlier ones', async () => {
    const db = raw();
    const list: Migration[] = [
      { id: '0001-ok', up: async (trx) => void (await sql`CREATE TABLE ok (x integer)`.execute(trx)) },
      { id: '0002-broken', up: async (trx) => void (await sql`CREATE TABLE ok (y integer)`.execute(trx)) },
    ];
    const error = await migrate(db, { now: 1, location: 'here', migrations: list }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toBe(
      'Migration 0002-broken failed on the database at here: relation "ok" already exists',
    );
    const tables =
      await sql`SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()`.execute(db);
    expect(tables.rows).toEqual([]);
  });

  it('refuse a database written by a newer version, with one line and nothing changed', async () => {
    await (await openDatabase(url)).close();
    const db = raw();
    await sql`INSERT INTO schema_migrations (id, applied_at) VALUES ('0042-from-the-future', 5)`.execute(db);
    const error = await openDatabase(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('newer-schema');
    expect((error as StoreError).message).toBe(
      `The database at ${databaseLocation(url)} was written by a newer version of the bot ` +
        '(migration 0042-from-the-future); upgrade the bot or point DATABASE_URL elsewhere.',
    );
    expect((error as StoreError).message).not.toContain(url.password ?? '');
    const ids = await sql<{ id: string }>`SELECT id FROM schema_migrations ORDER BY id`.execute(db);
    expect(ids.rows.map((r) => r.id)).toEqual([...migrations.map((m) => m.id), '0042-from-the-future']);
  });

  it('npm run db:migrate migrates without starting the bot, and says when there is nothing to do', () => {
    const run = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/db-migrate.ts'], {
        cwd: ROOT,
        encoding: 'utf8',
        // No DISCORD_TOKEN: migrating needs only the database.
        env: { PATH: process.env.PATH, DATABASE_URL: database.url },
      });
    const first = run();
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(
      `Applied ${migrations.map((m) => m.id).join(', ')} to ${databaseLocation(url)}.\n`,
    );
    const second = run();
    expect(second.stdout).toBe(`${databaseLocation(url)} is up to date.\n`);
    expect(second.status).toBe(0);
  });

  it('give both databases the same tables, columns and indexes', async () => {
    const { db: onPostgres, close } = await openDatabase(url);
    const sqlite = await openDatabase({ kind: 'sqlite-memory' });
    const pgColumns = await sql<{ c: string }>`
      SELECT table_name || '.' || column_name AS c FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY 1
    `.execute(onPostgres);
    const sqliteColumns = await sql<{ c: string }>`
      SELECT m.name || '.' || p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p
      WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY 1
    `.execute(sqlite.db);
    const pgIndexes = await sql<{ i: string }>`
      SELECT indexname AS i FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%_pkey'
      AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY 1
    `.execute(onPostgres);
    const sqliteIndexes = await sql<{ i: string }>`
      SELECT name AS i FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY 1
    `.execute(sqlite.db);
    expect(pgColumns.rows.map((r) => r.c)).toEqual(sqliteColumns.rows.map((r) => r.c));
    expect(pgIndexes.rows.map((r) => r.i)).toEqual(sqliteIndexes.rows.map((r) => r.i));
    await sqlite.close();
    await close();
  });
});
