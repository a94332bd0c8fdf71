import { type APIApplicationCommandBasicOption, ApplicationCommandOptionType } from 'discord-api-types/v10';
import { z } from 'zod';
import type { ConfigReply } from '../../src/app/config-replies.js';
import type { DateEdit } from '../../src/app/services.js';
import { localDate } from '../../src/domain/anniversary.js';
import { checkServerDate, checkText, SERVER_DATE_LIMITS, sourceLink } from '../../src/domain/server-date.js';
import { describe } from '../../src/i18n/command-text.js';
import { roleRefusal } from './role.js';
import type { ConfigRequest } from './subcommand.js';

const entry: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.String,
  name: 'entry',
  ...describe('config.date.entry'),
  required: true,
  autocomplete: true,
};

const source = (required: boolean): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'source',
  ...describe('config.date.add.source'),
  required,
  max_length: SERVER_DATE_LIMITS.source,
});

const text = (required: boolean): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'text',
  ...describe('config.date.add.text'),
  required,
  max_length: SERVER_DATE_LIMITS.text,
});

const role: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.Role,
  name: 'role',
  ...describe('config.date.add.role'),
  required: false,
};

/** Writes through the one write path and answers with what changed (or why nothing did). */
async function write(request: ConfigRequest, edit: DateEdit): Promise<ConfigReply> {
  const result = await request.ctx.services.settings.writeDate(request.guildId, edit, request.actor);
  if (!result.ok) return { kind: 'config-error', code: 'date-problem', problem: result.problem };
  const action = edit.kind === 'date-add' ? 'added' : edit.kind === 'date-edit' ? 'edited' : 'removed';
  return { kind: 'config-date', action, date: result.date };
}

export const dateAdd = {
  name: 'add' as const,
  options: <APIApplicationCommandBasicOption[]>[
    {
      type: ApplicationCommandOptionType.String,
      name: 'name',
      ...describe('config.date.add.name'),
      required: true,
      max_length: SERVER_DATE_LIMITS.name,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'date',
      ...describe('config.date.add.date'),
      required: true,
      max_length: 10,
    },
    source(true),
    text(true),
    role,
  ],
  input: z.object({
    name: z.string(),
    date: z.string(),
    source: z.string(),
    text: z.string(),
    role: z.string().optional(),
  }),
  async run(
    input: { name: string; date: string; source: string; text: string; role?: string | undefined },
    request: ConfigRequest,
  ): Promise<ConfigReply> {
    const { ctx, guildId } = request;
    // "Not in the future" is judged by the server's own calendar, from the injected clock.
    const { timeZone } = await ctx.services.schedule(guildId);
    const checked = checkServerDate(input, localDate(ctx.now(), timeZone));
    if (!checked.ok) return { kind: 'config-error', code: 'date-problem', problem: checked.problem };
    if (input.role !== undefined) {
      const refused = await roleRefusal(request, input.role);
      if (refused) return refused;
    }
    return write(request, { kind: 'date-add', value: { ...checked.value, roleId: input.role ?? null } });
  },
};

export const dateList = {
  name: 'list' as const,
  options: <APIApplicationCommandBasicOption[]>[],
  input: z.object({}),
  async run(_input: Record<string, never>, request: ConfigRequest): Promise<ConfigReply> {
    return { kind: 'config-dates', dates: await request.ctx.services.settings.serverDates(request.guildId) };
  },
};

const serverRole: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.Boolean,
  name: 'server-role',
  ...describe('config.date.edit.server-role'),
  required: false,
};

export const dateEdit = {
  name: 'edit' as const,
  options: [entry, source(false), text(false), role, serverRole],
  input: z.object({
    entry: z.string(),
    source: z.string().optional(),
    text: z.string().optional(),
    role: z.string().optional(),
    'server-role': z.boolean().optional(),
  }),
  async run(
    input: {
      entry: string;
      source?: string | undefined;
      text?: string | undefined;
      role?: string | undefined;
      'server-role'?: boolean | undefined;
    },
    request: ConfigRequest,
  ): Promise<ConfigReply> {
    const patch: { sourceUrl?: string; text?: string; roleId?: string | null } = {};
    const backToServerRole = input['server-role'] === true;
    if (backToServerRole && input.role !== undefined) {
      return { kind: 'config-error', code: 'date-problem', problem: 'date-role-both' };
    }
    if (input.source !== undefined) {
      // Stored in the form add stores (percent-encoded by the URL parser), never as typed.
      const url = sourceLink(input.source);
      if (url === null) return { kind: 'config-error', code: 'date-problem', problem: 'date-source' };
      patch.sourceUrl = url;
    }
    if (input.text !== undefined) {
      const cleaned = checkText(input.text);
      if (cleaned === null) return { kind: 'config-error', code: 'date-problem', problem: 'date-text' };
      patch.text = cleaned;
    }
    if (input.role !== undefined) {
      const refused = await roleRefusal(request, input.role);
      if (refused) return refused;
      patch.roleId = input.role;
    }
    if (backToServerRole) patch.roleId = null;
    if (Object.keys(patch).length === 0) return { kind: 'config-error', code: 'date-nothing-to-edit' };
    return write(request, { kind: 'date-edit', id: input.entry, patch });
  },
};

export const dateRemove = {
  name: 'remove' as const,
  options: [entry],
  input: z.object({ entry: z.string() }),
  async run(input: { entry: string }, request: ConfigRequest): Promise<ConfigReply> {
    return write(request, { kind: 'date-remove', id: input.entry });
  },
};
