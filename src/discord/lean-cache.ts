import { type CacheFactory, type Client, Collection, Options } from 'discord.js';
import type { CacheNeeds } from './cache-needs.js';

/**
 * The one place the bot leans on discord.js beyond its supported options. No supported option limits the
 * channel and role caches, so `makeCache` replaces them with {@link KeepingCollection}s; discord.js warns
 * once per process (`UnsupportedCacheOverwriteWarning`) that this "breaks functionality" — what breaks is
 * lookups of dropped objects, which the bot never relies on: it fetches what it needs (CachedGuildDirectory).
 * test/discord/lean-cache.test.ts fails if a discord.js upgrade stops honouring any of this.
 */

/** The warning discord.js emits for the overrides below, and the managers it may name. */
export const LEAN_CACHE_WARNING = 'UnsupportedCacheOverwriteWarning';
const OVERRIDDEN = /^Overriding the cache handling for (ChannelManager|GuildChannelManager|RoleManager) is/;

/** A cache that stores only what `keep` accepts; everything else is dropped as it arrives. */
export class KeepingCollection<K, V> extends Collection<K, V> {
  constructor(private readonly keep: (value: V) => boolean) {
    super();
  }

  override set(key: K, value: V): this {
    return this.keep(value) ? super.set(key, value) : this;
  }
}

/**
 * One empty cache shared by every manager that keeps nothing. discord.js builds a dozen managers per guild
 * (bans, invites, emojis, stickers, voice states …); with a fresh empty collection each, 10,000 guilds hold
 * 100,000+ empty Maps. Nothing is ever stored here, so sharing one is safe.
 */
class DroppingCollection<K, V> extends Collection<K, V> {
  override set(): this {
    return this;
  }
}
const NOTHING = new DroppingCollection<unknown, unknown>();

const keepSelf = {
  maxSize: 0,
  keepOverLimit: (v: { id: string; client: Client }) => v.id === v.client.user?.id,
};

const KEEP_NOTHING = new Set([
  'ApplicationCommandManager',
  'ApplicationEmojiManager',
  'AutoModerationRuleManager',
  'BaseGuildEmojiManager',
  'DMMessageManager',
  'EntitlementManager',
  'GuildBanManager',
  'GuildEmojiManager',
  'GuildForumThreadManager',
  'GuildInviteManager',
  'GuildMessageManager',
  'GuildScheduledEventManager',
  'GuildSoundboardSoundManager',
  'GuildStickerManager',
  'GuildTextThreadManager',
  'MessageManager',
  'PresenceManager',
  'ReactionManager',
  'ReactionUserManager',
  'StageInstanceManager',
  'ThreadManager',
  'ThreadMemberManager',
  'VoiceStateManager',
]);

/** Every other cache: empty, or only the bot itself (supported limits, no warning). */
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

/**
 * discord.js's `makeCache` for the bot: channels and roles only as `needs` names them, the bot's own member
 * and user, nothing else. Channels and roles use a plain filter: discord.js's LimitedCollection with
 * maxSize 0 scans every kept entry on each insert, quadratic with thousands of configured channels.
 */
export function leanCaches(needs?: CacheNeeds): CacheFactory {
  if (!needs) return limited;
  const channel = (c: unknown) => needs.keepsChannel((c as { id: string }).id);
  const role = (r: unknown) => {
    const { id, guild } = r as { id: string; guild: { id: string } };
    return needs.keepsRole(id, guild.id);
  };
  const filters: Record<string, (value: unknown) => boolean> = {
    ChannelManager: channel,
    GuildChannelManager: channel,
    RoleManager: role,
  };
  suppressKnownDiscordWarnings();
  return (managerType, holds, manager) => {
    if (KEEP_NOTHING.has(manager.name)) return NOTHING as never;
    const keep = filters[manager.name];
    return keep ? new KeepingCollection(keep) : limited(managerType, holds, manager);
  };
}

interface WarningState {
  suppressed: number;
}
// On `process`, not in this module: test runners may load this module more than once in one process.
const STATE = Symbol.for('remembrance-bot.known-discord-warnings');
type WithState = NodeJS.Process & { [STATE]?: WarningState };

/**
 * Drops discord.js's warning about the cache overrides above — and only it; every other warning reaches
 * Node's usual handling. Idempotent. `leanCaches` calls it, so every entry point that builds the bot's
 * client (bot, tests, demo, bench) goes through it; an entry point may call it earlier as well.
 */
export function suppressKnownDiscordWarnings(): void {
  const proc = process as WithState;
  if (proc[STATE]) return;
  const state: WarningState = { suppressed: 0 };
  proc[STATE] = state;
  const original = process.emitWarning;
  const filtered = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const option = rest[0];
    const type =
      warning instanceof Error
        ? warning.name
        : typeof option === 'string'
          ? option
          : (option as { type?: string } | undefined)?.type;
    const message = typeof warning === 'string' ? warning : warning.message;
    if (type === LEAN_CACHE_WARNING && OVERRIDDEN.test(message)) {
      state.suppressed++;
      return;
    }
    return (original as (...args: unknown[]) => void).call(this, warning, ...rest);
  };
  process.emitWarning = filtered as typeof process.emitWarning;
}

/** How many known warnings were dropped in this process (for the test that guards the upgrade path). */
export function suppressedDiscordWarnings(): number {
  return (process as WithState)[STATE]?.suppressed ?? 0;
}
