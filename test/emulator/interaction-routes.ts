import {
  publicAttachments,
  resolveAttachments,
  type StoredAttachment,
  type UploadedFile,
} from './attachments.js';
import type { Core } from './core.js';
import { Errors } from './errors.js';
import type { InteractionRecord } from './interactions.js';
import { publicMessage } from './messages.js';
import type { RouteContext, Router } from './router.js';
import type { AnyJson, StoredMessage } from './types.js';
import {
  assertNotEmpty,
  validateCallback,
  validateWebhookEdit,
  validateWebhookExecute,
} from './validation.js';

/** Interaction callbacks and the interaction webhook (@original edits, follow-ups), with Discord's deadlines. */

type Json = Record<string, AnyJson>;

const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
const CHAT_INPUT_COMMAND_MESSAGE = 20;

export function interactionRoutes(router: Router, core: () => Core): void {
  /** Where a member would download an attachment (the emulator does not serve them; tests read the bytes). */
  const cdn = () =>
    core()
      .gatewayUrl()
      .replace(/^ws:\/\/([^/]+).*$/, 'http://$1');

  const interactionMessage = (rec: InteractionRecord, body: Json, extra: Json = {}): StoredMessage => {
    const { opts, messages } = core();
    return messages.build({
      channelId: rec.channelId,
      guildId: rec.guildId,
      body,
      type: CHAT_INPUT_COMMAND_MESSAGE,
      extra: { webhook_id: opts.applicationId, application_id: opts.applicationId, ...extra },
    });
  };

  /** The interaction behind /webhooks/:application/:token, while its token lives. */
  const webhookInteraction = (ctx: RouteContext): InteractionRecord => {
    const { opts, interactions } = core();
    const [applicationId, token] = ctx.params as [string, string];
    if (applicationId !== opts.applicationId) throw Errors.unknownWebhook();
    const rec = interactions.byToken(token);
    if (!rec || opts.now() - rec.createdAt > opts.interactionTokenTtlMs) throw Errors.invalidWebhookToken();
    return rec;
  };

  const original = (rec: InteractionRecord): StoredMessage => {
    if (!rec.original || rec.originalDeleted) throw Errors.unknownMessage();
    return rec.original;
  };

  const followUp = (rec: InteractionRecord, messageId: string): StoredMessage => {
    const m = rec.followUpMessages.find((f) => f.id === messageId);
    if (!m) throw Errors.unknownMessage();
    return m;
  };

  /** Attachments kept in `bytes` (by message id) beside the public objects the message carries. */
  const bytes = new Map<string, StoredAttachment[]>();

  const attach = (rec: InteractionRecord, message: StoredMessage, body: Json, files: UploadedFile[]) => {
    const list = resolveAttachments(body, files, bytes.get(message.id) ?? [], core().ids);
    bytes.set(message.id, list);
    message.attachments = publicAttachments(list, cdn(), rec.channelId);
    if (message === rec.original) rec.originalAttachments = list;
  };

  const edit = (
    rec: InteractionRecord,
    target: StoredMessage,
    body: Json,
    files: UploadedFile[],
    isOriginal: boolean,
  ): Json => {
    validateWebhookEdit(body);
    const merged: Json = { ...target };
    for (const key of ['content', 'embeds', 'components', 'allowed_mentions'] as const) {
      if (body[key] !== undefined) merged[key] = body[key] ?? (key === 'content' ? '' : []);
    }
    if (body.attachments !== undefined || files.length > 0) {
      const list = resolveAttachments(body, files, bytes.get(target.id) ?? [], core().ids);
      bytes.set(target.id, list);
      merged.attachments = publicAttachments(list, cdn(), rec.channelId);
      if (isOriginal) rec.originalAttachments = list;
    }
    if (Array.isArray(body.embeds)) merged.embeds = body.embeds.map((e: Json) => ({ type: 'rich', ...e }));
    assertNotEmpty(merged);
    merged.flags = (typeof body.flags === 'number' ? body.flags : target.flags) & ~LOADING;
    merged.edited_timestamp = core().timestamp();
    Object.assign(target, merged);
    if (isOriginal) {
      rec.edits.push(body);
      rec.events.emit('edit', body);
    }
    return publicMessage(target);
  };

  router.add('POST /interactions/:id/:token/callback', (ctx) => {
    const { opts, interactions } = core();
    const [id, token] = ctx.params as [string, string];
    const rec = interactions.get(id);
    if (!rec || rec.token !== token) throw Errors.unknownInteraction();
    if (rec.response) throw Errors.alreadyAcknowledged();
    if (opts.now() - rec.createdAt > opts.interactionAckTimeoutMs) throw Errors.unknownInteraction();
    const { type, data } = validateCallback(ctx.body);
    // Updating "the message" (6, 7) exists only for interactions that come from a message's component.
    if ((type === 6 || type === 7) && !rec.componentMessage) {
      throw Errors.invalidFormBody({
        type: { _errors: [{ code: 'INTERACTION_CALLBACK_TYPE_INVALID', message: 'Invalid callback type' }] },
      });
    }
    if (type === 7 && rec.componentMessage) {
      const target = rec.componentMessage;
      for (const key of ['content', 'embeds', 'components', 'allowed_mentions'] as const) {
        if (data?.[key] !== undefined) target[key] = data[key] ?? (key === 'content' ? '' : []);
      }
      if (Array.isArray(data?.embeds)) target.embeds = data.embeds.map((e: Json) => ({ type: 'rich', ...e }));
      assertNotEmpty(target);
      target.edited_timestamp = core().timestamp();
    }
    rec.response = { type, ...(data === undefined ? {} : { data }), at: opts.now() };
    if (type === 4) {
      rec.original = interactionMessage(rec, data ?? {});
      attach(rec, rec.original, data ?? {}, ctx.files);
    }
    if (type === 5)
      rec.original = interactionMessage(rec, {}, { flags: ((data?.flags as number) ?? 0) | LOADING });
    // After 6 or 7, @original is the message whose button was pressed.
    if (type === 6 || type === 7) rec.original = rec.componentMessage;
    rec.events.emit('response', rec.response);
    if (ctx.query.get('with_response') !== 'true') return { status: 204 };
    const message = rec.original && publicMessage(rec.original);
    return {
      status: 200,
      body: {
        interaction: {
          id: rec.id,
          type: rec.componentMessage ? 3 : 2,
          response_message_id: message?.id,
          response_message_loading: type === 5,
          response_message_ephemeral: Boolean((message?.flags ?? 0) & EPHEMERAL),
        },
        resource: { type, ...(message ? { message } : {}) },
      },
    };
  });

  router.add('GET /webhooks/:id/:token/messages/@original', (ctx) => {
    return { status: 200, body: publicMessage(original(webhookInteraction(ctx))) };
  });

  router.add('PATCH /webhooks/:id/:token/messages/@original', (ctx) => {
    const rec = webhookInteraction(ctx);
    return { status: 200, body: edit(rec, original(rec), (ctx.body ?? {}) as Json, ctx.files, true) };
  });

  router.add('DELETE /webhooks/:id/:token/messages/@original', (ctx) => {
    const rec = webhookInteraction(ctx);
    original(rec);
    rec.originalDeleted = true;
    return { status: 204 };
  });

  router.add('POST /webhooks/:id/:token', (ctx) => {
    const rec = webhookInteraction(ctx);
    // Follow-ups need the interaction acknowledged first.
    if (!rec.response) throw Errors.unknownWebhook();
    const body = (ctx.body ?? {}) as Json;
    validateWebhookExecute(body);
    const message = interactionMessage(rec, body);
    attach(rec, message, body, ctx.files);
    rec.followUps.push(body);
    rec.followUpMessages.push(message);
    return ctx.query.get('wait') === 'true' ? { status: 200, body: publicMessage(message) } : { status: 204 };
  });

  router.add('GET /webhooks/:id/:token/messages/:id', (ctx) => {
    return { status: 200, body: publicMessage(followUp(webhookInteraction(ctx), ctx.params[2] as string)) };
  });

  router.add('PATCH /webhooks/:id/:token/messages/:id', (ctx) => {
    const rec = webhookInteraction(ctx);
    return {
      status: 200,
      body: edit(rec, followUp(rec, ctx.params[2] as string), (ctx.body ?? {}) as Json, ctx.files, false),
    };
  });

  router.add('DELETE /webhooks/:id/:token/messages/:id', (ctx) => {
    const rec = webhookInteraction(ctx);
    const m = followUp(rec, ctx.params[2] as string);
    rec.followUpMessages.splice(rec.followUpMessages.indexOf(m), 1);
    return { status: 204 };
  });
}
