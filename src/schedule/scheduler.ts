import type { Logger } from 'pino';
import { occurrenceIn } from '../domain/anniversary.js';
import { type Dataset, eventsWithDay } from '../domain/dataset.js';
import { noticeFor, serverDateNoticeFor } from '../domain/notice.js';
import { plannedDay, type ServerDate } from '../domain/server-date.js';
import {
  DAY_ENDED,
  type DeliveryKey,
  deliveryMarker,
  deliveryNonce,
  ledgerEventId,
} from '../store/delivery.js';
import type { DeliveryLedger } from '../store/delivery-ledger.js';
import type { GuildSettings } from '../store/guild-settings.js';
import type { ServerDateRepository } from '../store/server-date-repository.js';
import type { SettingsRepository, ShardSelection } from '../store/settings-repository.js';
import { type DeliveryObserver, NO_OBSERVER } from './delivery-observer.js';
import { type DueJob, DueServers } from './due-groups.js';
import type { InvalidRequestGuard } from './invalid-request-guard.js';
import type { NoticeSender } from './notice-port.js';
import { type DatedEvent, nextDueAt, type PlannedDelivery, serverDateEvents } from './planner.js';
import { plannerSettings } from './planner-settings.js';
import { dayEnd, type Publishing } from './publishing.js';
import { checkEarlierAttempt } from './read-back.js';
import { type DeliveryResult, emptySummary, settle, type TickSummary } from './tick-summary.js';

export type { TickSummary } from './tick-summary.js';

export interface SchedulerDeps {
  dataset: Dataset;
  settings: SettingsRepository;
  /** Servers' own dates (`/config date`); posted like the dataset's, with their own notice. */
  serverDates?: ServerDateRepository;
  ledger: DeliveryLedger;
  sender: NoticeSender;
  guard: InvalidRequestGuard;
  now: () => number;
  logger: Logger;
  /** This process's name in the ledger, so a crashed owner's claims can be recognised as stale. */
  owner: string;
  /** The shards this process posts for; undefined = every server. */
  shards?: ShardSelection | undefined;
  /** Called when Discord refuses a channel for good, to pause the server with the reason. */
  pause(guildId: string, reason: NonNullable<GuildSettings['pauseReason']>, detail: string): Promise<void>;
  /** Servers handled at once; discord.js's REST queue paces the sends themselves. */
  concurrency?: number;
  /** A claim older than this whose owner never finished is taken over (it crashed). */
  staleClaimMs?: number;
  /** Publishes notices posted in announcement channels; none = no publishing (tests of sending alone). */
  publishing?: Publishing;
  /** Told of every delivery's outcome and every takeover (metrics, alerts). */
  observer?: DeliveryObserver;
  /** Test-only (see config/test-hooks): lets the kill-point test stop a delivery at a given step. */
  checkpoint?: (point: 'before-claim' | 'after-claim' | 'after-send', guildId: string) => Promise<void>;
}

/**
 * A claim older than this whose owner never recorded an outcome is taken over. Sends are aborted after 90 s,
 * so only a crashed owner leaves one this old. The taker reads the channel back before posting, so this
 * does not rely on Discord's enforce_nonce window lasting any longer.
 */
export const STALE_CLAIM_MS = 2 * 60_000;

/** Retries of a failed post wait 1, 2, 4 … up to 30 minutes, while the day lasts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/**
 * Posts what is due, exactly once per (server, event, year): each delivery is claimed in the ledger
 * before sending, sent with a nonce and a marker derived from that key, and recorded. Before taking over a
 * claim, retrying an attempt whose outcome is unknown, or recording a miss after such an attempt, the
 * channel is read back for the marker. One server's failure never stops or delays another's.
 */
export class Scheduler {
  private readonly events: DatedEvent[];
  private running: Promise<TickSummary> | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;
  private readonly observer: DeliveryObserver;

  constructor(private readonly deps: SchedulerDeps) {
    this.events = eventsWithDay(deps.dataset);
    this.observer = deps.observer ?? NO_OBSERVER;
  }

