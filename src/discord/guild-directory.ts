import {
  ChannelType,
  type Client,
  type Guild,
  type GuildBasedChannel,
  PermissionFlagsBits,
} from 'discord.js';
import type { ChannelPermission } from '../app/config-replies.js';
import { BOT_PERMISSIONS, EVENT_PERMISSION_BITS } from '../app/permissions.js';
import type { ChannelView, GuildDirectory, RoleView } from '../app/services.js';
import type { CacheNeeds } from './cache-needs.js';

/** What notices need in their channel: the channel part of the one list, {@link BOT_PERMISSIONS}. */
export const NOTICE_CHANNEL_PERMISSIONS: Array<[ChannelPermission, bigint]> = BOT_PERMISSIONS.filter(
  (p) => p.where === 'channel',
).map((p) => [p.name, p.bit]);

/**
 * What the bot may do in channels and with roles. The cache holds only what {@link CacheNeeds} names, so a
 * channel or role it lacks is fetched once (and kept from then on, since an admin is choosing it).
 */
export class CachedGuildDirectory implements GuildDirectory {
  constructor(
    private readonly client: Client,
    private readonly needs: CacheNeeds,
  ) {}

  async channel(guildId: string, channelId: string): Promise<ChannelView | null> {
    const guild = this.client.guilds.cache.get(guildId);
    const me = guild?.members.me;
    if (!guild || !me) return null;
    await this.ensureBotRoles(guild);
    const channel = await this.channelOf(guild, channelId);
    if (!channel) return null;
    const perms = channel.permissionsFor(me);
    return {
      id: channel.id,
      name: channel.name,
      postable: channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement,
      missing: NOTICE_CHANNEL_PERMISSIONS.filter(([, bit]) => !perms.has(bit, true)).map(([name]) => name),
      canMentionEveryone: perms.has(PermissionFlagsBits.MentionEveryone, true),
    };
  }

  async canCreateEvents(guildId: string): Promise<boolean | null> {
    const guild = this.client.guilds.cache.get(guildId);
    const me = guild?.members.me;
    if (!guild || !me) return null;
    await this.ensureBotRoles(guild);
    return EVENT_PERMISSION_BITS.some((bit) => me.permissions.has(bit, true));
  }

  async role(guildId: string, roleId: string): Promise<RoleView | null> {
    const guild = this.client.guilds.cache.get(guildId);
    if (!guild) return null;
    let role = guild.roles.cache.get(roleId);
    if (!role) {
      this.needs.keepRole(roleId);
      role = (await guild.roles.fetch(roleId).catch(() => null)) ?? undefined;
    }
    if (!role) return null;
    return {
      id: role.id,
      name: role.name,
      isEveryone: role.id === guildId,
      mentionable: role.mentionable,
      managed: role.managed,
    };
  }

  private async channelOf(guild: Guild, channelId: string): Promise<GuildBasedChannel | null> {
    const cached = guild.channels.cache.get(channelId);
    if (cached) return cached;
    this.needs.keepChannel(channelId);
    return guild.channels.fetch(channelId).catch(() => null);
  }

  /**
   * A role given to the bot after the server arrived was dropped on arrival (CacheNeeds has kept its id
   * since); fetch the roles once more so the bot's permissions count it.
   */
  private async ensureBotRoles(guild: Guild): Promise<void> {
    if (!this.needs.takeBotRolesChanged(guild.id)) return;
    const fetched = await guild.roles.fetch().catch(() => null);
    // Not fetched: ask again next time rather than decide on roles the cache may lack.
    if (!fetched) this.needs.markBotRolesChanged(guild.id);
  }
}
