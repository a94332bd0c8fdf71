import { type Kysely, sql } from 'kysely';
import { immediateTransaction } from './immediate-transaction.js';
import { migrations as knownMigrations } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';
import { StoreError } from './store-error.js';

export interface MigrateOptions {
  /** Recorded as applied_at. */
  now: number;
  /** The database path, for error messages. */
  location: string;
  /** Defaults to every migration this version knows. */
  migrations?: readonly Migration[];
}

/**
 * Brings the schema up to date: all pending migrations run in one IMMEDIATE transaction, so several
 * processes starting at once apply them exactly once and a failure leaves the database as it was.
 * A database that recorded a migration this version does not know was written by a newer bot; it is
 * refused with a {@link StoreError} before anything is written.
 *
 * @returns the ids applied now (empty when the schema was current).
 */
export async function migrate(db: Kysely<unknown>, options: MigrateOptions): Promise<string[]> {
  const list = options.migrations ?? knownMigrations;
  assertOrdered(list);
  return immediateTransaction(db, async (trx) => {
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
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      id TEXT PRIMARY KEY NOT NULL,
      applied_at INTEGER NOT NULL
    ) STRICT`.execute(trx);
    for (const migration of pending) {
      try {
        await migration.up(trx);
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
  const table = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'
  `.execute(db);
  if (table.rows.length === 0) return [];
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
