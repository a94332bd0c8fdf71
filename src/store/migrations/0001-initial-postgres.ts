import { sql } from 'kysely';
import type { MigrationBody } from './migration.js';

/**
 * PostgreSQL's first migration: the schema as SQLite has it after 0002-delivery-readback (the ledger's
 * `detail`, `first_attempt_at` and 'uncertain'), with PostgreSQL's types: `bigint` for epoch
 * milliseconds and shard keys, `jsonb` for lists. Booleans stay 0/1 integers so one set of repositories
 * reads both databases. Constraint and index names match SQLite's, and CHECK value lists are frozen
 * here for the same reason as there.
 */
export const postgresBaseline: MigrationBody = async (db) => {
  await db.schema
    .createTable('guild_settings')
    .addColumn('guild_id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('shard_key', 'bigint', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('post_time', 'text', (c) =>
      c.notNull().check(sql`post_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    )
    .addColumn('role_id', 'text')
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language IN ('en', 'az', 'ru', 'tr')`))
    .addColumn('paused', 'integer', (c) => c.notNull().check(sql`paused IN (0, 1)`))
    .addColumn('pause_reason', 'text', (c) =>
      c.check(
        sql`pause_reason IN ('admin', 'channel-deleted', 'missing-access', 'missing-permissions', 'unknown-channel')`,
      ),
    )
    .addColumn('pause_detail', 'text')
    .addColumn('disabled_events', 'jsonb', (c) =>
      c.notNull().defaultTo(sql`'[]'::jsonb`).check(sql`jsonb_typeof(disabled_events) = 'array'`),
    )
    .addColumn('next_due_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint(
      'guild_settings_pause_consistent',
      sql`(paused = 0 AND pause_reason IS NULL AND pause_detail IS NULL) OR (paused = 1 AND pause_reason IS NOT NULL)`,
    )
    .execute();

  // The scheduler's tick, as on SQLite: partial, and the query repeats this WHERE literally.
  await db.schema
    .createIndex('guild_settings_due')
    .on('guild_settings')
    .column('next_due_at')
    .where(sql.ref('paused'), '=', sql.lit(0))
    .where(sql.ref('channel_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('guild_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('claimed', 'sent', 'failed', 'missed', 'uncertain')`),
    )
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('detail', 'text')
    .addColumn('retryable', 'integer', (c) => c.notNull().defaultTo(0).check(sql`retryable IN (0, 1)`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'bigint')
    .addColumn('first_attempt_at', 'bigint')
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('deliveries_key', ['guild_id', 'event_id', 'year'])
    .addCheckConstraint('deliveries_sent_has_message', sql`status <> 'sent' OR message_id IS NOT NULL`)
    .execute();
};
