import { ApplicationCommandUpdateRequestSchema } from 'discord-api-spec/zod';
import type { AnyJson } from './types.js';
import { type Issue, schemaIssues, throwIfIssues } from './validation.js';

/** Bulk-overwrite bodies checked against the schema plus the documented limits the schema leaves out. */

type Json = Record<string, AnyJson>;

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const CHAT_INPUT = 1;

const chars = (v: unknown): number => (typeof v === 'string' ? [...v].length : 0);

/** A field counts with its longest localisation, as Discord counts towards the 8000-character limit. */
function longest(value: unknown, localizations: unknown): number {
  const all = [chars(value)];
  if (localizations && typeof localizations === 'object') {
    for (const v of Object.values(localizations)) all.push(chars(v));
  }
  return Math.max(...all);
}

function checkName(issues: Issue[], path: Array<string | number>, name: unknown, chatInput: boolean): void {
  if (typeof name !== 'string') return;
  if (chatInput && (!NAME.test(name) || name !== name.toLowerCase())) {
    issues.push({
      path: [...path, 'name'],
      code: 'APPLICATION_COMMAND_INVALID_NAME',
      message: 'Command name is invalid',
    });
  }
}

function checkDescription(issues: Issue[], path: Array<string | number>, d: unknown): void {
  const n = chars(d);
  if (n < 1 || n > 100) {
    issues.push({
      path: [...path, 'description'],
      code: 'BASE_TYPE_BAD_LENGTH',
      message: 'Must be between 1 and 100 in length.',
    });
  }
}

function checkOptions(issues: Issue[], path: Array<string | number>, options: unknown): number {
  if (!Array.isArray(options)) return 0;
  let size = 0;
  if (options.length > 25) {
    issues.push({
      path: [...path, 'options'],
      code: 'BASE_TYPE_MAX_LENGTH',
      message: 'Must be 25 or fewer in length.',
    });
  }
  const names = new Set<string>();
  let sawOptional = false;
  const subs = options.filter((o: Json) => o?.type === SUB_COMMAND || o?.type === SUB_COMMAND_GROUP).length;
  if (subs > 0 && subs < options.length) {
    issues.push({
      path: [...path, 'options'],
      code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID',
      message: 'Sub-command and sub-command group option types are mutually exclusive to all other types',
    });
  }
  options.forEach((o: Json, i) => {
    if (!o || typeof o !== 'object') return;
    const at = [...path, 'options', i];
    checkName(issues, at, o.name, true);
    checkDescription(issues, at, o.description);
    if (names.has(o.name)) {
      issues.push({
        path: [...at, 'name'],
        code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
        message: 'Option name already exists',
      });
    }
    names.add(o.name);
    if (o.type !== SUB_COMMAND && o.type !== SUB_COMMAND_GROUP) {
      if (o.required && sawOptional) {
        issues.push({
          path: [...at, 'required'],
          code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
          message: 'Required options must be placed before non-required options',
        });
      }
      if (!o.required) sawOptional = true;
    }
    size += longest(o.name, o.name_localizations) + longest(o.description, o.description_localizations);
    if (Array.isArray(o.choices)) {
      if (o.choices.length > 25) {
        issues.push({
          path: [...at, 'choices'],
          code: 'BASE_TYPE_MAX_LENGTH',
          message: 'Must be 25 or fewer in length.',
        });
      }
      o.choices.forEach((c: Json, j: number) => {
        const n = chars(c?.name);
        if (n < 1 || n > 100) {
          issues.push({
            path: [...at, 'choices', j, 'name'],
            code: 'BASE_TYPE_BAD_LENGTH',
            message: 'Must be between 1 and 100 in length.',
          });
        }
        // The schema allows 6000; Discord documents 100 for string choice values.
        if (chars(c?.value) > 100) {
          issues.push({
            path: [...at, 'choices', j, 'value'],
            code: 'BASE_TYPE_MAX_LENGTH',
            message: 'Must be 100 or fewer in length.',
          });
        }
        size += longest(c?.name, c?.name_localizations) + (typeof c?.value === 'string' ? chars(c.value) : 0);
      });
    }
    size += checkOptions(issues, at, o.options);
  });
  return size;
}

/**
 * discord.js sends default_member_permissions as a decimal string (Discord's documented type, permission bits
 * exceed 2^53), while the generated schema types it as a number: check the string's shape here and hand the
 * schema a number so that this legitimate payload is not reported.
 */
function forSchema(command: Json): Json {
  const p = command.default_member_permissions;
  if (typeof p === 'string' && /^\d+$/.test(p)) return { ...command, default_member_permissions: Number(p) };
  return command;
}

export function validateCommandList(body: unknown): Json[] {
  if (!Array.isArray(body)) {
    throwIfIssues([{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }]);
    return [];
  }
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const perType = new Map<number, number>();
  body.forEach((c: Json, i) => {
    issues.push(...schemaIssues(ApplicationCommandUpdateRequestSchema, forSchema(c ?? {}), [i]));
    if (!c || typeof c !== 'object') return;
    const type = c.type ?? CHAT_INPUT;
    perType.set(type, (perType.get(type) ?? 0) + 1);
    const key = `${type}:${c.name}`;
    if (seen.has(key)) {
      issues.push({
        path: [i, 'name'],
        code: 'APPLICATION_COMMAND_ALREADY_EXISTS',
        message: 'Application command with that name already exists',
      });
    }
    seen.add(key);
    checkName(issues, [i], c.name, type === CHAT_INPUT);
    if (type === CHAT_INPUT) checkDescription(issues, [i], c.description);
    const size =
      longest(c.name, c.name_localizations) +
      longest(c.description, c.description_localizations) +
      checkOptions(issues, [i], c.options);
    if (size > 8000) {
      issues.push({
        path: [i],
        code: 'APPLICATION_COMMAND_TOO_LARGE',
        message: 'Command exceeds maximum size (8000)',
      });
    }
  });
  const limits: Record<number, number> = { 1: 100, 2: 15, 3: 15 };
  for (const [type, n] of perType) {
    if (n > (limits[type] ?? 100)) {
      issues.push({
        path: [],
        code: 'APPLICATION_COMMANDS_TOO_MANY',
        message: `Maximum number of type ${type} commands reached (${limits[type]})`,
      });
    }
  }
  throwIfIssues(issues);
  return body as Json[];
}
