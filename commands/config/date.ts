import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
} from 'discord-api-types/v10';
import type { z } from 'zod';
import type { Choice } from '../../src/app/command.js';
import type { ConfigReply } from '../../src/app/config-replies.js';
import { describe } from '../../src/i18n/command-text.js';
import { dateAdd, dateEdit, dateList, dateRemove } from './date-handlers.js';
import { type ConfigContext, type ConfigRequest, type ConfigSubcommand, withInput } from './subcommand.js';

interface DateHandler<T> {
  name: 'add' | 'list' | 'edit' | 'remove';
  options: APIApplicationCommandBasicOption[];
  input: z.ZodType<T>;
  run(input: T, request: ConfigRequest): Promise<ConfigReply>;
}

// biome-ignore lint/suspicious/noExplicitAny: each handler's input type is checked where it is declared.
const handlers: ReadonlyArray<DateHandler<any>> = [dateAdd, dateList, dateEdit, dateRemove];

/**
 * `/config date add|list|edit|remove` — remembrance dates a server's admins add, each with its source.
 * One group: each handler's options pass the same validation step as every /config subcommand.
 */
export const dateSubcommand: ConfigSubcommand = {
  name: 'date',
  definition: {
    type: ApplicationCommandOptionType.SubcommandGroup,
    name: 'date',
    ...describe('config.date'),
    options: handlers.map(
      (h): APIApplicationCommandSubcommandOption => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: h.name,
        ...describe(`config.date.${h.name}`),
        options: h.options,
      }),
    ),
  },
  async run(request) {
    const name = request.invocation.subcommand?.split(' ')[1];
    const handler = handlers.find((h) => h.name === name);
    if (!handler) return { kind: 'config-error', code: 'invalid-options' };
    return withInput(handler.input, request, handler.run);
  },
};

/** Autocomplete for `entry`: this server's own dates (and only this server's), matching what is typed. */
export async function dateChoices(
  ctx: ConfigContext,
  guildId: string | null,
  typed: string,
): Promise<Choice[]> {
  if (!guildId) return [];
  const needle = typed.trim().toLowerCase();
  const dates = await ctx.services.settings.serverDates(guildId);
  return dates
    .filter((d) => needle === '' || d.name.toLowerCase().includes(needle))
    .slice(0, 25)
    .map((d) => ({
      name: `${d.name} (${d.date.year}-${String(d.date.month).padStart(2, '0')}-${String(d.date.day).padStart(2, '0')})`.slice(
        0,
        100,
      ),
      value: d.id,
    }));
}
