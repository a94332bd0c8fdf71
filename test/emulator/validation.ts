import {
  ApplicationCommandAutocompleteCallbackRequestSchema,
  CreateMessageInteractionCallbackRequestSchema,
  IncomingWebhookRequestPartialSchema,
  IncomingWebhookUpdateRequestPartialSchema,
  MessageCreateRequestSchema,
  ModalInteractionCallbackRequestSchema,
  PongInteractionCallbackRequestSchema,
  UpdateMessageInteractionCallbackRequestSchema,
} from 'discord-api-spec/zod';
import type { ZodMiniType } from 'zod/mini';
import { Errors } from './errors.js';
import type { AnyJson } from './types.js';

/**
 * Request bodies checked as Discord checks them: the published schemas (discord-api-spec/zod), then the
 * documented limits the schemas do not express (bot content 2000, 6000 across embeds, required field text,
 * autocomplete choice lengths, allowed_mentions exclusivity). Failures throw 50035 / 50006 ValidationErrors.
 */

export interface Issue {
  path: Array<string | number>;
  code: string;
  message: string;
}

type Json = Record<string, AnyJson>;

function issueFromZod(i: {
  code: string;
  path: PropertyKey[];
  message: string;
  [k: string]: unknown;
}): Issue {
  const path = i.path.map((p) => (typeof p === 'number' ? p : String(p)));
  switch (i.code) {
    case 'too_big':
      return { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${i.maximum} or fewer in length.` };
    case 'too_small':
      return { path, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${i.minimum} or more in length.` };
    case 'invalid_type':
      return { path, code: 'BASE_TYPE_INVALID', message: `Expected ${i.expected}.` };
    case 'invalid_format':
      return { path, code: 'BASE_TYPE_BAD_FORMAT', message: `Not a valid ${i.format}.` };
    case 'invalid_value':
      return {
        path,
        code: 'BASE_TYPE_CHOICES',
        message: `Value must be one of ${JSON.stringify(i.values)}.`,
      };
    default:
      return { path, code: i.code.toUpperCase(), message: i.message };
  }
}

export function schemaIssues(
  schema: ZodMiniType,
  body: unknown,
  prefix: Array<string | number> = [],
): Issue[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((i) => {
    const issue = issueFromZod(i as never);
    return { ...issue, path: [...prefix, ...issue.path] };
  });
}

/** Discord's nested `errors` object: { embeds: { 0: { title: { _errors: [{ code, message }] } } } }. */
export function discordErrors(issues: Issue[]): Json {
  const root: Json = {};
  const seen = new Set<string>();
  for (const issue of issues) {
    // The schema and the hand-written limits can report the same problem once each.
    const key = `${issue.path.join('.')}|${issue.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let node = root;
    for (const key of issue.path) {
      node[String(key)] ??= {};
      node = node[String(key)];
    }
    node._errors ??= [];
    node._errors.push({ code: issue.code, message: issue.message });
  }
  return root;
}

export function throwIfIssues(issues: Issue[]): void {
  if (issues.length) throw Errors.invalidFormBody(discordErrors(issues));
}

const len = (v: unknown): number => (typeof v === 'string' ? [...v].length : 0);

function maxLength(
  issues: Issue[],
  path: Array<string | number>,
  value: unknown,
  max: number,
  min = 0,
): void {
  const n = len(value);
  if (typeof value === 'string' && n > max) {
    issues.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  }
  if (min > 0 && (typeof value !== 'string' || n < min)) {
    issues.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  }
}

/** Documented limits on content, embeds and allowed_mentions shared by every message-creating route. */
export function messageLimitIssues(body: Json | undefined, prefix: Array<string | number> = []): Issue[] {
  const issues: Issue[] = [];
  if (!body || typeof body !== 'object') return issues;
  // The schema allows 4000 (Nitro users); bots get 2000.
  maxLength(issues, [...prefix, 'content'], body.content, 2000);
  const embeds: unknown = body.embeds;
  if (Array.isArray(embeds)) {
    if (embeds.length > 10) {
      issues.push({
        path: [...prefix, 'embeds'],
        code: 'BASE_TYPE_MAX_LENGTH',
        message: 'Must be 10 or fewer in length.',
      });
    }
    let total = 0;
    embeds.forEach((e: Json | null, i) => {
      if (!e || typeof e !== 'object') return;
      const at = (...p: Array<string | number>) => [...prefix, 'embeds', i, ...p];
      maxLength(issues, at('title'), e.title, 256);
      maxLength(issues, at('description'), e.description, 4096);
      maxLength(issues, at('footer', 'text'), e.footer?.text, 2048);
      maxLength(issues, at('author', 'name'), e.author?.name, 256);
      total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name);
      const fields: unknown = e.fields;
      if (Array.isArray(fields)) {
        if (fields.length > 25) {
          issues.push({
            path: at('fields'),
            code: 'BASE_TYPE_MAX_LENGTH',
            message: 'Must be 25 or fewer in length.',
          });
        }
        fields.forEach((f: Json, j) => {
          maxLength(issues, at('fields', j, 'name'), f?.name, 256, 1);
          maxLength(issues, at('fields', j, 'value'), f?.value, 1024, 1);
          total += len(f?.name) + len(f?.value);
        });
      }
    });
    if (total > 6000) {
      issues.push({
        path: [...prefix, 'embeds'],
        code: 'MAX_EMBED_SIZE_EXCEEDED',
        message: 'Embed size exceeds maximum size of 6000',
      });
    }
  }
  const am: Json | undefined = body.allowed_mentions;
  if (am && typeof am === 'object' && Array.isArray(am.parse)) {
    for (const kind of ['users', 'roles'] as const) {
      if (am.parse.includes(kind) && Array.isArray(am[kind]) && am[kind].length > 0) {
        issues.push({
          path: [...prefix, 'allowed_mentions'],
          code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
          message: `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
        });
      }
    }
  }
  return issues;
}

