import { ApplicationCommandOptionType, ChannelType } from 'discord-api-types/v10';
import { z } from 'zod';
import { describe } from '../../src/i18n/command-text.js';
import { configSubcommand } from './subcommand.js';
import { applyChange } from './write.js';

/** `/config channel` — where notices go; only a channel the bot can post in is accepted. */
export const channelSubcommand = configSubcommand({
  name: 'channel',
  options: [
    {
      type: ApplicationCommandOptionType.Channel,
      name: 'channel',
      ...describe('config.channel.channel'),
      required: true,
      channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
    },
  ],
  input: z.object({ channel: z.string() }),
  async run({ channel: channelId }, request) {
    const { ctx, guildId } = request;
    const channel = await ctx.services.guilds.channel(guildId, channelId);
    if (!channel) return { kind: 'config-error', code: 'channel-unknown', channelId };
    if (!channel.postable) return { kind: 'config-error', code: 'channel-type', channelId };
    if (channel.missing.length > 0) {
      return { kind: 'config-error', code: 'channel-permissions', channelId, permissions: channel.missing };
    }
    const current = await ctx.services.settings.get(guildId);
    // A channel the bot can post in again clears a pause Discord caused; an admin's own pause stays.
    const unpause = current.paused && current.pauseReason !== 'admin' ? { paused: false } : {};
    return applyChange(
      request,
      { kind: 'patch', patch: { channelId, ...unpause } },
      { what: 'channel', channelId },
    );
  },
});
