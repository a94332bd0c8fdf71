import { Client, Collection, GatewayIntentBits, Options, Partials, type WebSocketOptions } from 'discord.js';
import type { CacheNeeds } from './cache-needs.js';

export interface ClientSettings {
  /** REST base without a version suffix, e.g. https://discord.com/api. */
  apiUrl: string;
  /**
   * Shard ids this process holds and the total; 'auto' for Discord's recommendation; 'from-env' in a
   * process started by discord.js's ShardingManager, which passes SHARDS and SHARD_COUNT itself.
   */
  shards?: { ids: number[]; count: number } | 'auto' | 'from-env';
  /** How long to wait for GUILD_CREATEs before declaring ready (discord.js default 15 s). */
  waitGuildTimeoutMs?: number;
  /** REST retries of 5xx before a request fails (discord.js default 3). */
  restRetries?: number;
  restTimeoutMs?: number;
  /** Spaces IDENTIFYs across every process of the bot (see LeaseIdentifyThrottler); discord.js's own otherwise. */
  identifyThrottler?: WebSocketOptions['buildIdentifyThrottler'];
}

/** A cache that stores only what `keep` accepts; everything else is dropped as it arrives. */
class KeepingCollection<K, V> extends Collection<K, V> {
  constructor(private readonly keep: (value: V) => boolean) {
    super();
  }

  override set(key: K, value: V): this {
    return this.keep(value) ? super.set(key, value) : this;
  }
}

const keepSelf = {
  maxSize: 0,
  keepOverLimit: (v: { id: string; client: Client }) => v.id === v.client.user?.id,
};

/** Every other cache: empty, or only the bot itself. */
const limited = Options.cacheWithLimits({
  ApplicationCommandManager: 0,
  ApplicationEmojiManager: 0,
  AutoModerationRuleManager: 0,
  BaseGuildEmojiManager: 0,
  DMMessageManager: 0,
  EntitlementManager: 0,
  GuildBanManager: 0,
  GuildEmojiManager: 0,
  GuildForumThreadManager: 0,
  GuildInviteManager: 0,
  GuildMemberManager: keepSelf,
  GuildMessageManager: 0,
  GuildScheduledEventManager: 0,
  GuildStickerManager: 0,
  GuildTextThreadManager: 0,
  MessageManager: 0,
  PresenceManager: 0,
  ReactionManager: 0,
  ReactionUserManager: 0,
  StageInstanceManager: 0,
  ThreadManager: 0,
  ThreadMemberManager: 0,
  UserManager: keepSelf,
  VoiceStateManager: 0,
} as Parameters<typeof Options.cacheWithLimits>[0]);

function filteredCaches(needs: CacheNeeds): Record<string, (value: unknown) => boolean> {
  const channel = (c: unknown) => needs.keepsChannel((c as { id: string }).id);
  const role = (r: unknown) => {
    const { id, guild } = r as { id: string; guild: { id: string } };
    return needs.keepsRole(id, guild.id);
  };
  return { ChannelManager: channel, GuildChannelManager: channel, RoleManager: role };
}

/**
 * The discord.js client with only what the bot uses: the Guilds intent (no privileged intents) and
 * caches cut to the guilds, the bot's own member, and — when `needs` is given — only the channels and
 * roles it names (see {@link CacheNeeds}). Messages, other members, users, presences and the rest are not
 * kept. discord.js warns that limiting channel and role caches is unsupported: what it breaks is lookups of
 * dropped objects, which the bot never relies on — it fetches what it needs (see CachedGuildDirectory).
 */
export function createDiscordClient(settings: ClientSettings, needs?: CacheNeeds): Client {
  const filters = needs ? filteredCaches(needs) : {};
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    rest: {
      api: settings.apiUrl,
      retries: settings.restRetries ?? 3,
      timeout: settings.restTimeoutMs ?? 15_000,
    },
    ...(settings.shards === 'from-env'
      ? {}
      : settings.shards && settings.shards !== 'auto'
        ? { shards: settings.shards.ids, shardCount: settings.shards.count }
        : { shards: 'auto' as const }),
    waitGuildTimeout: settings.waitGuildTimeoutMs ?? 15_000,
    ...(settings.identifyThrottler ? { ws: { buildIdentifyThrottler: settings.identifyThrottler } } : {}),
    makeCache: (managerType, holds, manager) => {
      // Channels and roles: a plain filter. discord.js's LimitedCollection with maxSize 0 scans every kept
      // entry on each insert, which is quadratic when thousands of configured channels are kept.
      const keep = filters[manager.name];
      return keep ? new KeepingCollection(keep) : limited(managerType, holds, manager);
    },
  });
}
