import { InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/app/command.js';
import { calendarReply } from '../src/domain/calendar.js';
import { describe } from '../src/i18n/command-text.js';

/**
 * `/calendar` — every anniversary as a yearly all-day event in an .ics file. The reply is public: the file holds
 * only the dataset's dates and sources (nothing about the member or the server), and others in the channel can
 * import it too, as with /timeline.
 */
export const calendarCommand: Command = {
  definition: {
    name: 'calendar',
    ...describe('calendar'),
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  visibility: 'public',
  async execute(_invocation, ctx) {
    return { reply: calendarReply(ctx.dataset, ctx.now()), ephemeral: false };
  },
};
