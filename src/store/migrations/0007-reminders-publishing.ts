import { sql } from 'kysely';
import type { Migration } from './migration.js';

/**
 * Reminders ahead: `reminder_days` is how many days before each anniversary a server is reminded (0 = off,
 * at most 30, as /config reminder's option allows). One statement for both databases: SQLite accepts a
 * CHECK on an added column with a constant default, and PostgreSQL the same.
 *
 * A reminder's ledger rows need no new column: they live in the deliveries table under a distinct event-id
 * namespace (`reminder:<event id>`, see store/delivery.ts), so the claim, nonce, marker and read-back that
 * keep a notice to one post do the same for a reminder.
 */
export const remindersPublishingMigration: Migration = {
  id: '0007-reminders-publishing',
  async up(db) {
    await db.schema
      .alterTable('guild_settings')
      .addColumn('reminder_days', 'integer', (col) =>
        col.notNull().defaultTo(0).check(sql`reminder_days >= 0 AND reminder_days <= 30`),
      )
      .execute();
    // The reminder offset is a planning input: the busy tick's plan order (0005's index) gains it before the
    // guild id, so servers with equal plans stay next to one another.
    await db.schema.dropIndex('guild_settings_due_by_plan').execute();
    await db.schema
      .createIndex('guild_settings_due_by_plan')
      .on('guild_settings')
      .columns(['next_due_at', 'time_zone', 'post_time', 'disabled_events', 'reminder_days', 'guild_id'])
      .where(sql.ref('paused'), '=', sql.lit(0))
      .where(sql.ref('channel_id'), 'is not', null)
      .execute();
  },
};
