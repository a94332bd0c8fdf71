import type { Logger } from 'pino';
import { type CalendarDate, localInstant } from '../domain/anniversary.js';
import { daysEarlier } from '../domain/reminder.js';
import type { DeliveryKey } from '../store/delivery.js';
import type { Publication } from '../store/publication.js';
import type { PublicationLedger } from '../store/publication-ledger.js';
import type { ShardSelection } from '../store/settings-repository.js';
import type { DeliveryObserver } from './delivery-observer.js';
import type { Publisher } from './publish-port.js';

const MINUTE = 60_000;

/** The end of a local day in a zone (the next day's first instant): no publish is tried after it. */
export function dayEnd(date: CalendarDate, zone: string): number {
  return localInstant(daysEarlier(date, -1), { hour: 0, minute: 0 }, zone);
}
/** After a 403 an admin may grant the permission; look again this often while the day lasts. */
export const REFUSED_RETRY_MS = 15 * MINUTE;
/** A rate limit's retry_after is waited out with this margin (Discord's clock against ours). */
const RATE_LIMIT_MARGIN_MS = 5_000;

/**
 * Publishes (crossposts) notices posted in announcement channels, so servers following the channel receive
 * them. Recorded apart from the delivery (store/publication-ledger): a failed publish is retried from its own
 * row while the notice's local day lasts, and never sends the notice again. Discord's hourly publish limit is
 * answered as a value (the REST client rejects that route's rate limits instead of waiting, so nothing else
 * queues behind a wait of many minutes) and the retry is scheduled from its retry_after.
 */
export class Publishing {
  constructor(
    private readonly deps: {
      ledger: PublicationLedger;
      publisher: Publisher;
      now: () => number;
      logger: Logger;
      shards?: ShardSelection | undefined;
      /** Told of each attempt's outcome (metrics). */
      observer?: DeliveryObserver | undefined;
    },
  ) {}

  /** After a notice was posted (or found posted): publishes it now if its channel is an announcement channel. */
  async posted(key: DeliveryKey, channelId: string, messageId: string, untilAt: number): Promise<void> {
    const row = await this.record(key, channelId, messageId, untilAt);
    if (row) await this.attemptIfNew(row);
  }

  /**
   * Records a posted notice as to be published when its channel is an announcement channel (null otherwise);
   * a publication recorded before is returned as it is.
   */
  async record(
    key: DeliveryKey,
    channelId: string,
    messageId: string,
    untilAt: number,
  ): Promise<Publication | null> {
    if (!(await this.deps.publisher.isAnnouncement(channelId))) return null;
    return this.deps.ledger.schedule(key, { channelId, messageId, untilAt }, this.deps.now());
  }

  /** The first attempt of a publication nobody has tried yet (a second process or a read-back finds it tried). */
  async attemptIfNew(row: Publication): Promise<void> {
    if (row.status === 'pending' && row.attempts === 0) await this.attempt(row);
  }

  /** Retries the publishes that are due (run by each tick). Returns how many were tried. */
  async retryDue(): Promise<number> {
    const due = await this.deps.ledger.due(this.deps.now(), this.deps.shards);
    for (const row of due) await this.attempt(row);
    return due.length;
  }

  private async attempt(row: Publication): Promise<void> {
    const { ledger, publisher, logger } = this.deps;
    const log = logger.child({ guildId: row.guildId, eventId: row.eventId, year: row.year });
    if (this.deps.now() > row.untilAt) {
      await ledger.markAttempt(
        row,
        { reason: 'day-ended', detail: row.detail, nextAt: null },
        this.deps.now(),
      );
      log.warn({ lastReason: row.reason }, 'notice not published before its day ended');
      this.deps.observer?.publish?.({ outcome: 'failed', reason: 'day-ended' });
      return;
    }
    const outcome = await publisher.publish(row.channelId, row.messageId);
    const now = this.deps.now();
    if (outcome.ok) {
      await ledger.markPublished(row, now);
      log.info({ messageId: row.messageId }, 'notice published to following servers');
      this.deps.observer?.publish?.({ outcome: 'published' });
      return;
    }
    const retryAt = (() => {
      switch (outcome.kind) {
        case 'rate-limited':
          return now + outcome.retryAfterMs + RATE_LIMIT_MARGIN_MS;
        case 'refused':
          return now + REFUSED_RETRY_MS;
        case 'transient':
          return now + Math.min(30, 2 ** row.attempts) * MINUTE;
        case 'rejected':
          return null;
      }
    })();
    const reason = outcome.kind === 'refused' ? outcome.reason : outcome.kind;
    // A retry after the day's end would never run: give up now and say why.
    const nextAt = retryAt !== null && retryAt <= row.untilAt ? retryAt : null;
    await ledger.markAttempt(row, { reason, detail: outcome.detail, nextAt }, now);
    log.warn(
      { reason, detail: outcome.detail, nextAt },
      nextAt ? 'publish failed; will retry' : 'publish failed',
    );
    this.deps.observer?.publish?.({ outcome: nextAt ? 'retrying' : 'failed', reason });
  }
}
