import { type Kysely, sql } from 'kysely';

/**
 * Runs `work` inside `BEGIN IMMEDIATE … COMMIT` on one connection, rolling back if it throws.
 *
 * IMMEDIATE takes the write lock up front, so a read-then-write cannot fail half way with
 * SQLITE_BUSY_SNAPSHOT when another process wrote in between; waiting for the lock honours
 * busy_timeout. Kysely's own `transaction()` issues a plain (deferred) BEGIN, hence this helper.
 *
 * better-sqlite3 waits for a lock by blocking the thread, so a second database handle on the same file
 * in the same thread must not write while this transaction is open: open one database per process.
 */
export async function immediateTransaction<DB, T>(
  db: Kysely<DB>,
  work: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`BEGIN IMMEDIATE`.execute(connection);
    try {
      const result = await work(connection);
      await sql`COMMIT`.execute(connection);
      return result;
    } catch (error) {
      // SQLite may already have rolled back (e.g. after SQLITE_FULL); then ROLLBACK itself fails.
      await sql`ROLLBACK`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}
