import { sql } from 'kysely';
import { postgresBaseline } from './0001-initial-postgres.js';
import type { Migration } from './migration.js';

/**
 * Guild settings and the delivery ledger. The value lists in the CHECKs are frozen here on purpose:
 * a new language or pause reason comes with a migration, which also stops an older bot from opening
 * a database that may contain it.
 */
export const initialMigration: Migration = {
  id: '0001-initial',
  postgres: postgresBaseline,
  async sqlite(db) {
    await db.schema
      .createTable('guild_settings')
      .addColumn('guild_id', 'text', (c) => c.primaryKey().notNull())
      .addColumn('shard_key', 'integer', (c) => c.notNull())
      .addColumn('channel_id', 'text')
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('post_time', 'text', (c) =>
        c.notNull().check(sql`post_time GLOB '[01][0-9]:[0-5][0-9]' OR post_time GLOB '2[0-3]:[0-5][0-9]'`),
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
      .addColumn('disabled_events', 'text', (c) =>
        c
          .notNull()
          .defaultTo('[]')
          .check(sql`json_valid(disabled_events) AND json_type(disabled_events) = 'array'`),
      )
      .addColumn('next_due_at', 'integer')
      .addColumn('updated_at', 'integer', (c) => c.notNull())
      .addCheckConstraint(
        'guild_settings_pause_consistent',
        sql`(paused = 0 AND pause_reason IS NULL AND pause_detail IS NULL) OR (paused = 1 AND pause_reason IS NOT NULL)`,
      )
      .modifyEnd(sql`STRICT`)
      .execute();

    // The scheduler's tick: active servers by next due instant. Partial, so paused and unconfigured
    // servers cost nothing; the query must repeat this WHERE literally for SQLite to use it.
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
        c.notNull().check(sql`status IN ('claimed', 'sent', 'failed', 'missed')`),
      )
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text')
      .addColumn('reason', 'text')
      .addColumn('retryable', 'integer', (c) => c.notNull().defaultTo(0).check(sql`retryable IN (0, 1)`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_at', 'integer')
      .addColumn('due_at', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('deliveries_pk', ['guild_id', 'event_id', 'year'])
      .addCheckConstraint('deliveries_sent_has_message', sql`status <> 'sent' OR message_id IS NOT NULL`)
      .modifyEnd(sql`STRICT`)
      .execute();
  },
};
