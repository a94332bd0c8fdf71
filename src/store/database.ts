import { Kysely, PostgresDialect } from 'kysely';
import { type DatabaseUrl, databaseLocation } from './database-url.js';
import { migrate } from './migrator.js';
import { connectPostgres, describePgError, type StoreLog } from './postgres-connection.js';
import type { Schema } from './schema.js';
import { cannotOpenSqlite, ImmediateSqliteDialect, openSqliteFile } from './sqlite-dialect.js';
import { StoreError } from './store-error.js';

export type { StoreLog } from './postgres-connection.js';

/** The pool size when DATABASE_POOL_SIZE is not set. */
export const DEFAULT_POOL_SIZE = 10;

export interface OpenDatabaseOptions {
  /** Clock for migration timestamps; defaults to Date.now. */
  now?: () => number;
  /** PostgreSQL: connections in the pool (default {@link DEFAULT_POOL_SIZE}). */
  poolSize?: number;
  /** PostgreSQL: how long to keep retrying an unreachable server at start (default 60 s). */
  connectRetryMs?: number;
  /** PostgreSQL: the longest one statement may run (default 15 s). */
  statementTimeoutMs?: number;
  /** Run pending migrations (default true); db:copy opens its source without touching it. */
  migrate?: boolean;
  log?: StoreLog;
}

/** An open, migrated database. Call `close` once at shutdown. */
export interface OpenedDatabase {
  db: Kysely<Schema>;
  close(): Promise<void>;
}

/**
 * Opens the database DATABASE_URL names and runs pending migrations. SQLite: creates the file if needed,
 * with WAL, foreign keys and a 5 s busy timeout. PostgreSQL: a pool over `pg`, retrying an unreachable
 * server for a while. Every expected failure — an unwritable folder, a file that is not a database, a
 * server that refuses the login, a database from a newer bot — is a {@link StoreError} with a one-line
 * message naming where the database is (never a password), so the caller can print it and exit.
 */
export async function openDatabase(
  url: DatabaseUrl,
  options: OpenDatabaseOptions = {},
): Promise<OpenedDatabase> {
  const location = databaseLocation(url);
  const db =
    url.kind === 'postgres'
      ? new Kysely<Schema>({
          dialect: new PostgresDialect({
            pool: await connectPostgres(url, {
              poolSize: options.poolSize ?? DEFAULT_POOL_SIZE,
              connectRetryMs: options.connectRetryMs ?? 60_000,
              statementTimeoutMs: options.statementTimeoutMs ?? 15_000,
              log: options.log,
            }),
          }),
        })
      : new Kysely<Schema>({ dialect: new ImmediateSqliteDialect(openSqliteFile(location)) });

  if (options.migrate !== false) {
    try {
      await migrate(db as unknown as Kysely<unknown>, { now: (options.now ?? Date.now)(), location });
    } catch (error) {
      await db.destroy();
      if (error instanceof StoreError) throw error;
      if (url.kind !== 'postgres') throw cannotOpenSqlite(location, error);
      throw new StoreError(
        'cannot-open',
        `Cannot open the ${location}: ${describePgError(error, url.password)}.`,
      );
    }
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
