import { InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/app/command.js';
import type { AppServices } from '../src/app/services.js';
import { timelineReply } from '../src/domain/replies.js';
import { describe } from '../src/i18n/command-text.js';

/** `/timeline` — every entry in date order with its figure. */
export const timelineCommand: Command<AppServices> = {
  definition: {
    name: 'timeline',
    ...describe('timeline'),
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  visibility: 'public',
  async execute(invocation, ctx) {
    // In a server, its own dates too (apart from the dataset's, labelled as the server's); none in DMs.
    const own = invocation.guildId ? await ctx.services.settings.serverDates(invocation.guildId) : [];
    return { reply: timelineReply(ctx.dataset, own), ephemeral: false };
  },
};
