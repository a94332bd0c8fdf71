import { ChannelType, type Client, PermissionFlagsBits } from 'discord.js';
import type { ChannelPermission } from '../app/config-replies.js';
import type { ChannelView, GuildDirectory, RoleView } from '../app/services.js';

const NEEDED: Array<[ChannelPermission, bigint]> = [
  ['ViewChannel', PermissionFlagsBits.ViewChannel],
  ['SendMessages', PermissionFlagsBits.SendMessages],
  ['EmbedLinks', PermissionFlagsBits.EmbedLinks],
];

/** What the bot may do in channels and with roles, read from discord.js's cache (no REST calls). */
export class CachedGuildDirectory implements GuildDirectory {
  constructor(private readonly client: Client) {}

  channel(guildId: string, channelId: string): ChannelView | null {
    const guild = this.client.guilds.cache.get(guildId);
    const channel = guild?.channels.cache.get(channelId);
    const me = guild?.members.me;
    if (!guild || !channel || !me) return null;
    const perms = channel.permissionsFor(me);
    return {
      id: channel.id,
      name: channel.name,
      postable: channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement,
      missing: NEEDED.filter(([, bit]) => !perms.has(bit, true)).map(([name]) => name),
      canMentionEveryone: perms.has(PermissionFlagsBits.MentionEveryone, true),
    };
  }

  role(guildId: string, roleId: string): RoleView | null {
    const role = this.client.guilds.cache.get(guildId)?.roles.cache.get(roleId);
    if (!role) return null;
    return {
      id: role.id,
      name: role.name,
      isEveryone: role.id === guildId,
      mentionable: role.mentionable,
      managed: role.managed,
    };
  }
}
