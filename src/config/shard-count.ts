import { HOST_LIVE_MS } from '../schedule/host-heartbeat.js';
import type { HostRepository } from '../store/host-repository.js';
import { ConfigError } from './env.js';

/**
 * Records the bot's shard count in the database on first start and refuses a host whose count differs:
 * hosts that split servers by different counts would leave some servers to nobody.
 * `change` (SHARD_COUNT_CHANGE equal to the new count) replaces the recorded count once every host is stopped.
 * @throws ConfigError in one line naming SHARD_COUNT and what to do.
 */
export async function ensureShardCount(
  hosts: HostRepository,
  count: number,
  change: number | undefined,
  now: number,
): Promise<{ changedFrom?: number }> {
  const check = await hosts.checkShardCount(count, now, change === count, now - HOST_LIVE_MS);
  if (check.ok) return check.changedFrom === undefined ? {} : { changedFrom: check.changedFrom };
  const hint =
    check.liveHosts > 0
      ? `stop the ${check.liveHosts} running host(s) first, then start every host with SHARD_COUNT=${count} and SHARD_COUNT_CHANGE=${count}`
      : `to change it, start with SHARD_COUNT=${count} and SHARD_COUNT_CHANGE=${count} while every other host is stopped`;
  throw new ConfigError(
    `SHARD_COUNT is ${count} but this bot's database records ${check.recorded} shards; use SHARD_COUNT=${check.recorded} on every host, or ${hint}.`,
  );
}
