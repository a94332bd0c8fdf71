import type { Migration } from './migration.js';

/**
 * Several hosts on one database: the bot's shard count (one row), each running process's heartbeat per
 * shard it holds, and one identify lease per max_concurrency bucket. Plain types only (`bigint` for epoch
 * milliseconds, no STRICT, no SQLite functions), so the same migration runs on PostgreSQL.
 */
export const hostsMigration: Migration = {
  id: '0004-hosts',
  async up(db) {
    await db.schema
      .createTable('shard_layout')
      .addColumn('id', 'integer', (c) => c.primaryKey().notNull())
      .addColumn('shard_count', 'integer', (c) => c.notNull())
      .addColumn('recorded_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('host_heartbeats')
      .addColumn('host_id', 'text', (c) => c.notNull())
      .addColumn('shard_id', 'integer', (c) => c.notNull())
      .addColumn('shard_count', 'integer', (c) => c.notNull())
      .addColumn('host_name', 'text', (c) => c.notNull())
      .addColumn('pid', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('seen_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('host_heartbeats_pk', ['host_id', 'shard_id'])
      .execute();

    await db.schema
      .createTable('identify_leases')
      .addColumn('bucket', 'integer', (c) => c.primaryKey().notNull())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
