import { ApplicationCommandOptionType, InteractionContextType } from 'discord-api-types/v10';
import type { Command } from '../src/app/command.js';
import type { AppServices } from '../src/app/services.js';
import { upcomingReply } from '../src/domain/replies.js';
import { describe } from '../src/i18n/command-text.js';

export const UPCOMING_DEFAULT = 5;
export const UPCOMING_MAX = 25;

/** `/upcoming [count]` — the next anniversaries, at this server's posting time. */
export const upcomingCommand: Command<AppServices> = {
  definition: {
    name: 'upcoming',
    ...describe('upcoming'),
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    options: [
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'count',
        ...describe('upcoming.count'),
        min_value: 1,
        max_value: UPCOMING_MAX,
        required: false,
      },
    ],
  },
  visibility: 'public',
  async execute(invocation, ctx) {
    const raw = invocation.options.count ?? UPCOMING_DEFAULT;
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > UPCOMING_MAX) {
      return { reply: { kind: 'error', code: 'invalid-count', min: 1, max: UPCOMING_MAX }, ephemeral: true };
    }
    const schedule = await ctx.services.schedule(invocation.guildId);
    // Only this server's own dates, never another's (none in DMs).
    const own = invocation.guildId ? await ctx.services.settings.serverDates(invocation.guildId) : [];
    return {
      reply: upcomingReply(
        ctx.dataset,
        ctx.now(),
        schedule.timeZone,
        schedule.postTime,
        raw,
        own,
        schedule.disabledEvents,
      ),
      ephemeral: false,
    };
  },
};
