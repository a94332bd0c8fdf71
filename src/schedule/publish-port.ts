/** How a publish (crosspost) ended, in the terms the publishing job acts on. */
export type PublishOutcome =
  /** Published now, or it already was (Discord's 40033). */
  | { ok: true }
  /** Discord's per-channel hourly publish limit: try again after `retryAfterMs`. */
  | { ok: false; kind: 'rate-limited'; retryAfterMs: number; detail: string }
  /** 403: the bot may not publish there now; an admin may grant it later the same day. */
  | { ok: false; kind: 'refused'; reason: 'missing-access' | 'missing-permissions'; detail: string }
  /** 5xx, timeout, network. */
  | { ok: false; kind: 'transient'; detail: string }
  /** The message or channel is gone, or another 4xx: retrying cannot help. */
  | { ok: false; kind: 'rejected'; detail: string };

/** Publishes the bot's posts in announcement channels; the Discord adapter implements it. */
export interface Publisher {
  /** Whether a channel is an announcement channel (its posts can be published to following servers). */
  isAnnouncement(channelId: string): Promise<boolean>;
  publish(channelId: string, messageId: string): Promise<PublishOutcome>;
}
