/**
 * The scheduler's tick: which servers are due (page by page, see DueServers), a bounded number of them at
 * once, each server's planned items in order (delivering one is deliver.ts's), the server's next due
 * instant once nothing is pending, publishing's retries, and stopping without cutting a send short.
 */
import { eventsWithDay } from '../domain/dataset.js';
import type { ServerDateRepository } from '../store/server-date-repository.js';
import type { SettingsRepository, ShardSelection } from '../store/settings-repository.js';
import { type DeliveryContext, type DeliveryDeps, deliver } from './deliver.js';
import { type DeliveryObserver, NO_OBSERVER } from './delivery-observer.js';
import { type DueJob, DueServers } from './due-groups.js';
import { type DatedEvent, nextDueAt, serverDateEvents } from './planner.js';
import { plannerSettings } from './planner-settings.js';
import { emptySummary, type TickSummary } from './tick-summary.js';

export type { TickSummary } from './tick-summary.js';

export interface SchedulerDeps extends DeliveryDeps {
  settings: SettingsRepository;
  /** Servers' own dates (`/config date`); posted like the dataset's, with their own notice. */
  serverDates?: ServerDateRepository;
  /** The shards this process posts for; undefined = every server. */
  shards?: ShardSelection | undefined;
  /** Servers handled at once; discord.js's REST queue paces the sends themselves. */
  concurrency?: number;
  /** Told of every delivery's outcome and every takeover (metrics, alerts). */
  observer?: DeliveryObserver;
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
  private readonly delivery: DeliveryContext;

  constructor(private readonly deps: SchedulerDeps) {
    this.events = eventsWithDay(deps.dataset);
    this.delivery = { deps, events: this.events, observer: deps.observer ?? NO_OBSERVER };
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
      const result = await deliver(this.delivery, settings, job.ownDates, item, now, summary);
      if (result === 'paused') return;
      if (result === 'pending') pending = true;
    }
    if (!pending) {
      // Only if the settings are as read: an admin's change during the sends set its own next instant.
      await this.deps.settings.setNextDueAt(settings.guildId, job.next, settings.updatedAt);
    }
  }
}
