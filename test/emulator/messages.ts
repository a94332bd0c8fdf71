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

  /** enforce_nonce: the same nonce from the bot within the window returns the earlier message. */
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
    const { world, messages } = core();
    const [channelId, messageId] = params as [string, string];
    if (!world.channel(channelId)) throw Errors.unknownChannel();
    if (!(world.permissionsIn(channelId) & Permission.ReadMessageHistory)) throw Errors.missingAccess();
    const message = messages.list(channelId).find((m) => m.id === messageId);
    if (!message) throw Errors.unknownMessage();
    return { status: 200, body: publicMessage(message) };
  });
}

/** The message as Discord returns it: without the request-only allowed_mentions. */
export function publicMessage(m: StoredMessage): Json {
  const { allowed_mentions: _am, ...rest } = m;
  return structuredClone(rest);
}
