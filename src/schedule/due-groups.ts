import type { ServerDate } from '../domain/server-date.js';
import type { GuildSettings } from '../store/guild-settings.js';
import type { ServerDateRepository } from '../store/server-date-repository.js';
import type { DueCursor, SettingsRepository, ShardSelection } from '../store/settings-repository.js';
import {
  dueDeliveries,
  nextDueAt,
  type PlannedDelivery,
  type PlannedEvent,
  type PlannerSettings,
  serverDateEvents,
} from './planner.js';
import { plannerSettings } from './planner-settings.js';

/**
 * A busy tick plans once per group of servers whose planning inputs are equal, not once per server: the
 * planner is pure, and of a server it reads only its zone, post time, disabled events, reminder offset and
 * next due instant (the guild id is copied into the result). Any input added to the planner must be added to
 * {@link planInputsKey} — test/schedule/due-groups.test.ts checks grouped against per-server plans.
 * A server's own dates (`/config date`) are planning inputs too: a server that has any forms its own group.
 */

/** A key equal for two servers exactly when the planner's inputs for them are equal. */
export function planInputsKey(s: PlannerSettings): string {
  return JSON.stringify([
    s.nextDueAt,
    s.timeZone,
    s.postTime.hour,
    s.postTime.minute,
    [...s.disabledEvents].sort(),
    s.reminderDays,
  ]);
}

/** What the planner says for every server of a group. */
export interface GroupPlan {
  /** Deliveries due now, with an empty guild id: {@link forServer} fills it in. */
  due: readonly PlannedDelivery[];
  /** The server's next due instant once these are done. */
  next: number | null;
}

/** The group key of a server with its own dates: its own group (no other server has its dates). */
export function ownGroupKey(s: PlannerSettings, ownDates: readonly ServerDate[]): string {
  return ownDates.length === 0 ? planInputsKey(s) : JSON.stringify(['own', s.guildId, planInputsKey(s)]);
}

export function planGroup(inputs: PlannerSettings, events: readonly PlannedEvent[], now: number): GroupPlan {
  const anyServer = { ...inputs, guildId: '' };
  return { due: dueDeliveries(anyServer, events, now), next: nextDueAt(anyServer, events, now) };
}

export function forServer(plan: GroupPlan, guildId: string): PlannedDelivery[] {
  return plan.due.map((d) => ({ ...d, guildId }));
}

/** One due server with its plan. */
export interface DueJob {
  settings: GuildSettings;
  /** The server's own dates, which its deliveries may be of. */
  ownDates: ServerDate[];
  planned: PlannedDelivery[];
  next: number | null;
}

/** Servers read per query: a page (read through the plan-order index, mapped, planned) is one synchronous step. */
const PAGE = 500;
/**
 * How long the tick's own work runs before it lets other work (interactions) in. The loop is let go once
 * every worker has parked, so a stall is this plus the rest of the servers in flight.
 */
const YIELD_AFTER_MS = 5;
/** Servers started per turn of the event loop; real sends wait on the network, so 64 are soon in flight. */
const STARTS_PER_TURN = 8;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The due servers of one tick, page by page in plan order (SQL sorts by the planning inputs, so a group is
 * one run of rows and is planned when it starts), handed to the tick's workers one at a time. Whenever the
 * tick has held the event loop for {@link YIELD_AFTER_MS} or started {@link STARTS_PER_TURN} servers, every
 * worker waits for one turn of the loop:
 * better-sqlite3 and the planner are synchronous, and the workers' promise chains never leave the microtask
 * queue, so sends that complete quickly would otherwise keep the loop for the whole tick.
 */
export class DueServers {
  private buffer: DueJob[] = [];
  private cursor: DueCursor | null = null;
  private done = false;
  private loading: Promise<void> | null = null;
  private group: { key: string; plan: GroupPlan } | null = null;
  private lastYield = performance.now();
  /** While set, every worker waits on it: one turn of the event loop that all of them let happen. */
  private gate: Promise<void> | null = null;
  /** Servers handed out since the loop last turned. */
  private started = 0;
  /** How many plans were worked out: one per group (a group that spans pages keeps its plan). */
  plans = 0;

  constructor(
    private readonly repo: SettingsRepository,
    private readonly events: readonly PlannedEvent[],
    private readonly now: number,
    private readonly shards: ShardSelection | undefined,
    private readonly pageSize = PAGE,
    /** Servers' own dates; none when not wired (tests of the dataset's dates alone). */
    private readonly serverDates: ServerDateRepository | null = null,
  ) {}

  /** The next due server, or null when there are none left; safe to call from many workers at once. */
  async next(): Promise<DueJob | null> {
    for (;;) {
      // One shared gate: if each worker yielded on its own, each would restart the budget as it resumed,
      // and 64 workers would run 64 budgets back to back before the loop could turn.
      // At most STARTS_PER_TURN servers start per turn too: the workers a gate releases all resume at once,
      // and each runs its whole server in microtasks before the loop can turn again.
      if (
        !this.gate &&
        (this.started >= STARTS_PER_TURN || performance.now() - this.lastYield > YIELD_AFTER_MS)
      ) {
        this.gate = yieldToLoop().then(() => {
          this.gate = null;
          this.started = 0;
          this.lastYield = performance.now();
        });
      }
      if (this.gate) {
        await this.gate;
        continue;
      }
      const job = this.buffer.pop();
      if (job) {
        this.started++;
        return job;
      }
      if (this.done) return null;
      this.loading ??= this.load().finally(() => {
        this.loading = null;
      });
      await this.loading;
    }
  }

  private async load(): Promise<void> {
    const page = await this.repo.listDueByPlan(this.now, this.shards, this.cursor, this.pageSize);
    this.cursor = page.next;
    if (page.next === null) this.done = true;
    const own = this.serverDates
      ? await this.serverDates.forGuilds(page.servers.map((s) => s.guildId))
      : new Map<string, ServerDate[]>();
    const jobs: DueJob[] = [];
    for (const settings of page.servers) {
      const inputs = plannerSettings(settings);
      const ownDates = own.get(settings.guildId) ?? [];
      const key = ownGroupKey(inputs, ownDates);
      if (this.group?.key !== key) {
        const events = ownDates.length === 0 ? this.events : [...this.events, ...serverDateEvents(ownDates)];
        this.group = { key, plan: planGroup(inputs, events, this.now) };
        this.plans++;
      }
      const { plan } = this.group;
      jobs.push({ settings, ownDates, planned: forServer(plan, settings.guildId), next: plan.next });
    }
    // Popped from the end: reversed, so servers go out in plan order (earliest due first).
    this.buffer = jobs.reverse();
  }
}
