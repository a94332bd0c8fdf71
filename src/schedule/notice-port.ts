import type { Notice } from '../domain/notice.js';
import type { PauseReason } from '../store/guild-settings.js';

/** How a send ended, in the terms the scheduler acts on. */
export type SendOutcome =
  | { ok: true; messageId: string }
  /** Discord refused for good (403/404): pause the server, do not retry. */
  | { ok: false; kind: 'refused'; reason: Exclude<PauseReason, 'admin' | 'channel-deleted'>; detail: string }
  /** 5xx, timeouts, network: retry later while the day lasts. */
  | { ok: false; kind: 'transient'; detail: string }
  /** Our payload was wrong (4xx other than the above): retrying cannot help. */
  | { ok: false; kind: 'rejected'; detail: string };

/** Posts a notice to a channel; the Discord adapter implements it. */
export interface NoticeSender {
  send(
    channelId: string,
    notice: Notice,
    language: 'en' | 'az' | 'ru' | 'tr',
    nonce: string | null,
  ): Promise<SendOutcome>;
  /** Whether the bot is in this server right now (gateway view). */
  inGuild(guildId: string): boolean;
}
