import { type Client, DiscordAPIError, HTTPError, RESTEvents, Routes } from 'discord.js';
import type { Language } from '../domain/dataset.js';
import type { AnyNotice } from '../domain/notice.js';
import type { InvalidRequestGuard } from '../schedule/invalid-request-guard.js';
import type { DeliveryTag, NoticeSender, ReadBack, SendOutcome } from '../schedule/notice-port.js';
import { findOwnNotice } from './read-back.js';
import { renderAnyNotice } from './render/server-date-notice.js';
import { SendPacer } from './send-pacer.js';

/** Discord's error codes the scheduler acts on (compared as codes, never as HTTP statuses). */
export const DISCORD_CODES = {
  unknownChannel: 10003,
  missingAccess: 50001,
  missingPermissions: 50013,
} as const;

/** Maps what a send threw to what the scheduler should do. */
export function classifySendError(error: unknown): Exclude<SendOutcome, { ok: true }> {
  if (error instanceof DiscordAPIError) {
    const detail = `${error.code}: ${error.message}`;
    if (error.code === DISCORD_CODES.missingAccess)
      return { ok: false, kind: 'refused', reason: 'missing-access', detail };
    if (error.code === DISCORD_CODES.missingPermissions) {
      return { ok: false, kind: 'refused', reason: 'missing-permissions', detail };
    }
    if (error.code === DISCORD_CODES.unknownChannel)
      return { ok: false, kind: 'refused', reason: 'unknown-channel', detail };
    if (error.status >= 500) return { ok: false, kind: 'transient', detail };
    return { ok: false, kind: 'rejected', detail };
  }
  if (error instanceof HTTPError) {
    return error.status >= 500 || error.status === 0
      ? { ok: false, kind: 'transient', detail: `HTTP ${error.status}` }
      : { ok: false, kind: 'rejected', detail: `HTTP ${error.status}` };
  }
  return { ok: false, kind: 'transient', detail: error instanceof Error ? error.message : String(error) };
}

/**
 * Posts notices through discord.js's REST queue, which paces them to Discord's rate limits and waits
 * out 429s. Each post carries a nonce with `enforce_nonce` (a resend within Discord's few minutes returns
 * the message it already has) and the delivery's marker in the embed footer (a read-back finds it later).
 */
export class DiscordNoticeSender implements NoticeSender {
  constructor(
    private readonly client: Client,
    guard: InvalidRequestGuard,
    private readonly pacer: SendPacer = new SendPacer(),
    private readonly sendTimeoutMs = 90_000,
  ) {
    client.rest.on(RESTEvents.Response, (_request, response) => {
      guard.record(response.status, response.headers.get('x-ratelimit-scope'));
    });
  }

  inGuild(guildId: string): boolean {
    return this.client.guilds.cache.has(guildId);
  }

  findPosted(channelId: string, marker: string, since: number): Promise<ReadBack> {
    return findOwnNotice(this.client, this.pacer, { channelId, marker, since });
  }

  async send(
    channelId: string,
    notice: AnyNotice,
    language: Language,
    tag: DeliveryTag | null,
  ): Promise<SendOutcome> {
    const payload = renderAnyNotice(notice, language, tag?.marker ?? null);
    try {
      await this.pacer.acquire();
      const message = (await this.client.rest.post(Routes.channelMessages(channelId), {
        body: { ...payload, ...(tag ? { nonce: tag.nonce, enforce_nonce: true } : {}) },
        // Bounds a send stuck behind long rate-limit waits; its claim then goes stale and is retried.
        signal: AbortSignal.timeout(this.sendTimeoutMs),
      })) as { id: string };
      return { ok: true, messageId: message.id };
    } catch (error) {
      return classifySendError(error);
    }
  }
}
