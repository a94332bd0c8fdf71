import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { MAX_REMINDER_DAYS } from '../../src/domain/reminder.js';
import { describe } from '../../src/i18n/command-text.js';
import { configSubcommand } from './subcommand.js';
import { applyChange } from './write.js';

/**
 * `/config reminder days:` — a reminder that many days before each anniversary, at the posting time in the
 * notice channel; 0 turns reminders off. Discord refuses values outside 0–30 itself (min_value/max_value);
 * the input step refuses them again for a stale registration.
 */
export const reminderSubcommand = configSubcommand({
  name: 'reminder',
  options: [
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'days',
      ...describe('config.reminder.days'),
      required: true,
      min_value: 0,
      max_value: MAX_REMINDER_DAYS,
    },
  ],
  input: z.object({ days: z.number().int().min(0).max(MAX_REMINDER_DAYS) }),
  async run({ days }, request) {
    if (days > 0) {
      // A reminder needs somewhere to go: refused, not stored for a channel that may never come.
      const current = await request.ctx.services.settings.get(request.guildId);
      if (!current.channelId) return { kind: 'config-error', code: 'no-channel' };
    }
    return applyChange(request, { kind: 'patch', patch: { reminderDays: days } }, { what: 'reminder', days });
  },
});
