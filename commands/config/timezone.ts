import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { isValidTimeZone } from '../../src/domain/anniversary.js';
import { findTimeZones } from '../../src/domain/time-zones.js';
import { describe } from '../../src/i18n/command-text.js';
import { configSubcommand } from './subcommand.js';
import { applyChange } from './write.js';

/** `/config timezone` — an IANA zone, or a city name that names exactly one. */
export const timezoneSubcommand = configSubcommand({
  name: 'timezone',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'zone',
      ...describe('config.timezone.zone'),
      required: true,
      autocomplete: true,
      max_length: 64,
    },
  ],
  input: z.object({ zone: z.string().trim() }),
  async run({ zone: value }, request) {
    const zone = isValidTimeZone(value) ? value : findTimeZones(value, 1).find((z) => z.exact)?.zone;
    if (!zone) return { kind: 'config-error', code: 'invalid-zone', value };
    return applyChange(request, { kind: 'patch', patch: { timeZone: zone } }, { what: 'timezone', zone });
  },
});
