import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { describe } from '../../src/i18n/command-text.js';
import { dayEvent } from './events.js';
import { configSubcommand } from './subcommand.js';
import { applyChange } from './write.js';

/**
 * `/config event` — turns one anniversary (the dataset's or one of the server's own dates) on or off, as one
 * atomic change to the server's list.
 */
export const eventSubcommand = configSubcommand({
  name: 'event',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'event',
      ...describe('config.event.event'),
      required: true,
      autocomplete: true,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'enabled',
      ...describe('config.event.enabled'),
      required: true,
    },
  ],
  input: z.object({ event: z.string(), enabled: z.boolean() }),
  async run({ event: value, enabled }, request) {
    const event = dayEvent(request.ctx, value);
    if (!event) {
      // One of this server's own dates, picked from autocomplete (its id) or typed by name.
      const typed = value.trim().toLowerCase();
      const own = (await request.ctx.services.settings.serverDates(request.guildId)).find(
        (d) => d.id === value || d.name.toLowerCase() === typed,
      );
      if (!own) return { kind: 'config-error', code: 'unknown-event', value };
      return applyChange(
        request,
        { kind: 'event', eventId: own.id, enabled },
        { what: 'date-event', name: own.name, enabled },
      );
    }
    return applyChange(
      request,
      { kind: 'event', eventId: event.id, enabled },
      { what: 'event', event, enabled },
    );
  },
});
