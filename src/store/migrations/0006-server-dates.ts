import type { Migration } from './migration.js';

/**
 * Remembrance dates a server's admins add (`/config date`), each with the source they gave. The id is a
 * hash of the name and the date, so the delivery ledger (keyed by it) recognises a date removed and added
 * again. Epoch milliseconds as `bigint` (the table is not STRICT on SQLite).
 */
export const serverDatesMigration: Migration = {
  id: '0006-server-dates',
  async up(db) {
    await db.schema
      .createTable('server_dates')
      .addColumn('guild_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // YYYY-MM-DD.
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('source_url', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('role_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('server_dates_pk', ['guild_id', 'id'])
      .execute();
  },
};
