/**
 * Delivering one planned item exactly once — the scheduler's unit of work. Owns the gates before a send (a
 * miss with no earlier attempt, the server unavailable, the invalid-request guard, a failed post's retry
 * wait), the claim in the ledger, the read-back before taking over a claim or retrying an attempt whose
 * outcome is unknown, the send with the delivery's nonce and marker, the ledger's record of the outcome, and
 * the publication of a day's notice in an announcement channel. Counting and logging an outcome is
 * tick-summary.ts's; running the tick over servers is scheduler.ts's.
 */
import type { Logger } from 'pino';
import { occurrenceIn } from '../domain/anniversary.js';
import type { Dataset } from '../domain/dataset.js';
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
import type { DeliveryObserver } from './delivery-observer.js';
import type { InvalidRequestGuard } from './invalid-request-guard.js';
import type { NoticeSender } from './notice-port.js';
import type { DatedEvent, PlannedDelivery } from './planner.js';
import { plannerSettings } from './planner-settings.js';
import { dayEnd, type Publishing } from './publishing.js';
import { checkEarlierAttempt } from './read-back.js';
import { type DeliveryResult, settle, type TickSummary } from './tick-summary.js';

/** What delivering uses; the scheduler's deps hold these and more. */
export interface DeliveryDeps {
  dataset: Dataset;
  ledger: DeliveryLedger;
  sender: NoticeSender;
  guard: InvalidRequestGuard;
  now: () => number;
  logger: Logger;
  /** This process's name in the ledger, so a crashed owner's claims can be recognised as stale. */
  owner: string;
  /** Called when Discord refuses a channel for good, to pause the server with the reason. */
  pause(guildId: string, reason: NonNullable<GuildSettings['pauseReason']>, detail: string): Promise<void>;
  /** A claim older than this whose owner never finished is taken over (it crashed). */
  staleClaimMs?: number;
  /** Publishes notices posted in announcement channels; none = no publishing (tests of sending alone). */
  publishing?: Publishing;
  /** Test-only (see config/test-hooks): lets the kill-point test stop a delivery at a given step. */
  checkpoint?: (point: 'before-claim' | 'after-claim' | 'after-send', guildId: string) => Promise<void>;
}

