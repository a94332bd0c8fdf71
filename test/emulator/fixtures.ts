import type { ChannelFixture, GuildFixture, OverwriteFixture } from './types.js';

/** The emulator's model of a guild, and the API objects Discord would send for it. */

export interface RoleState {
  id: string;
  name: string;
  permissions: string;
  position: number;
  mentionable: boolean;
  managed: boolean;
  botId?: string;
}

export interface MemberState {
  id: string;
  username: string;
  roleIds: string[];
  nick: string | null;
  bot: boolean;
  joinedAt: string;
}

export interface ChannelState {
  id: string;
  guildId: string;
  name: string;
  type: number;
  overwrites: OverwriteFixture[];
  parentId: string | null;
  position: number;
  topic: string | null;
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  joinedAt: string;
  /** False once the bot was removed: its channels then answer 50001 Missing Access. */
  botIsMember: boolean;
  channels: Map<string, ChannelState>;
  roles: Map<string, RoleState>;
  members: Map<string, MemberState>;
}

export interface BotIdentity {
  id: string;
  username: string;
}

export function channelState(guildId: string, c: ChannelFixture, index: number): ChannelState {
  return {
    id: c.id,
    guildId,
    name: c.name,
    type: c.type,
    overwrites: (c.permission_overwrites ?? []).map((o) => ({ ...o })),
    parentId: c.parent_id ?? null,
    position: c.position ?? index,
    topic: c.topic ?? null,
  };
}

export function guildState(
  g: GuildFixture,
  bot: BotIdentity,
  ids: () => string,
  joinedAt: string,
): GuildState {
  const roles = new Map<string, RoleState>();
  if (!g.roles.some((r) => r.id === g.id)) {
    roles.set(g.id, {
      id: g.id,
      name: '@everyone',
      permissions: '0',
      position: 0,
      mentionable: false,
      managed: false,
    });
  }
  g.roles.forEach((r, i) => {
    roles.set(r.id, {
      id: r.id,
      name: r.name,
      permissions: r.permissions,
      position: r.position ?? (r.id === g.id ? 0 : i + 1),
      mentionable: r.mentionable ?? false,
      managed: r.managed ?? false,
    });
  });
  const members = new Map<string, MemberState>();
  for (const m of g.members ?? []) {
    members.set(m.id, {
      id: m.id,
      username: m.username ?? `user${m.id.slice(-4)}`,
      roleIds: [...(m.roleIds ?? [])],
      nick: m.nick ?? null,
      bot: m.bot ?? false,
      joinedAt,
    });
  }
  members.set(bot.id, {
    id: bot.id,
    username: bot.username,
    roleIds: [...(g.botRoleIds ?? [])],
    nick: null,
    bot: true,
    joinedAt,
  });
  return {
    id: g.id,
    name: g.name ?? `Guild ${g.id.slice(-4)}`,
    ownerId: g.ownerId ?? ids(),
    preferredLocale: g.preferredLocale ?? 'en-US',
    joinedAt,
    botIsMember: true,
    channels: new Map(g.channels.map((c, i) => [c.id, channelState(g.id, c, i)])),
    roles,
    members,
  };
}

export function apiUser(id: string, username: string, bot: boolean) {
  return {
    id,
    username,
    discriminator: '0',
    global_name: bot ? null : username,
    avatar: null,
    bot,
    system: false,
    public_flags: 0,
    flags: 0,
    avatar_decoration_data: null,
    primary_guild: null,
    collectibles: null,
  };
}

export function apiRole(r: RoleState) {
  return {
    id: r.id,
    name: r.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: r.position,
    permissions: r.permissions,
    managed: r.managed,
    mentionable: r.mentionable,
    flags: 0,
    ...(r.botId ? { tags: { bot_id: r.botId } } : {}),
  };
}

export function apiChannel(c: ChannelState) {
  const base = {
    id: c.id,
    type: c.type,
    guild_id: c.guildId,
    name: c.name,
    position: c.position,
    permission_overwrites: c.overwrites.map((o) => ({ ...o })),
    parent_id: c.parentId,
    flags: 0,
  };
  if (c.type === 4) return base;
  if (c.type === 2) {
    return { ...base, nsfw: false, bitrate: 64000, user_limit: 0, rtc_region: null, rate_limit_per_user: 0 };
  }
  return {
    ...base,
    nsfw: false,
    topic: c.topic,
    last_message_id: null,
    rate_limit_per_user: 0,
    default_auto_archive_duration: 1440,
  };
}

export function apiMember(m: MemberState) {
  return {
    user: apiUser(m.id, m.username, m.bot),
    nick: m.nick,
    avatar: null,
    banner: null,
    roles: [...m.roleIds],
    joined_at: m.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

/** GET /guilds/:id and the base of GUILD_CREATE / GUILD_UPDATE. */
export function apiGuild(g: GuildState) {
  return {
    id: g.id,
    name: g.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: g.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    preferred_locale: g.preferredLocale,
    max_members: 500000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    features: [],
    roles: [...g.roles.values()].map(apiRole),
    emojis: [],
    stickers: [],
    incidents_data: null,
  };
}

/** The gateway-only GUILD_CREATE payload: the bot's own member is the only member sent (no GUILD_MEMBERS intent). */
export function gatewayGuildCreate(g: GuildState, botId: string) {
  const bot = g.members.get(botId);
  return {
    ...apiGuild(g),
    joined_at: g.joinedAt,
    large: false,
    unavailable: false,
    member_count: g.members.size,
    members: bot ? [apiMember(bot)] : [],
    channels: [...g.channels.values()].map(apiChannel),
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
