import type { Core } from './core.js';
import { Errors } from './errors.js';
import { apiUser } from './fixtures.js';
import { Permission } from './permissions.js';
import type { Router } from './router.js';
import type { AnyJson, StoredMessage } from './types.js';
import { validateMessageCreate } from './validation.js';

/** Messages the bot creates in channels, and the message objects every route answers with. */

type Json = Record<string, AnyJson>;

export interface MessageSource {
  channelId: string;
  guildId?: string;
  body: Json;
  type?: number;
  extra?: Json;
}

export class MessageStore {
  private readonly all: StoredMessage[] = [];
  private readonly nonces = new Map<string, { message: StoredMessage; at: number }>();

  constructor(private readonly core: () => Core) {}

  build(src: MessageSource): StoredMessage {
    const { opts, ids, timestamp } = this.core();
    const b = src.body;
    return {
      id: ids(),
      type: src.type ?? 0,
      channel_id: src.channelId,
      ...(src.guildId ? { guild_id: src.guildId } : {}),
      author: apiUser(opts.botUserId, opts.botUsername, true),
      content: typeof b.content === 'string' ? b.content : '',
      timestamp: timestamp(),
      edited_timestamp: null,
      tts: b.tts === true,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: Array.isArray(b.embeds) ? b.embeds.map((e: Json) => ({ type: 'rich', ...e })) : [],
      components: Array.isArray(b.components) ? b.components : [],
      pinned: false,
      flags: typeof b.flags === 'number' ? b.flags : 0,
      ...(b.nonce !== undefined && b.nonce !== null ? { nonce: b.nonce } : {}),
      ...(b.allowed_mentions !== undefined ? { allowed_mentions: b.allowed_mentions } : {}),
      ...src.extra,
    };
  }

  list(channelId?: string): StoredMessage[] {
    return this.all.filter((m) => channelId === undefined || m.channel_id === channelId);
  }

  /**
   * enforce_nonce: the same nonce from the bot within the window (on the emulator's clock, which tests share
   * with the bot) returns the earlier message; after it the nonce is forgotten and a second message is made.
   */
  create(src: MessageSource): { message: StoredMessage; created: boolean } {
    const { opts } = this.core();
    const nonce =
      src.body.enforce_nonce === true && src.body.nonce != null ? String(src.body.nonce) : undefined;
    const now = opts.now();
    if (nonce !== undefined) {
      const seen = this.nonces.get(nonce);
      if (seen && now - seen.at <= opts.nonceWindowMs) return { message: seen.message, created: false };
    }
    const message = this.build(src);
    this.all.push(message);
    if (nonce !== undefined) this.nonces.set(nonce, { message, at: now });
    return { message, created: true };
  }
}

