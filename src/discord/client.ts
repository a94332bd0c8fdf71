import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';
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
}

/**
 * The discord.js client with only what the bot uses: the Guilds intent (no privileged intents) and
 * caches cut to the guilds, the bot's own member, and — when `needs` is given — only the channels and
 * roles it names (see {@link CacheNeeds}). Messages, other members, users, presences and the rest are not
 * kept. discord.js warns that limiting channel and role caches is unsupported: what it breaks is lookups of
 * dropped objects, which the bot never relies on — it fetches what it needs (see CachedGuildDirectory).
 */
export function createDiscordClient(settings: ClientSettings, needs?: CacheNeeds): Client {
  const keepSelf = {
    maxSize: 0,
    keepOverLimit: (v: { id: string; client: Client }) => v.id === v.client.user?.id,
  };
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
    makeCache: Options.cacheWithLimits({
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
      ...(needs
        ? {
            ChannelManager: { maxSize: 0, keepOverLimit: (c: { id: string }) => needs.keepsChannel(c.id) },
            GuildChannelManager: {
              maxSize: 0,
              keepOverLimit: (c: { id: string }) => needs.keepsChannel(c.id),
            },
            RoleManager: {
              maxSize: 0,
              keepOverLimit: (r: { id: string; guild: { id: string } }) => needs.keepsRole(r.id, r.guild.id),
            },
          }
        : {}),
    } as Parameters<typeof Options.cacheWithLimits>[0]),
  });
}
