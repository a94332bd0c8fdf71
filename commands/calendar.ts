import { InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/app/command.js';
import type { AppServices } from '../src/app/services.js';
import { calendarReply } from '../src/domain/calendar.js';
import { describe } from '../src/i18n/command-text.js';

/**
 * `/calendar` — every anniversary as a yearly all-day event in an .ics file: in a server, the days that server
 * remembers (its own dates too, labelled as added by its admins; not what it turned off); in DMs, the dataset's.
 * The reply is public: the file holds nothing about the member, and a server's own dates are already public in
 * that server (/upcoming, /timeline, its notices); others in the channel can import it too, as with /timeline.
 */
export const calendarCommand: Command<AppServices> = {
  definition: {
    name: 'calendar',
    ...describe('calendar'),
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  visibility: 'public',
  async execute(invocation, ctx) {
    const { guildId } = invocation;
    // Only this server's own dates and switches, never another's (none in DMs).
    const server = guildId
      ? await Promise.all([
          ctx.services.settings.serverDates(guildId),
          ctx.services.settings.get(guildId),
        ]).then(([serverDates, settings]) => ({
          guildId,
          serverDates,
          disabledEvents: settings.disabledEvents,
        }))
      : null;
    return { reply: calendarReply(ctx.dataset, ctx.now(), server), ephemeral: false };
  },
};
