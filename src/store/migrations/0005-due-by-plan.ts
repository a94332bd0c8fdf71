import { sql } from 'kysely';
import type { Migration } from './migration.js';

/**
 * The busy tick reads due servers in plan order — next due instant, zone, post time, disabled events, guild
 * id — a page at a time (SettingsRepository.listDueByPlan). Without an index in that order every page sorts
 * every due server again; with it a page reads only its own rows. Partial like `guild_settings_due`, and
 * the query repeats the WHERE literally so the planner can use it.
 */
export const dueByPlanMigration: Migration = {
  id: '0005-due-by-plan',
  async up(db) {
    await db.schema
      .createIndex('guild_settings_due_by_plan')
      .on('guild_settings')
      .columns(['next_due_at', 'time_zone', 'post_time', 'disabled_events', 'guild_id'])
      .where(sql.ref('paused'), '=', sql.lit(0))
      .where(sql.ref('channel_id'), 'is not', null)
      .execute();
  },
};
