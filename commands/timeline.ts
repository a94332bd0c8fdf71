import { InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/app/command.js';
import { timelineReply } from '../src/domain/replies.js';
import { describe } from '../src/i18n/command-text.js';

/** `/timeline` — every entry in date order with its figure. */
export const timelineCommand: Command = {
  definition: {
    name: 'timeline',
    ...describe('timeline'),
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  visibility: 'public',
  async execute(_invocation, ctx) {
    return { reply: timelineReply(ctx.dataset), ephemeral: false };
  },
};
