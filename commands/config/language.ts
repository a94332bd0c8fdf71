import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { LANGUAGES } from '../../src/domain/dataset.js';
import { describe } from '../../src/i18n/command-text.js';
import { LANGUAGE_NAMES } from '../../src/i18n/language-names.js';
import { configSubcommand } from './subcommand.js';
import { applyChange } from './write.js';

/** `/config language` — the language of this server's notices. */
export const languageSubcommand = configSubcommand({
  name: 'language',
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'language',
      ...describe('config.language.language'),
      required: true,
      choices: LANGUAGES.map((l) => ({ name: LANGUAGE_NAMES[l], value: l })),
    },
  ],
  input: z.object({ language: z.string() }),
  async run({ language: value }, request) {
    const language = LANGUAGES.find((l) => l === value);
    if (!language) return { kind: 'config-error', code: 'invalid-language', value };
    return applyChange(request, { kind: 'patch', patch: { language } }, { what: 'language' });
  },
});
