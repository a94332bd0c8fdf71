import { InteractionContextType, PermissionFlagsBits } from 'discord-api-types/v10';
import type { Command, CommandResult, Invocation } from '../../src/app/command.js';
import type { AppServices } from '../../src/app/services.js';
import { findTimeZones } from '../../src/domain/time-zones.js';
import { describe } from '../../src/i18n/command-text.js';
import { channelSubcommand } from './channel.js';
import { dateChoices, dateSubcommand } from './date.js';
import { eventSubcommand } from './event.js';
import { eventChoices } from './events.js';
import { eventsTabSubcommand } from './events-tab.js';
import { historyPage, historyPageOf, historySubcommand } from './history.js';
import { languageSubcommand } from './language.js';
import { pauseSubcommand } from './pause.js';
import { reminderSubcommand } from './reminder.js';
import { resumeSubcommand } from './resume.js';
import { roleSubcommand } from './role.js';
import { showSubcommand } from './show.js';
import type { ConfigRequest, ConfigSubcommand } from './subcommand.js';
import { testSubcommand } from './test.js';
import { timeSubcommand } from './time.js';
import { timezoneSubcommand } from './timezone.js';

/** Every /config subcommand, in the order Discord lists them. */
const subcommands: readonly ConfigSubcommand[] = [
  showSubcommand,
  channelSubcommand,
  timezoneSubcommand,
  timeSubcommand,
  roleSubcommand,
  reminderSubcommand,
  eventSubcommand,
  languageSubcommand,
  pauseSubcommand,
  resumeSubcommand,
  testSubcommand,
  historySubcommand,
  dateSubcommand,
  eventsTabSubcommand,
];

const ADMIN = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator;

/**
 * The checks every /config interaction passes first: in a server, by a member who may manage it.
 * Discord hides the command from others, but server owners can change that, so it is checked again here.
 */
export function configRequest(
  invocation: Invocation,
  ctx: ConfigRequest['ctx'],
): ConfigRequest | CommandResult {
  if (!invocation.guildId) return { reply: { kind: 'error', code: 'guild-only' }, ephemeral: true };
  if (((invocation.memberPermissions ?? 0n) & ADMIN) === 0n) {
    return { reply: { kind: 'error', code: 'missing-manage-guild' }, ephemeral: true };
  }
  return {
    guildId: invocation.guildId,
    actor: { userId: invocation.userId, userName: invocation.userName },
    invocation,
    ctx,
  };
}

/** `/config` — server admins choose where, when and in which language notices are posted. */
export const configCommand: Command<AppServices> = {
  definition: {
    name: 'config',
    ...describe('config'),
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
    options: subcommands.map((s) => s.definition),
  },
  visibility: 'ephemeral',
  async execute(invocation, ctx) {
    const request = configRequest(invocation, ctx);
    if ('reply' in request) return request;
    const subcommand = subcommands.find((s) => s.name === invocation.subcommand?.split(' ')[0]);
    if (!subcommand) throw new Error(`unknown /config subcommand ${invocation.subcommand}`);
    return { reply: await subcommand.run(request), ephemeral: true };
  },
  async component({ invocation, customId }, ctx) {
    // A press is a new request: the presser's permissions now, not the invoker's, decide.
    const request = configRequest(invocation, ctx);
    if ('reply' in request) return { reply: request.reply, replace: false };
    const page = historyPageOf(customId);
    if (page === null) throw new Error(`unknown /config button ${customId}`);
    return { reply: await historyPage(request, page), replace: true };
  },
  async autocomplete({ focused, invocation }, ctx) {
    if (focused.name === 'zone') {
      return findTimeZones(focused.value, 25).map((z) => ({ name: z.label, value: z.zone }));
    }
    if (focused.name === 'entry') return dateChoices(ctx, invocation.guildId, focused.value);
    const dataset = eventChoices(ctx, focused.value, invocation);
    // `/config event` can turn the server's own dates off too, and `/config test` preview them; they come first,
    // marked as the server's.
    if (invocation.subcommand !== 'event' && invocation.subcommand !== 'test') return dataset;
    return [...(await dateChoices(ctx, invocation.guildId, focused.value)), ...dataset].slice(0, 25);
  },
};
