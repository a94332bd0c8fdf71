import { Client, GatewayIntentBits, Partials, type WebSocketOptions } from 'discord.js';
import type { CacheNeeds } from './cache-needs.js';
import { leanCaches } from './lean-cache.js';
import { rejectPublishRateLimit } from './publisher.js';

export interface ClientSettings {
  /** REST base without a version suffix, e.g. https://discord.com/api. */
  apiUrl: string;
  /**
   * Shard ids this process holds and the total (a ShardingManager child's are read from its environment by
   * the composition root); 'auto' for Discord's recommendation.
   */
  shards?: { ids: number[]; count: number } | 'auto';
  /** How long to wait for GUILD_CREATEs before declaring ready (discord.js default 15 s). */
  waitGuildTimeoutMs?: number;
  /** REST retries of 5xx before a request fails (discord.js default 3). */
  restRetries?: number;
  restTimeoutMs?: number;
  /** Spaces IDENTIFYs across every process of the bot (see LeaseIdentifyThrottler); discord.js's own otherwise. */
  identifyThrottler?: WebSocketOptions['buildIdentifyThrottler'];
}

/**
 * The discord.js client with only what the bot uses: the Guilds intent (no privileged intents) and
 * caches cut to the guilds, the bot's own member, and — when `needs` is given — only the channels and
 * roles it names (see {@link CacheNeeds}). Messages, other members, users, presences and the rest are not
 * kept. How the caches are cut, and the one discord.js warning that costs, live in lean-cache.ts.
 */
export function createDiscordClient(settings: ClientSettings, needs?: CacheNeeds): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    rest: {
      api: settings.apiUrl,
      retries: settings.restRetries ?? 3,
      timeout: settings.restTimeoutMs ?? 15_000,
      rejectOnRateLimit: rejectPublishRateLimit,
    },
    ...(settings.shards && settings.shards !== 'auto'
      ? { shards: settings.shards.ids, shardCount: settings.shards.count }
      : { shards: 'auto' as const }),
    waitGuildTimeout: settings.waitGuildTimeoutMs ?? 15_000,
    ...(settings.identifyThrottler ? { ws: { buildIdentifyThrottler: settings.identifyThrottler } } : {}),
    makeCache: leanCaches(needs),
  });
}
