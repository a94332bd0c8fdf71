import type { Kysely, Selectable } from 'kysely';
import {
  DAY_ENDED,
  type Delivery,
  type DeliveryKey,
  type DeliveryReason,
  deliveryNonce,
} from './delivery.js';
import type { DeliveriesTable, Schema } from './schema.js';
import { StoreError } from './store-error.js';

export interface ClaimOptions {
  /** Who is about to post, e.g. `shard-3@host:pid`; recorded for diagnosis. */
  owner: string;
  /** The moment of this claim (not the tick's start), so a long tick cannot make a live claim look stale. */
  now: number;
  dueAt: number;
  /** A 'claimed' row older than this is taken to belong to a process that died mid-post. */
  staleAfterMs: number;
}

export type ClaimResult = { claimed: true; delivery: Delivery } | { claimed: false; delivery: Delivery };

/**
 * The record of what was posted where: one row per (guild, event, year). A scheduler claims a row
 * before posting and marks it sent after, so each notice goes out at most once even with several
 * processes or a crash in between.
 */
export class DeliveryLedger {
  constructor(private readonly db: Kysely<Schema>) {}

  /**
   * Claims a delivery: inserts it as 'claimed' if absent, or takes over a 'claimed' row whose claim is
   * older than `staleAfterMs` or a 'failed' row marked retryable; any other existing row (sent, missed,
   * failed for good, or freshly claimed — even by the same owner) is refused and returned as it is.
   *
   * The decision is one `INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING` statement, so it is atomic
   * across connections and processes without holding a transaction open.
   */
  async claim(key: DeliveryKey, options: ClaimOptions): Promise<ClaimResult> {
    const staleBefore = options.now - options.staleAfterMs;
    const won = await this.db
      .insertInto('deliveries')
      .values({
        guild_id: key.guildId,
        event_id: key.eventId,
        year: key.year,
        status: 'claimed',
        nonce: deliveryNonce(key),
        message_id: null,
        reason: null,
        detail: null,
        retryable: 0,
        attempts: 1,
        claimed_by: options.owner,
        claimed_at: options.now,
        first_attempt_at: options.now,
        due_at: options.dueAt,
        updated_at: options.now,
      })
      .onConflict((oc) =>
        oc
          .columns(['guild_id', 'event_id', 'year'])
          .doUpdateSet((eb) => ({
            status: 'claimed',
            attempts: eb('deliveries.attempts', '+', 1),
            claimed_by: eb.ref('excluded.claimed_by'),
            claimed_at: eb.ref('excluded.claimed_at'),
            updated_at: eb.ref('excluded.updated_at'),
            // The first attempt's time survives takeovers: read-backs look for a post from then on.
            first_attempt_at: eb.fn.coalesce('deliveries.first_attempt_at', 'excluded.first_attempt_at'),
            reason: null,
            detail: null,
            retryable: 0,
          }))
          .where((eb) =>
            eb.or([
              eb.and([
                eb('deliveries.status', '=', 'claimed'),
                eb('deliveries.claimed_at', '<', staleBefore),
              ]),
              eb.and([eb('deliveries.status', '=', 'failed'), eb('deliveries.retryable', '=', 1)]),
            ]),
          ),
      )
      .returningAll()
      .executeTakeFirst();
    if (won !== undefined) return { claimed: true, delivery: toDelivery(won) };
    const held = await this.get(key);
    if (held === null) {
      // Only reachable if the row was deleted between the two statements; nothing deletes rows.
      throw new StoreError('unknown-delivery', `Delivery ${describe(key)} vanished while being claimed.`);
    }
    return { claimed: false, delivery: held };
  }