/** 50006: a message needs content, embeds, components, stickers, attachments or a poll. */
export function assertNotEmpty(message: Json | undefined): void {
  const m = message ?? {};
  const has = (k: string) => Array.isArray(m[k]) && m[k].length > 0;
  const content = typeof m.content === 'string' && m.content.trim() !== '';
  if (
    !content &&
    !has('embeds') &&
    !has('components') &&
    !has('sticker_ids') &&
    !has('attachments') &&
    !m.poll
  ) {
    throw Errors.emptyMessage();
  }
}

export function validateMessageCreate(body: unknown): void {
  throwIfIssues([...schemaIssues(MessageCreateRequestSchema, body), ...messageLimitIssues(body as Json)]);
  assertNotEmpty(body as Json);
}

export function validateWebhookExecute(body: unknown): void {
  throwIfIssues([
    ...schemaIssues(IncomingWebhookRequestPartialSchema, body),
    ...messageLimitIssues(body as Json),
  ]);
  assertNotEmpty(body as Json);
}

/** Edits may omit what they keep; emptiness is checked on the merged message by the caller. */
export function validateWebhookEdit(body: unknown): void {
  throwIfIssues([
    ...schemaIssues(IncomingWebhookUpdateRequestPartialSchema, body),
    ...messageLimitIssues(body as Json),
  ]);
}

const CALLBACK_SCHEMAS: Record<number, ZodMiniType> = {
  1: PongInteractionCallbackRequestSchema,
  4: CreateMessageInteractionCallbackRequestSchema,
  5: CreateMessageInteractionCallbackRequestSchema,
  6: UpdateMessageInteractionCallbackRequestSchema,
  7: UpdateMessageInteractionCallbackRequestSchema,
  8: ApplicationCommandAutocompleteCallbackRequestSchema,
  9: ModalInteractionCallbackRequestSchema,
};

export function validateCallback(body: unknown): { type: number; data?: Json } {
  const b = (body ?? {}) as Json;
  const schema = CALLBACK_SCHEMAS[b.type as number];
  if (!schema) {
    throwIfIssues([
      { path: ['type'], code: 'BASE_TYPE_CHOICES', message: `Value must be one of (1, 4, 5, 6, 7, 8, 9).` },
    ]);
  }
  const issues = schemaIssues(schema as ZodMiniType, body);
  if (b.type === 4 || b.type === 7) issues.push(...messageLimitIssues(b.data, ['data']));
  if (b.type === 8) {
    const choices: unknown = b.data?.choices;
    if (Array.isArray(choices)) {
      if (choices.length > 25) {
        issues.push({
          path: ['data', 'choices'],
          code: 'BASE_TYPE_MAX_LENGTH',
          message: 'Must be 25 or fewer in length.',
        });
      }
      choices.forEach((c: Json, i) => {
        maxLength(issues, ['data', 'choices', i, 'name'], c?.name, 100, 1);
        // The schema allows 6000 (command option choices); autocomplete string values are limited to 100.
        maxLength(issues, ['data', 'choices', i, 'value'], c?.value, 100);
      });
    }
  }
  throwIfIssues(issues);
  if (b.type === 4) assertNotEmpty(b.data);
  return { type: b.type, data: b.data };
}
