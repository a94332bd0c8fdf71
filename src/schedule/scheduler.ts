import type { Logger } from 'pino';
import { type Dataset, eventsWithDay } from '../domain/dataset.js';
import { noticeFor } from '../domain/notice.js';
import { DAY_ENDED, deliveryNonce } from '../store/delivery.js';
import type { DeliveryLedger } from '../store/delivery-ledger.js';
import type { GuildSettings } from '../store/guild-settings.js';
import type { SettingsRepository, ShardSelection } from '../store/settings-repository.js';
import { type DueJob, DueServers } from './due-groups.js';
import type { InvalidRequestGuard } from './invalid-request-guard.js';
import type { NoticeSender } from './notice-port.js';
import { type DatedEvent, nextDueAt, type PlannedDelivery } from './planner.js';
import { plannerSettings } from './planner-settings.js';

export interface SchedulerDeps {
  dataset: Dataset;
  settings: SettingsRepository;
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
}

/** Per delivery: whether the server's work is finished or must be looked at again next tick. */
type DeliveryResult = 'done' | 'pending' | 'paused';

export interface TickSummary {
  servers: number;
  posted: number;
  missed: number;
  failed: number;
  skipped: number;
}

/**
 * A claim older than this whose owner never recorded an outcome is taken over. Sends are aborted after 90 s,
 * so only a crashed owner leaves one this old; and it is short enough that the resend, carrying the same
 * nonce, still falls inside the minutes in which Discord's enforce_nonce returns the first message.
 */
export const STALE_CLAIM_MS = 2 * 60_000;

/** Retries of a failed post wait 1, 2, 4 … up to 30 minutes, while the day lasts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

/**
 * Posts what is due, exactly once per (server, event, year): each delivery is claimed in the
 * ledger before sending, sent with a nonce derived from that key, and recorded. One server's
 * failure never stops or delays another's.
 */
export class Scheduler {
  private readonly events: DatedEvent[];
  private running: Promise<TickSummary> | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.events = eventsWithDay(deps.dataset);
  }

  /** Runs one tick; a tick asked for while one runs joins it instead of overlapping. */
  tick(): Promise<TickSummary> {
    if (this.stopped) return Promise.resolve({ servers: 0, posted: 0, missed: 0, failed: 0, skipped: 0 });
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
      const next = nextDueAt(plannerSettings(s), this.events, now);
      if (await this.deps.settings.setNextDueAt(s.guildId, next, s.updatedAt)) updated++;
    }
    return updated;
  }

  private async runTick(): Promise<TickSummary> {
    const now = this.deps.now();
    // Planned once per group of servers with equal planning inputs, page by page (see DueServers).
    const due = new DueServers(this.deps.settings, this.events, now, this.deps.shards);
    const summary: TickSummary = { servers: 0, posted: 0, missed: 0, failed: 0, skipped: 0 };
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
    if (summary.servers > 0) this.deps.logger.info({ ...summary }, 'tick finished');
    return summary;
  }

  private async runServer(job: DueJob, now: number, summary: TickSummary): Promise<void> {
    const { settings, planned } = job;
    let pending = false;
    for (const item of planned) {
      const result = await this.deliver(settings, item, now, summary);
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
    item: PlannedDelivery,
    now: number,
    summary: TickSummary,
  ): Promise<DeliveryResult> {
    const key = { guildId: item.guildId, eventId: item.eventId, year: item.year };
    const log = this.deps.logger.child({ ...key });
    if (item.action === 'missed') {
      await this.deps.ledger.markMissed(key, DAY_ENDED, now, item.occurrence.at);
      summary.missed++;
      log.warn({ outcome: 'missed', dueAt: item.occurrence.at }, 'anniversary day passed without a post');
      return 'done';
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
    const existing = await this.deps.ledger.get(key);
    if (existing?.status === 'failed' && now < existing.updatedAt + retryDelayMs(existing.attempts)) {
      return 'pending';
    }
    const claim = await this.deps.ledger.claim(key, {
      owner: this.deps.owner,
      now,
      dueAt: item.occurrence.at,
      staleAfterMs: this.deps.staleClaimMs ?? STALE_CLAIM_MS,
    });
    if (!claim.claimed) {
      const status = claim.delivery.status;
      log.debug({ outcome: 'skipped', status }, 'already handled');
      summary.skipped++;
      return status === 'claimed' ? 'pending' : 'done';
    }
    const event = this.events.find((e) => e.id === item.eventId);
    if (!event || !settings.channelId) return 'done';
    const notice = noticeFor(this.deps.dataset, event, item.occurrence, {
      guildId: settings.guildId,
      roleId: settings.roleId,
      preview: false,
    });
    const outcome = await this.deps.sender.send(
      settings.channelId,
      notice,
      settings.language,
      deliveryNonce(key),
    );
    const after = this.deps.now();
    if (outcome.ok) {
      await this.deps.ledger.markSent(key, outcome.messageId, after);
      summary.posted++;
      log.info({ outcome: 'sent', messageId: outcome.messageId, lateByMs: item.lateByMs }, 'notice posted');
      return 'done';
    }
    summary.failed++;
    if (outcome.kind === 'refused') {
      await this.deps.ledger.markFailed(key, `${outcome.reason}: ${outcome.detail}`, false, after);
      await this.deps.pause(settings.guildId, outcome.reason, outcome.detail);
      log.warn(
        { outcome: 'paused', reason: outcome.reason, detail: outcome.detail },
        'Discord refused the channel; paused',
      );
      return 'paused';
    }
    const retryable = outcome.kind === 'transient';
    await this.deps.ledger.markFailed(key, outcome.detail, retryable, after);
    log.error({ outcome: 'failed', retryable, detail: outcome.detail }, 'notice not posted');
    return retryable ? 'pending' : 'done';
  }
}