  /** Runs one tick; a tick asked for while one runs joins it instead of overlapping. */
  tick(): Promise<TickSummary> {
    if (this.stopped) return Promise.resolve(emptySummary(0));
    this.running ??= this.runTick().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops starting work and waits (bounded) for sends already under way. */
  async stop(timeoutMs = 10_000): Promise<boolean> {
    this.stopped = true;
    const all = Promise.allSettled([...this.inFlight, ...(this.running ? [this.running] : [])]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const finished = await Promise.race([all.then(() => true), timeout]);
    clearTimeout(timer);
    return finished;
  }

  /** Fills in the next due instant of configured servers that have none (first start, new data). */
  async initialise(): Promise<number> {
    const now = this.deps.now();
    let updated = 0;
    for (const s of await this.deps.settings.listAll(this.deps.shards)) {
      if (s.nextDueAt !== null || s.paused || !s.channelId) continue;
      const own = (await this.deps.serverDates?.list(s.guildId)) ?? [];
      const next = nextDueAt(plannerSettings(s), [...this.events, ...serverDateEvents(own)], now);
      if (await this.deps.settings.setNextDueAt(s.guildId, next, s.updatedAt)) updated++;
    }
    return updated;
  }

  private async runTick(): Promise<TickSummary> {
    const now = this.deps.now();
    // Planned once per group of servers with equal planning inputs, page by page (see DueServers).
    const due = new DueServers(
      this.deps.settings,
      this.events,
      now,
      this.deps.shards,
      undefined,
      this.deps.serverDates ?? null,
    );
    const summary = emptySummary(0);
    const workers = Array.from({ length: this.deps.concurrency ?? 64 }, async () => {
      for (let job = await due.next(); job; job = await due.next()) {
        if (this.stopped) return;
        summary.servers++;
        const { settings } = job;
        const work = this.runServer(job, now, summary).catch((err: unknown) => {
          this.deps.logger.error({ err, guildId: settings.guildId }, 'server tick failed');
        });
        this.inFlight.add(work);
        await work;
        this.inFlight.delete(work);
      }
    });
    await Promise.all(workers);
    if (!this.stopped && this.deps.publishing) {
      await this.deps.publishing.retryDue().catch((err: unknown) => {
        this.deps.logger.error({ err }, 'publishing retries failed');
      });
    }
    if (summary.servers > 0) this.deps.logger.info({ ...summary }, 'tick finished');
    return summary;
  }

  private async runServer(job: DueJob, now: number, summary: TickSummary): Promise<void> {
    const { settings, planned } = job;
    let pending = false;
    for (const item of planned) {
      const result = await this.deliver(settings, job.ownDates, item, now, summary);
      if (result === 'paused') return;
      if (result === 'pending') pending = true;
    }
    if (!pending) {
      // Only if the settings are as read: an admin's change during the sends set its own next instant.
      await this.deps.settings.setNextDueAt(settings.guildId, job.next, settings.updatedAt);
    }
  }

  private async deliver(
    settings: GuildSettings,
    ownDates: readonly ServerDate[],
    item: PlannedDelivery,
    now: number,
    summary: TickSummary,
  ): Promise<DeliveryResult> {
    const key = { guildId: item.guildId, eventId: ledgerEventId(item.eventId, item.kind), year: item.year };
    const log = this.deps.logger.child({ ...key });
    const existing = await this.deps.ledger.get(key);
    // A row claimed or failed-retryable holds an attempt whose outcome is unknown: it may have posted.
    const attempted = existing?.status === 'claimed' || (existing?.status === 'failed' && existing.retryable);
    if (item.action === 'missed' && !attempted) {
      await this.deps.ledger.markMissed(key, now, item.occurrence.at);
      return settle(this.observer, summary, log, item, { outcome: 'missed', reason: DAY_ENDED });
    }
    if (!this.deps.sender.inGuild(settings.guildId)) {
      summary.skipped++;
      log.info({ outcome: 'skipped', why: 'server unavailable' }, 'not in the server now; will try again');
      return 'pending';
    }
    if (this.deps.guard.blocked()) {
      summary.skipped++;
      log.warn(
        { outcome: 'skipped', invalidRequests: this.deps.guard.count() },
        'too many invalid requests recently; holding sends',
      );
      return 'pending';
    }
    if (
      item.action === 'post' &&
      existing?.status === 'failed' &&
      now < existing.updatedAt + retryDelayMs(existing.attempts)
    ) {
      return 'pending';
    }
    await this.deps.checkpoint?.('before-claim', key.guildId);
    // The claim carries its own moment, not the tick's start: a long tick must not make it look stale.
    const claim = await this.deps.ledger.claim(key, {
      owner: this.deps.owner,
      now: this.deps.now(),
      dueAt: item.occurrence.at,
      staleAfterMs: this.deps.staleClaimMs ?? STALE_CLAIM_MS,
    });
    if (!claim.claimed) {
      const status = claim.delivery.status;
      log.debug({ outcome: 'skipped', status }, 'already handled');
      summary.skipped++;
      return status === 'claimed' ? 'pending' : 'done';
    }
    await this.deps.checkpoint?.('after-claim', key.guildId);
    const channelId = settings.channelId;
    const event = this.events.find((e) => e.id === item.eventId);
    const ownDate = ownDates.find((d) => d.id === item.eventId);
    if ((!event && !ownDate) || !channelId) return 'done';
    if (claim.delivery.attempts > 1) {
      if (existing?.status === 'claimed') {
        this.observer.takeover();
        log.warn({ previousOwner: existing.claimedBy }, 'taking over a stale claim');
      }
      const earlier = await checkEarlierAttempt(this.deps.sender, channelId, claim.delivery, this.deps.now());
      if (earlier.kind === 'found') {
        const publishing = await this.publication(settings, item, key, channelId, earlier.messageId);
        await this.deps.ledger.markSent(key, earlier.messageId, this.deps.now());
        await publishing();
        return settle(this.observer, summary, log, item, { outcome: 'found', messageId: earlier.messageId });
      }
      if (earlier.kind === 'uncertain') {
        await this.deps.ledger.markUncertain(key, earlier.detail, this.deps.now());
        return settle(this.observer, summary, log, item, {
          outcome: 'uncertain',
          reason: 'history-unreadable',
          detail: earlier.detail,
        });
      }
      if (earlier.unread !== null) {
        log.warn(
          { detail: earlier.unread },
          'cannot read the channel back; resending with the nonce while Discord still dedupes it',
        );
      }
    }
    if (item.action === 'missed') {
      await this.deps.ledger.markMissed(key, this.deps.now(), item.occurrence.at);
      return settle(this.observer, summary, log, item, { outcome: 'missed', reason: DAY_ENDED });
    }
    // A reminder's own occurrence is its day; the notice it carries speaks of the anniversary's.
    const { postTime, timeZone } = plannerSettings(settings);
    const date = event ? event.date : plannedDay(ownDate as ServerDate);
    const anniversary =
      item.kind === 'reminder' ? occurrenceIn(date, item.year, postTime, timeZone) : item.occurrence;
    const options = {
      guildId: settings.guildId,
      roleId: settings.roleId,
      preview: false,
      daysLeft: item.kind === 'reminder' ? item.daysBefore : null,
    };
    const notice = event
      ? noticeFor(this.deps.dataset, event, anniversary, options)
      : serverDateNoticeFor(ownDate as ServerDate, anniversary, options);
    const outcome = await this.deps.sender.send(channelId, notice, settings.language, {
      nonce: deliveryNonce(key),
      marker: deliveryMarker(key),
    });
    const after = this.deps.now();
    if (outcome.ok) await this.deps.checkpoint?.('after-send', key.guildId);
    if (outcome.ok) {
      const publishing = await this.publication(settings, item, key, channelId, outcome.messageId);
      await this.deps.ledger.markSent(key, outcome.messageId, after);
      await publishing();
      return settle(this.observer, summary, log, item, {
        outcome: 'sent',
        delayMs: after - item.occurrence.at,
        messageId: outcome.messageId,
      });
    }
    if (outcome.kind === 'refused') {
      await this.deps.ledger.markFailed(
        key,
        { reason: outcome.reason, detail: outcome.detail, retryable: false },
        after,
      );
      await this.deps.pause(settings.guildId, outcome.reason, outcome.detail);
      settle(this.observer, summary, log, item, {
        outcome: 'paused',
        reason: outcome.reason,
        detail: outcome.detail,
      });
      return 'paused';
    }
    const retryable = outcome.kind === 'transient';
    await this.deps.ledger.markFailed(
      key,
      { reason: outcome.kind, detail: outcome.detail, retryable },
      after,
    );
    settle(this.observer, summary, log, item, {
      outcome: 'failed',
      reason: outcome.kind,
      detail: outcome.detail,
    });
    return retryable ? 'pending' : 'done';
  }

  /**
   * Records the day's notice for publishing when its channel is an announcement channel — before the delivery
   * is marked sent, so a crash in between leaves a pending publication the next tick finds — and returns the
   * first attempt, made once the delivery is recorded. Reminders are not published: they are for the server's
   * own members, and stay within Discord's 10 publishes a channel an hour. A failure here is the
   * publication's, never the delivery's.
   */
  private async publication(
    settings: GuildSettings,
    item: PlannedDelivery,
    key: DeliveryKey,
    channelId: string,
    messageId: string,
  ): Promise<() => Promise<void>> {
    const { publishing, logger } = this.deps;
    const failed = (err: unknown) => logger.error({ err, ...key }, 'publishing failed');
    if (!publishing || item.kind !== 'notice') return async () => {};
    const untilAt = dayEnd(item.occurrence.date, settings.timeZone);
    const row = await publishing.record(key, channelId, messageId, untilAt).catch(failed);
    return async () => {
      if (row) await publishing.attemptIfNew(row).catch(failed);
    };
  }
}
