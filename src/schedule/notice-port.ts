import type { AnyNotice } from '../domain/notice.js';
import type { PauseReason } from '../store/guild-settings.js';

/** How a send ended, in the terms the scheduler acts on. */
export type SendOutcome =
  | { ok: true; messageId: string }
  /** Discord refused for good (403/404): pause the server, do not retry. */
  | { ok: false; kind: 'refused'; reason: Exclude<PauseReason, 'admin' | 'channel-deleted'>; detail: string }
  /** 5xx, timeouts, network: the post may or may not exist; read back before trying again. */
  | { ok: false; kind: 'transient'; detail: string }
  /** Our payload was wrong (4xx other than the above): retrying cannot help. */
  | { ok: false; kind: 'rejected'; detail: string };

/** What identifies one delivery's post: the nonce Discord dedupes by, and the mark a read-back finds. */
export interface DeliveryTag {
  nonce: string;
  /** Placed where only the bot writes (the embed footer), never taken from server-supplied text. */
  marker: string;
}

/** Whether the bot's own post carrying a marker is in a channel. */
export type ReadBack =
  | { kind: 'found'; messageId: string }
  | { kind: 'absent' }
  /** No Read Message History, a 5xx, or more messages since than a read-back looks through. */
  | { kind: 'unreadable'; detail: string };

/** Posts notices to channels and reads them back; the Discord adapter implements it. */
export interface NoticeSender {
  /** Posts a notice; `tag` is null for previews, which are not deliveries. */
  send(
    channelId: string,
    notice: AnyNotice,
    language: 'en' | 'az' | 'ru' | 'tr',
    tag: DeliveryTag | null,
  ): Promise<SendOutcome>;
  /** Looks for the bot's own message carrying `marker` among the channel's messages since `since` (epoch ms). */
  findPosted(channelId: string, marker: string, since: number): Promise<ReadBack>;
  /** Whether the bot is in this server right now (gateway view). */
  inGuild(guildId: string): boolean;
}
