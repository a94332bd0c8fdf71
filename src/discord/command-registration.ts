import { type REST, Routes } from 'discord.js';
import type { Logger } from 'pino';
import type { CommandDefinition } from '../app/command.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const OPTION_DEFAULTS: Record<string, Json> = { required: false, autocomplete: false };
/** Fields Discord adds or fills itself; comparing them would make every start look like a change. */
const IGNORED = new Set([
  'id',
  'application_id',
  'guild_id',
  'version',
  'name_localized',
  'description_localized',
]);
const EMPTY_AS_NULL = new Set([
  'name_localizations',
  'description_localizations',
  'options',
  'choices',
  'channel_types',
]);

/** A command as a canonical value: keys sorted, Discord's defaults and server-side fields removed. */
export function canonicalCommand(value: unknown, depth = 0): Json {
  if (Array.isArray(value)) return value.map((v) => canonicalCommand(v, depth + 1));
  if (value === null || typeof value !== 'object') return (value ?? null) as Json;
  const out: Record<string, Json> = {};
  for (const key of Object.keys(value).sort()) {
    if (IGNORED.has(key)) continue;
    let v = canonicalCommand((value as Record<string, unknown>)[key], depth + 1);
    if (
      EMPTY_AS_NULL.has(key) &&
      (v === null ||
        (Array.isArray(v) && v.length === 0) ||
        (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0))
    )
      v = null;
    if (v === null) continue;
    if (depth === 0 && key === 'type' && v === 1) continue;
    if (depth === 0 && (key === 'nsfw' || key === 'dm_permission') && v === (key === 'dm_permission'))
      continue;
    if (depth > 0 && key in OPTION_DEFAULTS && OPTION_DEFAULTS[key] === v) continue;
    if (key === 'integration_types' && JSON.stringify(v) === '[0]') continue;
    out[key] = v;
  }
  return out;
}

/** Whether Discord's commands equal ours, whatever the order. */
export function sameCommands(remote: readonly unknown[], local: readonly CommandDefinition[]): boolean {
  const key = (list: readonly unknown[]) =>
    JSON.stringify(
      list.map((c) => canonicalCommand(c)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  return key(remote) === key(local);
}

export interface SyncResult {
  scope: 'global' | 'guild';
  changed: boolean;
  count: number;
}

/**
 * Registers the commands by bulk overwrite — globally, or in one development server — after
 * comparing with what Discord already has, so an unchanged restart sends nothing but one GET.
 */
export async function syncCommands(options: {
  rest: REST;
  applicationId: string;
  definitions: readonly CommandDefinition[];
  devGuildId?: string | undefined;
  logger: Logger;
}): Promise<SyncResult> {
  const { rest, applicationId, definitions, devGuildId, logger } = options;
  const route = devGuildId
    ? Routes.applicationGuildCommands(applicationId, devGuildId)
    : Routes.applicationCommands(applicationId);
  const scope = devGuildId ? 'guild' : 'global';
  const remote = (await rest.get(route)) as unknown[];
  if (sameCommands(remote, definitions)) {
    logger.info({ scope, count: definitions.length }, 'commands already registered; nothing to change');
    return { scope, changed: false, count: definitions.length };
  }
  await rest.put(route, { body: definitions });
  logger.info({ scope, count: definitions.length }, 'commands registered');
  return { scope, changed: true, count: definitions.length };
}
