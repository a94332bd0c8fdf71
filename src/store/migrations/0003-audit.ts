import type { Migration } from './migration.js';

/**
 * The audit trail of /config changes, and when the bot left a server (its data is kept 30 days after,
 * for a re-invite, then deleted). Schema builder only, so the same migration serves other dialects.
 */
export const auditMigration: Migration = {
  id: '0003-audit',
  async up(db) {
    await db.schema
      .createTable('config_audit')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('guild_id', 'text', (c) => c.notNull())
      .addColumn('at', 'integer', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text', (c) => c.notNull())
      // A code (channel, timezone, time, role, language, paused, event); text is rendering.
      .addColumn('setting', 'text', (c) => c.notNull())
      // What the setting is about when it has parts (the event id for `event`).
      .addColumn('subject', 'text')
      .addColumn('old_value', 'text')
      .addColumn('new_value', 'text')
      .execute();
    // History pages and pruning read one server's rows newest first.
    await db.schema
      .createIndex('config_audit_guild')
      .on('config_audit')
      .columns(['guild_id', 'id'])
      .execute();
    await db.schema.alterTable('guild_settings').addColumn('left_at', 'integer').execute();
  },
};
