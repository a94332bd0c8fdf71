import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Dataset, Language } from '../domain/dataset.js';
import type { NameIndex } from '../domain/name-lookup.js';
import type { Reply } from './reply.js';

/** The definition Discord registers: plain JSON, so registration can compare it with what Discord has. */
export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** An option value as the router extracts it from an interaction (channel and role options are ids). */
export type OptionValue = string | number | boolean;

/** Who invoked a command and where, in plain values. */
export interface Invocation {
  interactionId: string;
  guildId: string | null;
  channelId: string | null;
  userId: string;
  /** The user's name at the time of the interaction (names change; the audit keeps this one). */
  userName: string;
  /** The member's permission bits in this channel, or null outside a server. */
  memberPermissions: bigint | null;
  subcommand: string | null;
  options: Readonly<Record<string, OptionValue>>;
  /** The language replies are written in. */
  language: Language;
}

/** The autocomplete request: which option is being typed and what has been typed. */
export interface AutocompleteRequest {
  invocation: Invocation;
  focused: { name: string; value: string };
}

export interface Choice {
  name: string;
  value: string;
}

/** What a command answers: a reply to render, and whether only the invoker sees it. */
export interface CommandResult {
  reply: Reply;
  ephemeral: boolean;
}

/** A press on a button the command put on one of its messages (its custom id starts with the command's name). */
export interface ComponentRequest {
  invocation: Invocation;
  customId: string;
}

/** What a button press answers: a new message state, or a separate answer only the presser sees. */
export interface ComponentResult {
  reply: Reply;
  /** true: replaces the message the button is on; false: answers with a new ephemeral message. */
  replace: boolean;
}

/** What every command can read. Ports are interfaces the composition root fills. */
export interface CommandContext<Services = unknown> {
  dataset: Dataset;
  names: NameIndex;
  /** The current instant from the injected clock, epoch ms. */
  now(): number;
  services: Services;
}

/**
 * Who sees a command's answer. Declared up front so that a slow answer, deferred before it exists, is
 * deferred with the visibility it will have (a deferred reply cannot change it later).
 */
export type Visibility = 'public' | 'ephemeral';

/** One slash command: its definition and its handlers, nothing else. */
export interface Command<Services = unknown> {
  definition: CommandDefinition;
  /** How its answers are normally shown; a refusal (a typed error) may still be ephemeral. */
  visibility: Visibility;
  execute(invocation: Invocation, ctx: CommandContext<Services>): Promise<CommandResult>;
  autocomplete?(request: AutocompleteRequest, ctx: CommandContext<Services>): Promise<Choice[]>;
  /** Handles its buttons; every press is checked again as a new request (the presser may not be the invoker). */
  component?(request: ComponentRequest, ctx: CommandContext<Services>): Promise<ComponentResult>;
}
