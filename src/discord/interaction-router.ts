import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Command, CommandContext, Invocation, OptionValue } from '../app/command.js';
import type { Reply } from '../app/reply.js';
import type { Language } from '../domain/dataset.js';
import { replyLanguage } from '../i18n/index.js';
import { isStoreUnavailable } from '../store/store-error.js';
import { renderReply } from './render/index.js';
import type { MessagePayload } from './render/payload.js';

export interface RouterDeps<Services> {
  commands: readonly Command<Services>[];
  context: CommandContext<Services>;
  /** The server's language, for members whose client language the bot does not speak. */
  serverLanguage(guildId: string | null): Promise<Language>;
  logger: Logger;
  /** After this long without a result the reply is deferred, well inside Discord's 3 s. */
  deferAfterMs?: number;
}

function flattenOptions(options: readonly CommandInteractionOption[]): {
  subcommand: string | null;
  values: Record<string, OptionValue>;
} {
  let subcommand: string | null = null;
  const values: Record<string, OptionValue> = {};
  const visit = (list: readonly CommandInteractionOption[]) => {
    for (const option of list) {
      if (option.options) {
        subcommand = subcommand ? `${subcommand} ${option.name}` : option.name;
        visit(option.options);
      } else if (option.value !== undefined && option.value !== null) {
        values[option.name] = option.value;
      }
    }
  };
  visit(options);
  return { subcommand, values };
}

/** Converts a rendered payload into discord.js's options (allowedMentions is camel-cased there). */
export function toDiscordMessage(payload: MessagePayload) {
  return {
    content: payload.content ?? '',
    embeds: payload.embeds,
    allowedMentions: {
      parse: payload.allowed_mentions.parse ?? [],
      roles: payload.allowed_mentions.roles ?? [],
      users: payload.allowed_mentions.users ?? [],
    },
  };
}

/**
 * Routes interactions to the command list: one error boundary for all of them.
 * An unexpected error is logged with the interaction id, and the member sees that id.
 */
export function createInteractionRouter<Services>(deps: RouterDeps<Services>) {
  const byName = new Map(deps.commands.map((c) => [c.definition.name, c]));
  const deferAfterMs = deps.deferAfterMs ?? 1_500;

  async function invocationOf(
    interaction: ChatInputCommandInteraction | AutocompleteInteraction,
  ): Promise<Invocation> {
    const { subcommand, values } = flattenOptions(interaction.options.data);
    const serverLanguage = await deps.serverLanguage(interaction.guildId);
    return {
      interactionId: interaction.id,
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      userId: interaction.user.id,
      memberPermissions: interaction.inGuild() ? (interaction.memberPermissions?.bitfield ?? 0n) : null,
      subcommand,
      options: values,
      language: replyLanguage(interaction.locale, serverLanguage),
    };
  }

  async function send(
    interaction: ChatInputCommandInteraction,
    reply: Reply,
    ephemeral: boolean,
    language: Language,
  ): Promise<void> {
    const message = toDiscordMessage(renderReply(reply, language));
    if (interaction.deferred) await interaction.editReply(message);
    else if (interaction.replied)
      await interaction.followUp({ ...message, flags: ephemeral ? MessageFlags.Ephemeral : undefined });
    else await interaction.reply({ ...message, flags: ephemeral ? MessageFlags.Ephemeral : undefined });
  }

  async function onCommand(interaction: ChatInputCommandInteraction, log: Logger): Promise<void> {
    const command = byName.get(interaction.commandName);
    const invocation = await invocationOf(interaction);
    if (!command) {
      await send(
        interaction,
        { kind: 'error', code: 'unknown-command', name: interaction.commandName },
        true,
        invocation.language,
      );
      return;
    }
    // A slow handler (a database under load, a preview post waiting on Discord) must not lose the interaction.
    let deferral: Promise<unknown> | null = null;
    const timer = setTimeout(() => {
      deferral = interaction
        .deferReply({ flags: MessageFlags.Ephemeral })
        .catch((err: unknown) => log.warn({ err }, 'defer failed'));
    }, deferAfterMs);
    try {
      const result = await command.execute(invocation, deps.context);
      clearTimeout(timer);
      if (deferral) await deferral;
      await send(interaction, result.reply, result.ephemeral, invocation.language);
      log.info({ outcome: result.reply.kind }, 'command answered');
    } finally {
      clearTimeout(timer);
    }
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = byName.get(interaction.commandName);
    if (!command?.autocomplete) {
      await interaction.respond([]);
      return;
    }
    const focused = interaction.options.getFocused(true);
    const invocation = await invocationOf(interaction);
    const choices = await command.autocomplete(
      { invocation, focused: { name: focused.name, value: String(focused.value) } },
      deps.context,
    );
    await interaction.respond(
      choices
        .slice(0, 25)
        .map((c) => ({ name: c.name.slice(0, 100) || c.value, value: c.value.slice(0, 100) })),
    );
  }

  return async function route(interaction: Interaction): Promise<void> {
    if (!interaction.isChatInputCommand() && !interaction.isAutocomplete()) return;
    const log = deps.logger.child({
      interactionId: interaction.id,
      command: interaction.commandName,
      guildId: interaction.guildId,
      kind: interaction.isAutocomplete() ? 'autocomplete' : 'command',
    });
    try {
      if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else await onCommand(interaction, log);
    } catch (err) {
      // A database that is briefly unreachable is an outage to report, not a bug with an id to quote.
      const unavailable = isStoreUnavailable(err);
      if (unavailable) log.warn({ reason: err.message }, 'interaction failed: database unavailable');
      else log.error({ err }, 'interaction failed');
      if (interaction.isAutocomplete()) {
        if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
        return;
      }
      const reply: Reply = unavailable
        ? { kind: 'error', code: 'store-unavailable' }
        : { kind: 'error', code: 'internal', interactionId: interaction.id };
      await send(interaction, reply, true, replyLanguage(interaction.locale, 'en')).catch(
        (sendErr: unknown) => log.error({ err: sendErr }, 'could not tell the member about the failure'),
      );
    }
  };
}
