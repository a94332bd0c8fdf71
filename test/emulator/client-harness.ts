import { once } from 'node:events';
import { Client, type ClientOptions, Events, GatewayIntentBits } from 'discord.js';
import type { Emulator, GuildFixture } from './types.js';

/** Test helpers: a discord.js client logged in to an emulator, and small fixtures with real snowflakes. */

export async function loginClient(
  emulator: Emulator,
  options: Partial<ClientOptions> = {},
): Promise<Client<true>> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...options,
    rest: { api: emulator.apiUrl, ...options.rest },
  });
  const ready = once(client, Events.ClientReady);
  await client.login(emulator.token);
  await ready;
  return client as Client<true>;
}

const VIEW_SEND_EMBED = (1024n | 2048n | 16384n).toString();

/** A guild with a text channel, a voice channel and a category; the bot may view, send and embed. */
export function sampleGuild(guildId: string, prefix = guildId.slice(0, 15)): GuildFixture {
  return {
    id: guildId,
    name: `Guild ${guildId.slice(-4)}`,
    channels: [
      { id: `${prefix}1001`, name: 'general', type: 0 },
      { id: `${prefix}1002`, name: 'news', type: 5 },
      { id: `${prefix}1003`, name: 'voice', type: 2 },
      { id: `${prefix}1004`, name: 'category', type: 4 },
    ],
    roles: [
      { id: guildId, name: '@everyone', permissions: VIEW_SEND_EMBED },
      { id: `${prefix}2001`, name: 'Moderators', permissions: '8', mentionable: true },
    ],
  };
}
