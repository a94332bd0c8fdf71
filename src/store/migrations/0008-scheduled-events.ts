import { sql } from 'kysely';
import type { Migration } from './migration.js';

/**
 * Discord's Events tab: a per-server switch (off by default) and one row per anniversary the bot shows
 * there — the claim that makes each Discord event exactly once, and the Discord event's id and what it
 * says once made. Plain types only (`bigint` epoch ms, no STRICT), so the same migration runs on both.
 */
export const scheduledEventsMigration: Migration = {
  id: '0008-scheduled-events',
  async up(db) {
    await db.schema
      .alterTable('guild_settings')
      .addColumn('events_tab', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('scheduled_events')
      .addColumn('guild_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      // creating (claimed; a create may be in flight or lost), created, failed (refused, never made),
      // uncertain (a create's answer was lost), dismissed (someone deleted it in Discord: not made again).
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status in ('creating', 'created', 'failed', 'uncertain', 'dismissed')`),
      )
      .addColumn('discord_id', 'text')
      // What the Discord event says (a digest of the payload), so a settings change updates it once.
      .addColumn('digest', 'text')
      .addColumn('starts_at', 'bigint', (c) => c.notNull())
      .addColumn('ends_at', 'bigint', (c) => c.notNull())
      // A code (events-limit, missing-permissions, rejected) when Discord refused the create.
      .addColumn('reason', 'text')
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('scheduled_events_pk', ['guild_id', 'event_id', 'year'])
      .execute();
  },
};
