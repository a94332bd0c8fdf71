import { type Kysely, PostgresAdapter, SqliteAdapter, sql } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/**
 * What the store does differently on each database, beside what Kysely's own dialects already cover
 * (SQL syntax, the driver, and — in ImmediateSqliteDialect — how a transaction begins). Repositories
 * never look at this; the migrator and db:copy do.
 */
export interface StoreDialect {
  readonly name: DialectName;
  /**
   * Called first thing in the migration transaction: makes hosts that start together take turns.
   * SQLite's BEGIN IMMEDIATE already did; PostgreSQL takes a transaction-scoped advisory lock.
   */
  lockForMigration(trx: Kysely<unknown>): Promise<void>;
  /** The user tables, by name (not the database's own). */
  tables(db: Kysely<unknown>): Promise<string[]>;
  /** Creates the migration record if absent. */
  createMigrationTable(trx: Kysely<unknown>): Promise<void>;
  /**
   * After rows were copied in with their ids: moves each identity column's sequence past the largest id,
   * so the next row the bot inserts does not collide (SQLite's AUTOINCREMENT already follows the rows).
   */
  followCopiedIds(trx: Kysely<unknown>): Promise<void>;
}

/** The advisory lock key every host uses for migrations: "remb" in ASCII. */
const MIGRATION_LOCK = 0x72656d62;

const sqlite: StoreDialect = {
  name: 'sqlite',
  async lockForMigration() {},
  async tables(db) {
    const rows = await sql<{ name: string }>`
      SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
    `.execute(db);
    return rows.rows.map((r) => r.name);
  },
  async createMigrationTable(trx) {
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      id TEXT PRIMARY KEY NOT NULL,
      applied_at INTEGER NOT NULL
    ) STRICT`.execute(trx);
  },
  async followCopiedIds() {},
};

const postgres: StoreDialect = {
  name: 'postgres',
  async lockForMigration(trx) {
    // A migration may take longer than a normal statement may.
    await sql`SET LOCAL statement_timeout = 0`.execute(trx);
    // Asked again and again rather than waited for in one statement: another host's migration may take
    // longer than the client lets one query run.
    for (;;) {
      const { rows } = await sql<{ locked: boolean }>`
        SELECT pg_try_advisory_xact_lock(${sql.lit(MIGRATION_LOCK)}) AS locked
      `.execute(trx);
      if (rows[0]?.locked) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  },
  async tables(db) {
    const rows = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
    `.execute(db);
    return rows.rows.map((r) => r.name);
  },
  async createMigrationTable(trx) {
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY NOT NULL,
      applied_at bigint NOT NULL
    )`.execute(trx);
  },
  async followCopiedIds(trx) {
    const identities = await sql<{ t: string; c: string }>`
      SELECT table_name AS t, column_name AS c FROM information_schema.columns
      WHERE table_schema = current_schema() AND is_identity = 'YES'
    `.execute(trx);
    for (const { t, c } of identities.rows) {
      await sql`SELECT setval(pg_get_serial_sequence(${sql.lit(`"${t}"`)}, ${sql.lit(c)}),
        COALESCE((SELECT max(${sql.ref(c)}) FROM ${sql.table(t)}), 1),
        (SELECT max(${sql.ref(c)}) FROM ${sql.table(t)}) IS NOT NULL)`.execute(trx);
    }
  },
};

/** The store's behaviours for the database behind `db`, read from the Kysely dialect it was built with. */
export function storeDialectOf(db: Kysely<unknown>): StoreDialect {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return postgres;
  if (adapter instanceof SqliteAdapter) return sqlite;
  throw new Error(`Unsupported database adapter ${adapter.constructor.name}`);
}
