import { InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/app/command.js';
import { sourcesReply } from '../src/domain/replies.js';
import { describe } from '../src/i18n/command-text.js';

/** `/sources` — each source, what it supports, and its link. */
export const sourcesCommand: Command = {
  definition: {
    name: 'sources',
    ...describe('sources'),
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  visibility: 'public',
  async execute(_invocation, ctx) {
    return { reply: sourcesReply(ctx.dataset), ephemeral: false };
  },
};
