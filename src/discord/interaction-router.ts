import {
  type AutocompleteInteraction,
  type ButtonInteraction,
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
import type { InteractionObserver } from './interaction-observer.js';
import { renderReply } from './render/index.js';
import type { MessagePayload } from './render/payload.js';

export interface RouterDeps<Services> {
  commands: readonly Command<Services>[];
  context: CommandContext<Services>;
  /** The server's language, for members whose client language the bot does not speak. */
  serverLanguage(guildId: string | null): Promise<Language>;
  logger: Logger;
  /** After this long without a result the reply is deferred, well inside Discord's 3 s; 0 defers at once. */
  deferAfterMs?: number;
  observer?: InteractionObserver;
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
    // Only when there are files: an empty list would still send `attachments: []`.
    ...(payload.files?.length
      ? {
          files: payload.files.map((f) => ({
            attachment: f.data,
            name: f.name,
            ...(f.description ? { description: f.description } : {}),
          })),
        }
      : {}),
    allowedMentions: {
      parse: payload.allowed_mentions.parse ?? [],
      roles: payload.allowed_mentions.roles ?? [],
      users: payload.allowed_mentions.users ?? [],
    },
    ...(payload.components ? { components: payload.components } : {}),
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
    interaction: ChatInputCommandInteraction | AutocompleteInteraction | ButtonInteraction,
  ): Promise<Invocation> {
    const { subcommand, values } = interaction.isButton()
      ? { subcommand: null, values: {} }
      : flattenOptions(interaction.options.data);
    const serverLanguage = await deps.serverLanguage(interaction.guildId);
    return {
      interactionId: interaction.id,
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      userId: interaction.user.id,
      userName: interaction.user.username,
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
    const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
    if (interaction.deferred) {
      // A deferred reply keeps the visibility it was deferred with. An answer that must be shown otherwise
      // (a refusal after a public deferral) replaces it: the placeholder goes, a follow-up carries the answer.
      if (interaction.ephemeral === ephemeral) await interaction.editReply(message);
      else {
        await interaction.deleteReply();
        await interaction.followUp({ ...message, flags });
      }
    } else if (interaction.replied) await interaction.followUp({ ...message, flags });
    else await interaction.reply({ ...message, flags });
  }

  async function onCommand(interaction: ChatInputCommandInteraction, log: Logger): Promise<string> {
    const command = byName.get(interaction.commandName);
    const invocation = await invocationOf(interaction);
    if (!command) {
      await send(
        interaction,
        { kind: 'error', code: 'unknown-command', name: interaction.commandName },
        true,
        invocation.language,
      );
      return 'error';
    }
    // A slow handler (a database under load, a preview post waiting on Discord) must not lose the interaction.
    let deferral: Promise<unknown> | null = null;
    const defer = () => {
      deferral = interaction
        .deferReply(command.visibility === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {})
        .catch((err: unknown) => log.warn({ err }, 'defer failed'));
    };
    // 0 defers before the handler runs (tests use it to see deferred answers without a slow handler).
    let timer: NodeJS.Timeout | undefined;
    if (deferAfterMs === 0) defer();
    else timer = setTimeout(defer, deferAfterMs);
    try {
      const result = await command.execute(invocation, deps.context);
      clearTimeout(timer);
      if (deferral) await deferral;
      await send(interaction, result.reply, result.ephemeral, invocation.language);
      log.info({ outcome: result.reply.kind }, 'command answered');
      return result.reply.kind;
    } finally {
      clearTimeout(timer);
    }
  }

  /** An answer to a button press only the presser sees, leaving the message with the button as it is. */
  async function answerPresser(interaction: ButtonInteraction, reply: Reply, language: Language) {
    const answer = {
      ...toDiscordMessage(renderReply(reply, language)),
      flags: MessageFlags.Ephemeral,
    } as const;
    if (interaction.deferred || interaction.replied) await interaction.followUp(answer);
    else await interaction.reply(answer);
  }

  /** A button: routed to the command its custom id names ("config:history:2" → /config). */
  async function onButton(interaction: ButtonInteraction, log: Logger): Promise<void> {
    const command = byName.get(interaction.customId.split(':')[0] ?? '');
    const invocation = await invocationOf(interaction);
    if (!command?.component) {
      const name = interaction.customId.split(':')[0] ?? '';
      await answerPresser(interaction, { kind: 'error', code: 'unknown-command', name }, invocation.language);
      return;
    }
    let deferral: Promise<unknown> | null = null;
    const timer = setTimeout(() => {
      deferral = interaction.deferUpdate().catch((err: unknown) => log.warn({ err }, 'defer failed'));
    }, deferAfterMs);
    try {
      const result = await command.component({ invocation, customId: interaction.customId }, deps.context);
      clearTimeout(timer);
      if (deferral) await deferral;
      if (!result.replace) await answerPresser(interaction, result.reply, invocation.language);
      else {
        const message = toDiscordMessage(renderReply(result.reply, invocation.language));
        if (interaction.deferred) await interaction.editReply(message);
        else await interaction.update(message);
      }
      log.info({ outcome: result.reply.kind }, 'button answered');
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
    if (!interaction.isChatInputCommand() && !interaction.isAutocomplete() && !interaction.isButton()) return;
    const log = deps.logger.child({
      interactionId: interaction.id,
      command: interaction.isButton() ? interaction.customId : interaction.commandName,
      guildId: interaction.guildId,
      kind: interaction.isAutocomplete() ? 'autocomplete' : interaction.isButton() ? 'button' : 'command',
    });
    const started = performance.now();
    let outcome = 'autocomplete';
    try {
      if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isButton()) {
        await onButton(interaction, log);
        outcome = 'button';
      } else outcome = await onCommand(interaction, log);
    } catch (err) {
      outcome = 'failed';
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
      const language = replyLanguage(interaction.locale, 'en');
      await (interaction.isButton()
        ? answerPresser(interaction, reply, language)
        : send(interaction, reply, true, language)
      ).catch((sendErr: unknown) =>
        log.error({ err: sendErr }, 'could not tell the member about the failure'),
      );
    } finally {
      const name = interaction.isButton()
        ? (interaction.customId.split(':')[0] ?? '')
        : interaction.commandName;
      deps.observer?.interaction({
        command: byName.has(name) ? name : 'unknown',
        kind: interaction.isAutocomplete() ? 'autocomplete' : interaction.isButton() ? 'button' : 'command',
        outcome,
        durationMs: performance.now() - started,
      });
    }
  };
}
