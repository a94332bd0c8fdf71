import { InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/app/command.js';
import { khojalyReply } from '../src/domain/replies.js';
import { describe } from '../src/i18n/command-text.js';

/** `/khojaly` — the Khojaly genocide, as the Ministry's statement names it, with its figures. */
export const khojalyCommand: Command = {
  definition: {
    name: 'khojaly',
    ...describe('khojaly'),
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  visibility: 'public',
  async execute(_invocation, ctx) {
    return { reply: khojalyReply(ctx.dataset, ctx.now()), ephemeral: false };
  },
};
