import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
} from 'discord-api-types/v10';
import type { z } from 'zod';
import type { CommandContext, Invocation } from '../../src/app/command.js';
import type { ConfigReply } from '../../src/app/config-replies.js';
import type { AppServices, ConfigActor } from '../../src/app/services.js';
import { describe } from '../../src/i18n/command-text.js';

export type ConfigContext = CommandContext<AppServices>;

export type ConfigSubcommandName =
  | 'show'
  | 'channel'
  | 'timezone'
  | 'time'
  | 'role'
  | 'event'
  | 'language'
  | 'pause'
  | 'resume'
  | 'test'
  | 'history'
  | 'events'
  | 'reminder';

/** A /config request that passed the shared checks: made in a server, by a member who may change it. */
export interface ConfigRequest {
  guildId: string;
  actor: ConfigActor;
  invocation: Invocation;
  ctx: ConfigContext;
}

/**
 * One subcommand of /config — or one group of them (`date add|list|edit|remove`), which then dispatches on
 * the rest of the invocation's subcommand path: its definition and its handler.
 */
export interface ConfigSubcommand {
  /** The first word of the invocation's subcommand path ("date" for "date add"). */
  name: string;
  definition: APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption;
  run(request: ConfigRequest): Promise<ConfigReply>;
}

/**
 * Builds a subcommand whose options pass one validation step before its handler sees them. Discord
 * enforces the declared types and required options, so a mismatch means a stale registration or a forged
 * payload: it is refused, and nothing is changed.
 */
export function configSubcommand<T>(spec: {
  name: ConfigSubcommandName;
  options?: APIApplicationCommandBasicOption[];
  input: z.ZodType<T>;
  run(input: T, request: ConfigRequest): Promise<ConfigReply>;
}): ConfigSubcommand {
  return {
    name: spec.name,
    definition: {
      type: ApplicationCommandOptionType.Subcommand,
      name: spec.name,
      ...describe(`config.${spec.name}`),
      options: spec.options ?? [],
    },
    run: (request) => withInput(spec.input, request, spec.run),
  };
}

/** The one validation step every /config handler's options pass (subcommands and grouped ones alike). */
export async function withInput<T>(
  input: z.ZodType<T>,
  request: ConfigRequest,
  run: (input: T, request: ConfigRequest) => Promise<ConfigReply>,
): Promise<ConfigReply> {
  const parsed = input.safeParse(request.invocation.options);
  if (!parsed.success) return { kind: 'config-error', code: 'invalid-options' };
  return run(parsed.data, request);
}
