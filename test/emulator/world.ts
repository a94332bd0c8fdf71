import {
  apiChannel,
  apiMember,
  apiRole,
  type BotIdentity,
  type ChannelState,
  channelState,
  type GuildState,
  gatewayGuildCreate,
  guildState,
} from './fixtures.js';
import {
  ALL_PERMISSIONS,
  basePermissions,
  channelPermissions,
  type PermissionSubject,
} from './permissions.js';
import type { ChannelFixture, GuildFixture, OverwriteFixture } from './types.js';

/** Guild events go to whichever gateway session owns the guild. */
export type GuildDispatch = (guildId: string, event: string, data: unknown) => void;

/** The servers the bot is in, changed by tests and read by REST routes and the gateway. */
export class World {
  readonly guilds = new Map<string, GuildState>();

  constructor(
    readonly bot: BotIdentity,
    private readonly ids: () => string,
    private readonly timestamp: () => string,
    private readonly dispatch: GuildDispatch,
  ) {}

  /** Guilds the bot is currently in. */
  joinedGuilds(): GuildState[] {
    return [...this.guilds.values()].filter((g) => g.botIsMember);
  }

  channel(channelId: string): ChannelState | undefined {
    for (const g of this.guilds.values()) {
      const c = g.channels.get(channelId);
      if (c) return c;
    }
    return undefined;
  }

  guildCreatePayload(guildId: string) {
    return gatewayGuildCreate(this.requireGuild(guildId), this.bot.id);
  }

  private subject(g: GuildState, userId: string): PermissionSubject {
    return {
      guildId: g.id,
      ownerId: g.ownerId,
      userId,
      roleIds: g.members.get(userId)?.roleIds ?? [],
      roles: g.roles,
    };
  }

  guildPermissions(guildId: string, userId = this.bot.id): bigint {
    const g = this.guilds.get(guildId);
    if (!g) return 0n;
    return basePermissions(this.subject(g, userId));
  }

  permissionsIn(channelId: string, userId = this.bot.id): bigint {
    const c = this.channel(channelId);
    const g = c && this.guilds.get(c.guildId);
    if (!c || !g) return 0n;
    if (userId === this.bot.id && !g.botIsMember) return 0n;
    return channelPermissions(this.subject(g, userId), c.overwrites);
  }

  addGuild(fixture: GuildFixture): GuildState {
    const g = guildState(fixture, this.bot, this.ids, this.timestamp());
    this.guilds.set(g.id, g);
    this.dispatch(g.id, 'GUILD_CREATE', gatewayGuildCreate(g, this.bot.id));
    return g;
  }

  removeGuild(guildId: string): void {
    const g = this.requireGuild(guildId);
    this.dispatch(guildId, 'GUILD_DELETE', { id: guildId, unavailable: false });
    g.botIsMember = false;
  }

  /** A Discord outage: GUILD_DELETE with unavailable true; the bot stays a member. */
  guildOutage(guildId: string): void {
    this.requireGuild(guildId);
    this.dispatch(guildId, 'GUILD_DELETE', { id: guildId, unavailable: true });
  }

  addChannel(guildId: string, fixture: ChannelFixture): void {
    const g = this.requireGuild(guildId);
    const c = channelState(guildId, fixture, g.channels.size);
    g.channels.set(c.id, c);
    this.dispatch(guildId, 'CHANNEL_CREATE', apiChannel(c));
  }

  deleteChannel(guildId: string, channelId: string): void {
    const g = this.requireGuild(guildId);
    const c = g.channels.get(channelId);
    if (!c) throw new Error(`emulator: guild ${guildId} has no channel ${channelId}`);
    g.channels.delete(channelId);
    this.dispatch(guildId, 'CHANNEL_DELETE', apiChannel(c));
  }

  setChannelOverwrites(guildId: string, channelId: string, overwrites: OverwriteFixture[]): void {
    const c = this.requireGuild(guildId).channels.get(channelId);
    if (!c) throw new Error(`emulator: guild ${guildId} has no channel ${channelId}`);
    c.overwrites = overwrites.map((o) => ({ ...o }));
    this.dispatch(guildId, 'CHANNEL_UPDATE', apiChannel(c));
  }

  setRolePermissions(guildId: string, roleId: string, permissions: string): void {
    const role = this.requireGuild(guildId).roles.get(roleId);
    if (!role) throw new Error(`emulator: guild ${guildId} has no role ${roleId}`);
    role.permissions = permissions;
    this.dispatch(guildId, 'GUILD_ROLE_UPDATE', { guild_id: guildId, role: apiRole(role) });
  }

  setBotRoles(guildId: string, roleIds: string[]): void {
    const g = this.requireGuild(guildId);
    const me = g.members.get(this.bot.id);
    if (!me) throw new Error(`emulator: the bot has no member in ${guildId}`);
    me.roleIds = [...roleIds];
    // Discord sends GUILD_MEMBER_UPDATE for the current user even without the GUILD_MEMBERS intent.
    this.dispatch(guildId, 'GUILD_MEMBER_UPDATE', { guild_id: guildId, ...apiMember(me) });
  }

  setBotPermissions(guildId: string, permissions: string): void {
    const g = this.requireGuild(guildId);
    let role = [...g.roles.values()].find((r) => r.botId === this.bot.id);
    if (!role) {
      role = {
        id: this.ids(),
        name: this.bot.username,
        permissions,
        position: g.roles.size,
        mentionable: false,
        managed: true,
        botId: this.bot.id,
      };
      g.roles.set(role.id, role);
      this.dispatch(guildId, 'GUILD_ROLE_CREATE', { guild_id: guildId, role: apiRole(role) });
      const me = g.members.get(this.bot.id);
      this.setBotRoles(guildId, [...(me?.roleIds ?? []), role.id]);
      return;
    }
    this.setRolePermissions(guildId, role.id, permissions);
  }

  /** app_permissions of an interaction in this channel. */
  appPermissions(guildId: string | undefined, channelId: string): bigint {
    if (!guildId) return ALL_PERMISSIONS;
    const c = this.channel(channelId);
    return c ? this.permissionsIn(channelId) : this.guildPermissions(guildId);
  }

  requireGuild(guildId: string): GuildState {
    const g = this.guilds.get(guildId);
    if (!g) throw new Error(`emulator: unknown guild ${guildId}`);
    return g;
  }
}
