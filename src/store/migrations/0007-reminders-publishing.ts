import { type ColumnDataType, type Kysely, sql } from 'kysely';
import type { Migration } from './migration.js';

/**
 * Reminders ahead and publishing in announcement channels.
 *
 * `guild_settings.reminder_days`: how many days before each anniversary a server is reminded (0 = off, at most
 * 30, as /config reminder's option allows). A reminder's ledger rows need no new column: they live in the
 * deliveries table under a distinct event-id namespace (`reminder:<event id>`, see store/delivery.ts), so the
 * claim, nonce, marker and read-back that keep a notice to one post do the same for a reminder. The reminder
 * offset is a planning input, so the busy tick's plan order (0005's index) gains it before the guild id.
 *
 * `publications`: one row per notice posted in an announcement channel, recording its publishing (crossposting)
 * apart from the send: a failed publish is retried from here and never touches the delivery, so it can never
 * send the notice again. Epoch milliseconds are `integer` in SQLite's STRICT tables and `bigint` in PostgreSQL,
 * so the one body takes the type for the database at hand.
 */
async function up(db: Kysely<unknown>, instant: ColumnDataType): Promise<void> {
  await db.schema
    .alterTable('guild_settings')
    .addColumn('reminder_days', 'integer', (col) =>
      col.notNull().defaultTo(0).check(sql`reminder_days >= 0 AND reminder_days <= 30`),
    )
    .execute();
  await db.schema.dropIndex('guild_settings_due_by_plan').execute();
  await db.schema
    .createIndex('guild_settings_due_by_plan')
    .on('guild_settings')
    .columns(['next_due_at', 'time_zone', 'post_time', 'disabled_events', 'reminder_days', 'guild_id'])
    .where(sql.ref('paused'), '=', sql.lit(0))
    .where(sql.ref('channel_id'), 'is not', null)
    .execute();

  let table = db.schema
    .createTable('publications')
    .addColumn('guild_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('pending', 'published', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_at', instant)
    .addColumn('until_at', instant, (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('detail', 'text')
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('publications_pkey', ['guild_id', 'event_id', 'year']);
  if (instant === 'integer') table = table.modifyEnd(sql`STRICT`);
  await table.execute();
  // The tick's retry query reads only pending rows, by when they are next due.
  await db.schema
    .createIndex('publications_pending')
    .on('publications')
    .column('next_at')
    .where(sql.ref('status'), '=', sql.lit('pending'))
    .execute();
}

export const remindersPublishingMigration: Migration = {
  id: '0007-reminders-publishing',
  sqlite: (db) => up(db, 'integer'),
  postgres: (db) => up(db, 'bigint'),
};
