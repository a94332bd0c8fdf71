import type { Logger } from 'pino';
import type { HostRepository } from '../store/host-repository.js';

/** A process refreshes its heartbeat this often. */
export const HEARTBEAT_INTERVAL_MS = 30_000;
/** A heartbeat older than this is a host that is gone (three missed beats). */
export const HOST_LIVE_MS = 90_000;
/** A shard held by no live host for this long is logged as an alert. */
export const UNHELD_ALERT_MS = 3 * 60_000;
/** Heartbeats of hosts gone this long are deleted. */
const PRUNE_AFTER_MS = 24 * 60 * 60_000;

export interface HostHeartbeatDeps {
  hosts: HostRepository;
  hostId: string;
  hostName: string;
  pid: number;
  shards: { ids: readonly number[]; count: number };
  now: () => number;
  logger: Logger;
}

/**
 * Records which shards this process holds (a heartbeat row per shard, refreshed every 30 s and removed on
 * a clean stop), and checks on every beat that each of the bot's shards is held by some live host: one
 * that is not for more than {@link UNHELD_ALERT_MS} is logged at error level with its ids, so no server
 * silently stops getting notices. Every host checks, so the alert survives any one host's loss.
 */
export class HostHeartbeat {
  private readonly startedAt: number;
  /** When this process first saw each shard unheld (when no stale heartbeat says since when). */
  private readonly unheldSeen = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: HostHeartbeatDeps) {
    this.startedAt = deps.now();
  }

  /** Refreshes this process's heartbeat. */
  async beat(): Promise<void> {
    await this.deps.hosts.beat({
      hostId: this.deps.hostId,
      hostName: this.deps.hostName,
      pid: this.deps.pid,
      shardIds: this.deps.shards.ids,
      shardCount: this.deps.shards.count,
      startedAt: this.startedAt,
      now: this.deps.now(),
    });
  }

  /** The shards no live host has held for longer than {@link UNHELD_ALERT_MS}, logged as an alert. */
  async check(): Promise<number[]> {
    const now = this.deps.now();
    const lastSeen = await this.deps.hosts.lastSeenByShard();
    const alert: number[] = [];
    let longest = 0;
    for (let shard = 0; shard < this.deps.shards.count; shard++) {
      const seen = lastSeen.get(shard);
      if (seen !== undefined && seen >= now - HOST_LIVE_MS) {
        this.unheldSeen.delete(shard);
        continue;
      }
      if (!this.unheldSeen.has(shard)) this.unheldSeen.set(shard, now);
      // Unheld since its last heartbeat went stale, or (no heartbeat left) since this host first noticed.
      const since = seen !== undefined ? seen + HOST_LIVE_MS : (this.unheldSeen.get(shard) ?? now);
      if (now - since > UNHELD_ALERT_MS) {
        alert.push(shard);
        longest = Math.max(longest, now - since);
      }
    }
    if (alert.length > 0) {
      this.deps.logger.error(
        { alert: 'shards-unheld', shardIds: alert, shardCount: this.deps.shards.count, unheldForMs: longest },
        'shards held by no live host: their servers get no notices until a host runs them',
      );
    }
    await this.deps.hosts.pruneBefore(now - PRUNE_AFTER_MS);
    return alert;
  }

  /** Beats and checks every {@link HEARTBEAT_INTERVAL_MS} (a failure is logged and retried next time). */
  start(): void {
    this.timer = setInterval(() => {
      this.beat()
        .then(() => this.check())
        .catch((err: unknown) => this.deps.logger.warn({ err }, 'host heartbeat failed; retrying'));
    }, HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops beating and removes this process's heartbeat, so its shards show as free at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.deps.hosts.remove(this.deps.hostId);
  }
}
