import type { Kysely, Selectable } from 'kysely';
import { shardKey } from './guild-settings.js';
import type { ScheduledEventsTable, Schema } from './schema.js';
import type { ShardSelection } from './settings-repository.js';

export type ScheduledEventStatus = ScheduledEventsTable['status'];

/** One anniversary of one server in the Events tab: (guild, event, year) is shown at most once. */
export interface EventKey {
  guildId: string;
  eventId: string;
  year: number;
}

export interface ScheduledEventRow extends EventKey {
  status: ScheduledEventStatus;
  /** The Discord event's id, once made. */
  discordId: string | null;
  /** A digest of what the Discord event says, to update it once when settings change. */
  digest: string | null;
  startsAt: number;
  endsAt: number;
  /** Why Discord refused the create (a code), while `failed`. */
  reason: string | null;
  claimedBy: string | null;
  claimedAt: number | null;
  updatedAt: number;
}

/**
 * The claims and records behind the Events tab. A Discord event is created only by the process that holds
 * its row's claim; a claim whose holder went quiet for `staleMs` may be taken over, and the taker looks at
 * the server's events before creating (see the events-tab job), so a crash after the create makes no second.
 */
export class ScheduledEventRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async listForGuild(guildId: string): Promise<ScheduledEventRow[]> {
    const rows = await this.db
      .selectFrom('scheduled_events')
      .selectAll()
      .where('guild_id', '=', guildId)
      .orderBy('starts_at')
      .orderBy('event_id')
      .execute();
    return rows.map(toRow);
  }

  /**
   * Servers the job must look at: those with the switch on (and the bot still there), and those that still
   * have rows (switched off, paused, left: their events are to be removed), in the given shards.
   */
  async guildsToSync(shards?: ShardSelection): Promise<string[]> {
    const on = await this.db
      .selectFrom('guild_settings')
      .select('guild_id')
      .where('events_tab', '=', 1)
      .where('left_at', 'is', null)
      .execute();
    const held = await this.db.selectFrom('scheduled_events').select('guild_id').distinct().execute();
    const ids = [...new Set([...on, ...held].map((r) => r.guild_id))].sort();
    if (!shards) return ids;
    return ids.filter((id) => shards.ids.includes(shardKey(id) % shards.count));
  }

  /**
   * Claims the right to create this anniversary's Discord event, in one statement each way: a new row, or
   * a row nobody is working on (failed, uncertain, or creating with a claim older than `staleMs`).
   * Returns whether this owner now holds it.
   */
  async claim(
    key: EventKey,
    span: { startsAt: number; endsAt: number },
    owner: string,
    now: number,
    staleMs: number,
  ): Promise<boolean> {
    const inserted = await this.db
      .insertInto('scheduled_events')
      .values({
        guild_id: key.guildId,
        event_id: key.eventId,
        year: key.year,
        status: 'creating',
        discord_id: null,
        digest: null,
        starts_at: span.startsAt,
        ends_at: span.endsAt,
        reason: null,
        claimed_by: owner,
        claimed_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['guild_id', 'event_id', 'year']).doNothing())
      .executeTakeFirst();
    if ((inserted.numInsertedOrUpdatedRows ?? 0n) > 0n) return true;
    const taken = await this.db
      .updateTable('scheduled_events')
      .set({
        status: 'creating',
        claimed_by: owner,
        claimed_at: now,
        starts_at: span.startsAt,
        ends_at: span.endsAt,
        updated_at: now,
      })
      .where('guild_id', '=', key.guildId)
      .where('event_id', '=', key.eventId)
      .where('year', '=', key.year)
      .where((eb) =>
        eb.or([
          eb('status', 'in', ['failed', 'uncertain']),
          eb.and([eb('status', '=', 'creating'), eb('claimed_at', '<', now - staleMs)]),
        ]),
      )
      .executeTakeFirst();
    return taken.numUpdatedRows > 0n;
  }

  /** The reason Discord refused one of this server's events, while one is refused (the latest first). */
  async refusal(guildId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('scheduled_events')
      .select('reason')
      .where('guild_id', '=', guildId)
      .where('status', '=', 'failed')
      .where('reason', 'is not', null)
      .orderBy('updated_at', 'desc')
      .executeTakeFirst();
    return row?.reason ?? null;
  }

  /** The claim holder made (or found) the Discord event. */
  async recordCreated(key: EventKey, owner: string, discordId: string, digest: string, now: number) {
    return this.settle(key, owner, { status: 'created', discord_id: discordId, digest, reason: null }, now);
  }

  /**
   * The claim holder's create did not make an event (`failed`, with Discord's refusal as a code) or may
   * have (`uncertain`: the answer was lost); either way the claim is released for a later run.
   */
  async recordNotCreated(
    key: EventKey,
    owner: string,
    status: 'failed' | 'uncertain',
    reason: string | null,
    now: number,
  ) {
    return this.settle(key, owner, { status, reason }, now);
  }

  /** The Discord event now says what `digest` describes (and starts and ends as given). */
  async recordUpdated(
    key: EventKey,
    digest: string,
    span: { startsAt: number; endsAt: number },
    now: number,
  ) {
    await this.where(this.db.updateTable('scheduled_events'), key)
      .set({ digest, starts_at: span.startsAt, ends_at: span.endsAt, updated_at: now })
      .where('status', '=', 'created')
      .execute();
  }

  /** Someone deleted the bot's event in Discord: it is not made again for this anniversary. */
  async dismiss(key: EventKey, now: number) {
    await this.where(this.db.updateTable('scheduled_events'), key)
      .set({ status: 'dismissed', claimed_by: null, claimed_at: null, updated_at: now })
      .execute();
  }

  /** Forgets a row once its Discord event is gone (or was never made). */
  async remove(key: EventKey) {
    await this.where(this.db.deleteFrom('scheduled_events'), key).execute();
  }

  private async settle(
    key: EventKey,
    owner: string,
    values: Partial<Pick<ScheduledEventsTable, 'status' | 'discord_id' | 'digest' | 'reason'>>,
    now: number,
  ): Promise<boolean> {
    const result = await this.where(this.db.updateTable('scheduled_events'), key)
      .set({ ...values, claimed_by: null, claimed_at: null, updated_at: now })
      .where('claimed_by', '=', owner)
      .where('status', '=', 'creating')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  private where<
    Q extends {
      where(column: 'guild_id' | 'event_id' | 'year', op: '=', value: string | number): Q;
    },
  >(query: Q, key: EventKey): Q {
    return query
      .where('guild_id', '=', key.guildId)
      .where('event_id', '=', key.eventId)
      .where('year', '=', key.year);
  }
}

function toRow(row: Selectable<ScheduledEventsTable>): ScheduledEventRow {
  return {
    guildId: row.guild_id,
    eventId: row.event_id,
    year: row.year,
    status: row.status,
    discordId: row.discord_id,
    digest: row.digest,
    startsAt: Number(row.starts_at),
    endsAt: Number(row.ends_at),
    reason: row.reason,
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at === null ? null : Number(row.claimed_at),
    updatedAt: Number(row.updated_at),
  };
}