  /** Records the posted message. Wins over any state but 'sent' (the first message id is kept). */
  async markSent(key: DeliveryKey, messageId: string, now: number): Promise<void> {
    const result = await this.db
      .updateTable('deliveries')
      .set({
        status: 'sent',
        message_id: messageId,
        reason: null,
        detail: null,
        retryable: 0,
        updated_at: now,
      })
      .where('guild_id', '=', key.guildId)
      .where('event_id', '=', key.eventId)
      .where('year', '=', key.year)
      .where('status', '<>', 'sent')
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) await this.requireRow(key, 'markSent');
  }

  /**
   * Records a failed post. `retryable` lets a later claim try again (e.g. a 5xx); otherwise the row is
   * settled (e.g. the channel is gone). A row already sent or missed is left alone.
   */
  async markFailed(
    key: DeliveryKey,
    failure: { reason: DeliveryReason; detail: string | null; retryable: boolean },
    now: number,
  ): Promise<void> {
    const result = await this.db
      .updateTable('deliveries')
      .set({
        status: 'failed',
        reason: failure.reason,
        detail: failure.detail,
        retryable: failure.retryable ? 1 : 0,
        updated_at: now,
      })
      .where('guild_id', '=', key.guildId)
      .where('event_id', '=', key.eventId)
      .where('year', '=', key.year)
      .where('status', 'in', ['claimed', 'failed'])
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) await this.requireRow(key, 'markFailed');
  }

  /**
   * Records that whether a notice was posted cannot be known (an attempt's outcome was unknown and the
   * channel's history cannot be read): nothing more is sent for it, and the admins are told.
   */
  async markUncertain(key: DeliveryKey, detail: string | null, now: number): Promise<void> {
    const result = await this.db
      .updateTable('deliveries')
      .set({ status: 'uncertain', reason: 'history-unreadable', detail, retryable: 0, updated_at: now })
      .where('guild_id', '=', key.guildId)
      .where('event_id', '=', key.eventId)
      .where('year', '=', key.year)
      .where('status', 'in', ['claimed', 'failed'])
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) await this.requireRow(key, 'markUncertain');
  }

  /**
   * Records that a notice will not be posted (its local day ended), inserting the row if needed. Never
   * overrides 'sent' or 'uncertain'. `dueAt` is only used when the row is new; it defaults to `now`.
   */
  async markMissed(key: DeliveryKey, now: number, dueAt: number = now, reason = DAY_ENDED): Promise<void> {
    await this.db
      .insertInto('deliveries')
      .values({
        guild_id: key.guildId,
        event_id: key.eventId,
        year: key.year,
        status: 'missed',
        nonce: deliveryNonce(key),
        message_id: null,
        reason,
        detail: null,
        retryable: 0,
        attempts: 0,
        claimed_by: null,
        claimed_at: null,
        first_attempt_at: null,
        due_at: dueAt,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['guild_id', 'event_id', 'year'])
          .doUpdateSet((eb) => ({
            status: 'missed',
            reason: eb.ref('excluded.reason'),
            detail: null,
            retryable: 0,
            updated_at: eb.ref('excluded.updated_at'),
          }))
          .where('deliveries.status', 'not in', ['sent', 'uncertain']),
      )
      .execute();
  }

  async get(key: DeliveryKey): Promise<Delivery | null> {
    const row = await this.db
      .selectFrom('deliveries')
      .selectAll()
      .where('guild_id', '=', key.guildId)
      .where('event_id', '=', key.eventId)
      .where('year', '=', key.year)
      .executeTakeFirst();
    return row === undefined ? null : toDelivery(row);
  }

  /** A server's deliveries from `sinceYear` on (all when omitted), by year then event id. */
  async listForGuild(guildId: string, sinceYear?: number): Promise<Delivery[]> {
    let query = this.db
      .selectFrom('deliveries')
      .selectAll()
      .where('guild_id', '=', guildId)
      .orderBy('year')
      .orderBy('event_id');
    if (sinceYear !== undefined) query = query.where('year', '>=', sinceYear);
    return (await query.execute()).map(toDelivery);
  }

  private async requireRow(key: DeliveryKey, operation: string): Promise<void> {
    if ((await this.get(key)) === null) {
      throw new StoreError('unknown-delivery', `${operation}: delivery ${describe(key)} was never claimed.`);
    }
  }
}

function describe(key: DeliveryKey): string {
  return `${key.eventId}/${key.year} for guild ${key.guildId}`;
}

function toDelivery(row: Selectable<DeliveriesTable>): Delivery {
  return {
    guildId: row.guild_id,
    eventId: row.event_id,
    year: row.year,
    status: row.status,
    nonce: row.nonce,
    messageId: row.message_id,
    reason: row.reason,
    detail: row.detail,
    retryable: row.retryable === 1,
    attempts: row.attempts,
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at,
    firstAttemptAt: row.first_attempt_at,
    updatedAt: row.updated_at,
    dueAt: row.due_at,
  };
}