export function messageRoutes(router: Router, core: () => Core): void {
  router.add('POST /channels/:id/messages', ({ params, body }) => {
    const { world, messages, gateway } = core();
    const channelId = params[0] as string;
    const channel = world.channel(channelId);
    if (!channel) throw Errors.unknownChannel();
    const guild = world.guilds.get(channel.guildId);
    if (!guild?.botIsMember) throw Errors.missingAccess();
    // Deliberately narrower than Discord (which also lets bots post in voice-channel chats): the bot targets text.
    if (channel.type !== 0 && channel.type !== 5) throw Errors.unknownChannel();
    const perms = world.permissionsIn(channelId);
    if (!(perms & Permission.ViewChannel)) throw Errors.missingAccess();
    validateMessageCreate(body);
    const b = body as Json;
    if (!(perms & Permission.SendMessages)) throw Errors.missingPermissions();
    if (Array.isArray(b.embeds) && b.embeds.length > 0 && !(perms & Permission.EmbedLinks)) {
      throw Errors.missingPermissions();
    }
    const { message, created } = messages.create({ channelId, guildId: channel.guildId, body: b });
    if (created) gateway.dispatchGuild(channel.guildId, 'MESSAGE_CREATE', publicMessage(message));
    return { status: 200, body: publicMessage(message) };
  });

  router.add('GET /channels/:id/messages/:id', ({ params }) => {
    const { messages } = core();
    const [channelId, messageId] = params as [string, string];
    requireHistory(core, channelId);
    const message = messages.list(channelId).find((m) => m.id === messageId);
    if (!message) throw Errors.unknownMessage();
    return { status: 200, body: fetchedMessage(message) };
  });

  router.add('GET /channels/:id/messages', ({ params, query }) => {
    const { messages } = core();
    const channelId = params[0] as string;
    requireHistory(core, channelId);
    const window = listWindow(query);
    const all = [...messages.list(channelId)].sort((a, b) => compareIds(a.id, b.id));
    let page: StoredMessage[];
    if (window.after !== undefined) {
      const after = window.after;
      // The messages right after `after` (the oldest ones), as Discord pages forward.
      page = all.filter((m) => compareIds(m.id, after) > 0).slice(0, window.limit);
    } else if (window.around !== undefined) {
      const around = window.around;
      const at = all.findIndex((m) => compareIds(m.id, around) >= 0);
      const middle = at === -1 ? all.length : at;
      const start = Math.max(0, middle - Math.floor(window.limit / 2));
      page = all.slice(start, start + window.limit);
    } else {
      const before = window.before;
      const older = before === undefined ? all : all.filter((m) => compareIds(m.id, before) < 0);
      page = older.slice(Math.max(0, older.length - window.limit));
    }
    return { status: 200, body: page.reverse().map(fetchedMessage) };
  });
}

/** Reading a channel's messages needs View Channel and Read Message History, else 403 Missing Access. */
function requireHistory(core: () => Core, channelId: string): void {
  const { world } = core();
  const channel = world.channel(channelId);
  if (!channel) throw Errors.unknownChannel();
  if (!world.guilds.get(channel.guildId)?.botIsMember) throw Errors.missingAccess();
  const perms = world.permissionsIn(channelId);
  if (!(perms & Permission.ViewChannel) || !(perms & Permission.ReadMessageHistory))
    throw Errors.missingAccess();
}

function compareIds(a: string, b: string): number {
  const d = BigInt(a) - BigInt(b);
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}

/** `before` / `after` / `around` (at most one) and `limit` 1–100, default 50, as Discord validates them. */
function listWindow(query: URLSearchParams): {
  before?: string;
  after?: string;
  around?: string;
  limit: number;
} {
  const errors: Record<string, unknown> = {};
  const limitText = query.get('limit');
  const limit = limitText === null ? 50 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    errors.limit = {
      _errors: [{ code: 'NUMBER_TYPE_MAX', message: 'int value should be between 1 and 100.' }],
    };
  }
  const anchors: Record<string, string> = {};
  for (const name of ['before', 'after', 'around']) {
    const value = query.get(name);
    if (value === null) continue;
    if (!/^\d{1,20}$/.test(value)) {
      errors[name] = {
        _errors: [{ code: 'NUMBER_TYPE_COERCE', message: `Value "${value}" is not snowflake.` }],
      };
    } else anchors[name] = value;
  }
  if (Object.keys(anchors).length > 1) {
    errors._errors = [
      { code: 'BASE_TYPE_BAD', message: 'Only one of before, after and around may be given.' },
    ];
  }
  if (Object.keys(errors).length > 0) throw Errors.invalidFormBody(errors);
  return { ...anchors, limit };
}

/** The message as Discord returns it when it is created: without the request-only allowed_mentions. */
export function publicMessage(m: StoredMessage): Json {
  const { allowed_mentions: _am, ...rest } = m;
  return structuredClone(rest);
}

/** A message fetched or listed later: Discord does not return the nonce then ("lost if re-fetched"). */
export function fetchedMessage(m: StoredMessage): Json {
  const { allowed_mentions: _am, nonce: _nonce, ...rest } = m;
  return structuredClone(rest);
}
