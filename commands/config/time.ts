import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { formatLocalTime, parseLocalTime } from '../../src/domain/anniversary.js';
import { describe } from '../../src/i18n/command-text.js';
import { configSubcommand } from './subcommand.js';
import { applyChange } from './write.js';

/** `/config time` — the local time notices are posted at. */
export const timeSubcommand = configSubcommand({
  name: 'time',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'at',
      ...describe('config.time.at'),
      required: true,
      max_length: 5,
    },
  ],
  input: z.object({ at: z.string() }),
  async run({ at: value }, request) {
    const time = parseLocalTime(value);
    if (!time) return { kind: 'config-error', code: 'invalid-time', value };
    const postTime = formatLocalTime(time);
    return applyChange(request, { kind: 'patch', patch: { postTime } }, { what: 'time', time: postTime });
  },
});
