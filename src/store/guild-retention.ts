import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** A server's data after the bot left it is kept this long, so a re-invite finds its settings. */
export const LEFT_GRACE_MS = 30 * 24 * 60 * 60 * 1000;

/** Which servers the bot has left, and deleting their data once the grace period is over. */
export class GuildRetention {
  constructor(private readonly db: Kysely<Schema>) {}

  /**
   * Marks a server as left (keeping the first instant if already marked) and drops its pending work, so the
   * scheduler does not keep retrying a server it is not in; false if nothing is stored.
   */
  async markLeft(guildId: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('guild_settings')
      .set({ left_at: now, next_due_at: null })
      .where('guild_id', '=', guildId)
      .where('left_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** The bot is (again) in the server: its data is no longer due for deletion. */
  async clearLeft(guildId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('guild_settings')
      .set({ left_at: null })
      .where('guild_id', '=', guildId)
      .where('left_at', 'is not', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Every server marked as left, whatever its shard. */
  async leftIds(): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('guild_settings')
      .select('guild_id')
      .where('left_at', 'is not', null)
      .execute();
    return new Set(rows.map((r) => r.guild_id));
  }

  async leftAt(guildId: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('guild_settings')
      .select('left_at')
      .where('guild_id', '=', guildId)
      .executeTakeFirst();
    return row?.left_at ?? null;
  }

  /**
   * Deletes the settings, audit trail, own dates and delivery ledger of every server left before `cutoff`, in one
   * transaction. Returns the servers deleted.
   */
  async deleteLeftBefore(cutoff: number): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('guild_settings')
        .select('guild_id')
        .where('left_at', 'is not', null)
        .where('left_at', '<', cutoff)
        .execute();
      const ids = rows.map((r) => r.guild_id);
      if (ids.length === 0) return [];
      await trx.deleteFrom('config_audit').where('guild_id', 'in', ids).execute();
      await trx.deleteFrom('server_dates').where('guild_id', 'in', ids).execute();
      await trx.deleteFrom('deliveries').where('guild_id', 'in', ids).execute();
      await trx.deleteFrom('scheduled_events').where('guild_id', 'in', ids).execute();
      await trx.deleteFrom('publications').where('guild_id', 'in', ids).execute();
      await trx.deleteFrom('guild_settings').where('guild_id', 'in', ids).execute();
      return ids;
    });
  }
}