/** The deps and what the scheduler works out from them once: the dataset's dated events, the observer. */
export interface DeliveryContext {
  deps: DeliveryDeps;
  events: readonly DatedEvent[];
  observer: DeliveryObserver;
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

/** A delivery this process has claimed, with the channel it goes to. */
interface ClaimedDelivery {
  settings: GuildSettings;
  item: PlannedDelivery;
  key: DeliveryKey;
  channelId: string;
  log: Logger;
  summary: TickSummary;
}

/**
 * Delivers one planned item of one server: claims it, reads the channel back when an earlier attempt may
 * have posted, and posts it unless it was posted already; says what this means for the server's work.
 */
export async function deliver(
  ctx: DeliveryContext,
  settings: GuildSettings,
  ownDates: readonly ServerDate[],
  item: PlannedDelivery,
  now: number,
  summary: TickSummary,
): Promise<DeliveryResult> {
  const key = { guildId: item.guildId, eventId: ledgerEventId(item.eventId, item.kind), year: item.year };
  const log = ctx.deps.logger.child({ ...key });
  const existing = await ctx.deps.ledger.get(key);
  // A row claimed or failed-retryable holds an attempt whose outcome is unknown: it may have posted.
  const attempted = existing?.status === 'claimed' || (existing?.status === 'failed' && existing.retryable);
  if (item.action === 'missed' && !attempted) {
    await ctx.deps.ledger.markMissed(key, now, item.occurrence.at);
    return settle(ctx.observer, summary, log, item, { outcome: 'missed', reason: DAY_ENDED });
  }
  if (!ctx.deps.sender.inGuild(settings.guildId)) {
    summary.skipped++;
    log.info({ outcome: 'skipped', why: 'server unavailable' }, 'not in the server now; will try again');
    return 'pending';
  }
  if (ctx.deps.guard.blocked()) {
    summary.skipped++;
    log.warn(
      { outcome: 'skipped', invalidRequests: ctx.deps.guard.count() },
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
  await ctx.deps.checkpoint?.('before-claim', key.guildId);
  // The claim carries its own moment, not the tick's start: a long tick must not make it look stale.
  const claim = await ctx.deps.ledger.claim(key, {
    owner: ctx.deps.owner,
    now: ctx.deps.now(),
    dueAt: item.occurrence.at,
    staleAfterMs: ctx.deps.staleClaimMs ?? STALE_CLAIM_MS,
  });
  if (!claim.claimed) {
    const status = claim.delivery.status;
    log.debug({ outcome: 'skipped', status }, 'already handled');
    summary.skipped++;
    return status === 'claimed' ? 'pending' : 'done';
  }
  await ctx.deps.checkpoint?.('after-claim', key.guildId);
  const channelId = settings.channelId;
  const event = ctx.events.find((e) => e.id === item.eventId);
  const ownDate = ownDates.find((d) => d.id === item.eventId);
  if ((!event && !ownDate) || !channelId) return 'done';
  const claimed: ClaimedDelivery = { settings, item, key, channelId, log, summary };
  if (claim.delivery.attempts > 1) {
    if (existing?.status === 'claimed') {
      ctx.observer.takeover();
      log.warn({ previousOwner: existing.claimedBy }, 'taking over a stale claim');
    }
    const earlier = await checkEarlierAttempt(ctx.deps.sender, channelId, claim.delivery, ctx.deps.now());
    if (earlier.kind === 'found') {
      const publishing = await publication(ctx, claimed, earlier.messageId);
      await ctx.deps.ledger.markSent(key, earlier.messageId, ctx.deps.now());
      await publishing();
      return settle(ctx.observer, summary, log, item, { outcome: 'found', messageId: earlier.messageId });
    }
    if (earlier.kind === 'uncertain') {
      await ctx.deps.ledger.markUncertain(key, earlier.detail, ctx.deps.now());
      return settle(ctx.observer, summary, log, item, {
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
    await ctx.deps.ledger.markMissed(key, ctx.deps.now(), item.occurrence.at);
    return settle(ctx.observer, summary, log, item, { outcome: 'missed', reason: DAY_ENDED });
  }
  return post(ctx, claimed, event, ownDate);
}

/**
 * Sends a claimed delivery's notice with its nonce and marker and records what became of it; a channel
 * Discord refuses for good pauses the server.
 */
async function post(
  ctx: DeliveryContext,
  claimed: ClaimedDelivery,
  event: DatedEvent | undefined,
  ownDate: ServerDate | undefined,
): Promise<DeliveryResult> {
  const { settings, item, key, channelId, log, summary } = claimed;
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
    ? noticeFor(ctx.deps.dataset, event, anniversary, options)
    : serverDateNoticeFor(ownDate as ServerDate, anniversary, options);
  const outcome = await ctx.deps.sender.send(channelId, notice, settings.language, {
    nonce: deliveryNonce(key),
    marker: deliveryMarker(key),
  });
  const after = ctx.deps.now();
  if (outcome.ok) await ctx.deps.checkpoint?.('after-send', key.guildId);
  if (outcome.ok) {
    const publishing = await publication(ctx, claimed, outcome.messageId);
    await ctx.deps.ledger.markSent(key, outcome.messageId, after);
    await publishing();
    return settle(ctx.observer, summary, log, item, {
      outcome: 'sent',
      delayMs: after - item.occurrence.at,
      messageId: outcome.messageId,
    });
  }
  if (outcome.kind === 'refused') {
    await ctx.deps.ledger.markFailed(
      key,
      { reason: outcome.reason, detail: outcome.detail, retryable: false },
      after,
    );
    await ctx.deps.pause(settings.guildId, outcome.reason, outcome.detail);
    settle(ctx.observer, summary, log, item, {
      outcome: 'paused',
      reason: outcome.reason,
      detail: outcome.detail,
    });
    return 'paused';
  }
  const retryable = outcome.kind === 'transient';
  await ctx.deps.ledger.markFailed(key, { reason: outcome.kind, detail: outcome.detail, retryable }, after);
  settle(ctx.observer, summary, log, item, {
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
async function publication(
  ctx: DeliveryContext,
  { settings, item, key, channelId }: ClaimedDelivery,
  messageId: string,
): Promise<() => Promise<void>> {
  const { publishing, logger } = ctx.deps;
  const failed = (err: unknown) => logger.error({ err, ...key }, 'publishing failed');
  if (!publishing || item.kind !== 'notice') return async () => {};
  const untilAt = dayEnd(item.occurrence.date, settings.timeZone);
  const row = await publishing.record(key, channelId, messageId, untilAt).catch(failed);
  return async () => {
    if (row) await publishing.attemptIfNew(row).catch(failed);
  };
}
