import type { WebSocketOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { HostRepository } from '../store/host-repository.js';

/** Discord allows one IDENTIFY per max_concurrency bucket per 5 s; the lease adds a margin for clock skew. */
export const IDENTIFY_LEASE_MS = 5_500;

type WsManager = Parameters<NonNullable<WebSocketOptions['buildIdentifyThrottler']>>[0];

export interface IdentifyLeaseOptions {
  hosts: HostRepository;
  /** This process's name; each lease holder adds the shard id. */
  owner: string;
  maxConcurrency: number;
  /** Wall-clock time in ms: leases are compared across hosts. */
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  logger?: Logger;
}

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * @discordjs/ws's identify throttler across processes and hosts: before a shard identifies it takes its
 * bucket's lease (`shard_id % max_concurrency`) in the shared database for {@link IDENTIFY_LEASE_MS}, so
 * no two processes of the bot identify in one bucket within 5 s. discord.js's own throttler only spaces
 * the shards of one process. If the database cannot be reached, it waits a whole lease before identifying.
 */
export class LeaseIdentifyThrottler {
  constructor(private readonly options: IdentifyLeaseOptions) {}

  async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
    const { hosts, owner, maxConcurrency } = this.options;
    const now = this.options.now ?? Date.now;
    const sleep = this.options.sleep ?? abortableSleep;
    const bucket = shardId % maxConcurrency;
    const holder = `${owner}/${shardId}/${now()}`;
    for (;;) {
      signal.throwIfAborted();
      let lease: Awaited<ReturnType<HostRepository['takeIdentifyLease']>>;
      try {
        const t = now();
        lease = await hosts.takeIdentifyLease(bucket, holder, t, t + IDENTIFY_LEASE_MS);
      } catch (err) {
        this.options.logger?.warn(
          { err, shardId, bucket },
          'identify lease unavailable; waiting a full lease',
        );
        await sleep(IDENTIFY_LEASE_MS, signal);
        return;
      }
      if (lease.taken) return;
      this.options.logger?.debug(
        { shardId, bucket, waitMs: lease.until - now() },
        'waiting for identify lease',
      );
      await sleep(Math.max(20, lease.until - now()), signal);
    }
  }
}

/** `ws.buildIdentifyThrottler` for discord.js's Client: reads max_concurrency from GET /gateway/bot. */
export function leaseIdentifyThrottler(
  options: Omit<IdentifyLeaseOptions, 'maxConcurrency'>,
): (manager: WsManager) => Promise<LeaseIdentifyThrottler> {
  return async (manager) => {
    const info = await manager.fetchGatewayInformation();
    return new LeaseIdentifyThrottler({
      ...options,
      maxConcurrency: info.session_start_limit.max_concurrency,
    });
  };
}
