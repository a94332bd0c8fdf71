import { type APIApplicationCommandBasicOption, ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { describe } from '../../src/i18n/command-text.js';
import { configSubcommand } from './subcommand.js';
import { applyChange } from './write.js';

const enabledOption: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.Boolean,
  name: 'enabled',
  ...describe('config.events.enabled'),
  required: true,
};

/**
 * `/config events enabled:` — shows the coming anniversaries in Discord's Events tab (the events-tab job
 * makes and removes the events). Turning it on needs Create Events (or Manage Events); without it the
 * switch is refused and nothing changes.
 */
export const eventsTabSubcommand = configSubcommand({
  name: 'events',
  options: [enabledOption],
  input: z.object({ enabled: z.boolean() }),
  async run({ enabled }, request) {
    if (enabled && (await request.ctx.services.guilds.canCreateEvents(request.guildId)) !== true) {
      return { kind: 'config-error', code: 'events-permission' };
    }
    return applyChange(
      request,
      { kind: 'patch', patch: { eventsTab: enabled } },
      { what: 'events-tab', enabled },
    );
  },
});
