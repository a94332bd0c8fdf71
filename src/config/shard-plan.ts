import type { BotConfig } from './env.js';

/** The shards this process holds and the bot's total, or 'auto' (one process holds every shard Discord suggests). */
export type ShardPlan = { ids: number[]; count: number } | 'auto';

/**
 * Which shards this process runs. A process started by discord.js's ShardingManager gets them from the
 * manager (SHARDS, SHARD_COUNT); otherwise SHARD_IDS (or every shard) of a numeric SHARD_COUNT.
 */
export function shardPlan(config: BotConfig, env: Record<string, string | undefined>): ShardPlan {
  if (env.SHARDING_MANAGER && env.SHARDS && config.SHARD_COUNT !== 'auto') {
    const given: unknown = JSON.parse(env.SHARDS);
    const ids = (Array.isArray(given) ? given : [given]).map(Number);
    return { ids, count: config.SHARD_COUNT };
  }
  if (config.SHARD_COUNT === 'auto') return 'auto';
  return {
    ids: config.SHARD_IDS ?? Array.from({ length: config.SHARD_COUNT }, (_, i) => i),
    count: config.SHARD_COUNT,
  };
}
