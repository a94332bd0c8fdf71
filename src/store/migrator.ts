import { type Kysely, sql } from 'kysely';
import { migrations as knownMigrations } from './migrations/index.js';
import { type Migration, migrationBody } from './migrations/migration.js';
import { storeDialectOf } from './store-dialect.js';
import { StoreError } from './store-error.js';

export interface MigrateOptions {
  /** Recorded as applied_at. */
  now: number;
  /** Where the database is (path, or PostgreSQL database and host), for error messages. */
  location: string;
  /** Defaults to every migration this version knows. */
  migrations?: readonly Migration[];
}

/**
 * Brings the schema up to date: all pending migrations run in one transaction that first takes the
 * migration lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so several processes or hosts
 * starting at once apply them exactly once and a failure leaves the database as it was. A database that
 * recorded a migration this version does not know was written by a newer bot; it is refused with a
 * {@link StoreError} before anything is written.
 *
 * @returns the ids applied now (empty when the schema was current).
 */
export async function migrate(db: Kysely<unknown>, options: MigrateOptions): Promise<string[]> {
  const list = options.migrations ?? knownMigrations;
  assertOrdered(list);
  const dialect = storeDialectOf(db);
  return db.transaction().execute(async (trx) => {
    await dialect.lockForMigration(trx);
    const applied = await appliedIds(trx);
    const known = new Set(list.map((m) => m.id));
    const unknown = applied.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new StoreError(
        'newer-schema',
        `The database at ${options.location} was written by a newer version of the bot ` +
          `(migration ${unknown.join(', ')}); upgrade the bot or point DATABASE_URL elsewhere.`,
      );
    }
    const done = new Set(applied);
    const pending = list.filter((m) => !done.has(m.id));
    if (pending.length === 0) return [];
    await dialect.createMigrationTable(trx);
    for (const migration of pending) {
      try {
        await migrationBody(migration, dialect.name)(trx);
      } catch (error) {
        throw new StoreError(
          'migration-failed',
          `Migration ${migration.id} failed on the database at ${options.location}: ${messageOf(error)}`,
          { cause: error },
        );
      }
      await sql`INSERT INTO schema_migrations (id, applied_at) VALUES (${migration.id}, ${options.now})`.execute(
        trx,
      );
    }
    return pending.map((m) => m.id);
  });
}

async function appliedIds(db: Kysely<unknown>): Promise<string[]> {
  const tables = await storeDialectOf(db).tables(db);
  if (!tables.includes('schema_migrations')) return [];
  const rows = await sql<{ id: string }>`SELECT id FROM schema_migrations ORDER BY id`.execute(db);
  return rows.rows.map((r) => r.id);
}

function assertOrdered(list: readonly Migration[]): void {
  for (let i = 1; i < list.length; i++) {
    const previous = list[i - 1]?.id ?? '';
    const current = list[i]?.id ?? '';
    if (current <= previous) {
      throw new Error(`Migrations out of order: "${current}" comes after "${previous}"`);
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
