import type { Kysely } from 'kysely';
import type { Migration } from './migration.js';

/**
 * The audit trail of /config changes, and when the bot left a server (its data is kept 30 days after,
 * for a re-invite, then deleted).
 */
export const auditMigration: Migration = {
  id: '0003-audit',
  sqlite: (db) => createAudit(db, 'sqlite'),
  postgres: (db) => createAudit(db, 'postgres'),
};

/** The same table on both: PostgreSQL needs an identity column and 64-bit epoch milliseconds. */
async function createAudit(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const epochMs = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('config_audit')
    .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('guild_id', 'text', (c) => c.notNull())
    .addColumn('at', epochMs, (c) => c.notNull())
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
  await db.schema.createIndex('config_audit_guild').on('config_audit').columns(['guild_id', 'id']).execute();
  await db.schema.alterTable('guild_settings').addColumn('left_at', epochMs).execute();
}
