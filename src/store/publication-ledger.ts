import { type Kysely, type Selectable, sql } from 'kysely';
import type { DeliveryKey } from './delivery.js';
import type { Publication, PublicationReason } from './publication.js';
import type { PublicationsTable, Schema } from './schema.js';
import type { ShardSelection } from './settings-repository.js';

/**
 * Publishing is recorded here, apart from the deliveries ledger: a publish that fails is retried from this
 * table and never touches the delivery, so a notice is never sent again because its publish failed.
 */
export class PublicationLedger {
  constructor(private readonly db: Kysely<Schema>) {}

  /**
   * Records that a posted notice is to be published (now), unless it already is recorded: a read-back that
   * finds the notice again, or a second process, must not restart its publishing.
   */
  async schedule(
    key: DeliveryKey,
    target: { channelId: string; messageId: string; untilAt: number },
    now: number,
  ): Promise<Publication> {
    await this.db
      .insertInto('publications')
      .values({
        guild_id: key.guildId,
        event_id: key.eventId,
        year: key.year,
        channel_id: target.channelId,
        message_id: target.messageId,
        status: 'pending',
        attempts: 0,
        next_at: now,
        until_at: target.untilAt,
        reason: null,
        detail: null,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['guild_id', 'event_id', 'year']).doNothing())
      .execute();
    return (await this.get(key)) as Publication;
  }

  async get(key: DeliveryKey): Promise<Publication | null> {
    const row = await this.db
      .selectFrom('publications')
      .selectAll()
      .where('guild_id', '=', key.guildId)
      .where('event_id', '=', key.eventId)
      .where('year', '=', key.year)
      .executeTakeFirst();
    return row ? toPublication(row) : null;
  }

  /**
   * Pending publishes due by `now` in servers that are not paused and still have the bot, in the given
   * shards: `/config pause` stops publishing with the notices.
   */
  async due(now: number, shards: ShardSelection | undefined, limit = 100): Promise<Publication[]> {
    let query = this.db
      .selectFrom('publications as p')
      .innerJoin('guild_settings as s', 's.guild_id', 'p.guild_id')
      .selectAll('p')
      .where('p.status', '=', sql.lit('pending'))
      .where('p.next_at', '<=', now)
      .where('s.paused', '=', sql.lit(0))
      .where('s.left_at', 'is', null)
      .orderBy('p.next_at')
      .limit(limit);
    if (shards !== undefined) {
      if (shards.ids.length === 0) return [];
      query = query.where(sql<number>`s.shard_key % ${sql.lit(shards.count)}`, 'in', [...shards.ids]);
    }
    return (await query.execute()).map(toPublication);
  }

  /** Only a row still pending changes: a second process that published it first wins. */
  async markPublished(key: DeliveryKey, now: number): Promise<void> {
    await this.pending(key)
      .set({ status: 'published', next_at: null, reason: null, detail: null, updated_at: now })
      .execute();
  }

  /** Another try at `nextAt`, or `nextAt` null: given up (the day ended or Discord refused for good). */
  async markAttempt(
    key: DeliveryKey,
    failure: { reason: PublicationReason; detail: string | null; nextAt: number | null },
    now: number,
  ): Promise<void> {
    await this.pending(key)
      .set((eb) => ({
        status: failure.nextAt === null ? 'failed' : 'pending',
        attempts: eb('attempts', '+', 1),
        next_at: failure.nextAt,
        reason: failure.reason,
        detail: failure.detail,
        updated_at: now,
      }))
      .execute();
  }

  /** A server's publications from `sinceYear` on, for /config show. */
  async listForGuild(guildId: string, sinceYear: number): Promise<Publication[]> {
    const rows = await this.db
      .selectFrom('publications')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('year', '>=', sinceYear)
      .orderBy('year')
      .orderBy('event_id')
      .execute();
    return rows.map(toPublication);
  }

  private pending(key: DeliveryKey) {
    return this.db
      .updateTable('publications')
      .where('guild_id', '=', key.guildId)
      .where('event_id', '=', key.eventId)
      .where('year', '=', key.year)
      .where('status', '=', 'pending');
  }
}

function toPublication(row: Selectable<PublicationsTable>): Publication {
  return {
    guildId: row.guild_id,
    eventId: row.event_id,
    year: row.year,
    channelId: row.channel_id,
    messageId: row.message_id,
    status: row.status,
    attempts: row.attempts,
    nextAt: row.next_at === null ? null : Number(row.next_at),
    untilAt: Number(row.until_at),
    reason: row.reason,
    detail: row.detail,
    updatedAt: Number(row.updated_at),
  };
}
