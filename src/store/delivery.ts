import { createHash } from 'node:crypto';

export type DeliveryStatus = 'claimed' | 'sent' | 'failed' | 'missed' | 'uncertain';

/**
 * Why a delivery failed, was missed or is uncertain: a code the renderers translate. Discord's own words,
 * when there are some, are kept apart in `detail`.
 */
export const DELIVERY_REASONS = [
  /** The anniversary's local day ended without a post. */
  'day-ended',
  'missing-access',
  'missing-permissions',
  'unknown-channel',
  /** 5xx, timeout, network: the outcome of the attempt is unknown. */
  'transient',
  /** Discord refused our payload (a 4xx other than the above). */
  'rejected',
  /** The channel's history could not be read back to learn whether an earlier attempt posted. */
  'history-unreadable',
] as const;
export type DeliveryReason = (typeof DELIVERY_REASONS)[number];

/** One anniversary notice for one server: at most one message per key, ever. */
export interface DeliveryKey {
  guildId: string;
  eventId: string;
  year: number;
}

export interface Delivery extends DeliveryKey {
  status: DeliveryStatus;
  /** {@link deliveryNonce} of the key; sent with the message so Discord drops a duplicate. */
  nonce: string;
  messageId: string | null;
  /** Why the last attempt failed, why the post was missed, or why its outcome is uncertain. */
  reason: DeliveryReason | null;
  /** Discord's words or other detail about `reason`, shown quoted. */
  detail: string | null;
  /** For 'failed': whether a later claim may try again. */
  retryable: boolean;
  /** How many times the row was claimed. */
  attempts: number;
  claimedBy: string | null;
  claimedAt: number | null;
  /** When the first claim was taken (kept across takeovers): read-backs look for a post from then on. */
  firstAttemptAt: number | null;
  updatedAt: number;
  dueAt: number;
}

/**
 * Reminders have their own ledger rows in the same table, under a distinct event-id namespace:
 * `reminder:<event id>` with the anniversary's year. A namespace rather than a `kind` column in the key, so
 * the one-statement claim, the nonce, the read-back marker (all derived from the key) and both databases'
 * primary key stay as they are, and a reminder is kept to one post by exactly the notice's machinery. Dataset
 * ids are lowercase words and hyphens, so none can start with the prefix. One reminder per anniversary:
 * changing the number of days after it was posted does not post another.
 */
export const REMINDER_PREFIX = 'reminder:';

/** The ledger's event id for a notice (the event's id) or for the reminder ahead of it. */
export function ledgerEventId(eventId: string, kind: 'notice' | 'reminder'): string {
  return kind === 'reminder' ? `${REMINDER_PREFIX}${eventId}` : eventId;
}

/** The event and kind a ledger event id stands for. */
export function ofLedgerEventId(id: string): { eventId: string; kind: 'notice' | 'reminder' } {
  return id.startsWith(REMINDER_PREFIX)
    ? { eventId: id.slice(REMINDER_PREFIX.length), kind: 'reminder' }
    : { eventId: id, kind: 'notice' };
}

/** The reason recorded for an anniversary whose local day ended unposted (shown translated). */
export const DAY_ENDED: DeliveryReason = 'day-ended';

/** Discord rejects longer nonces. */
export const NONCE_MAX_LENGTH = 25;

function digestOf(parts: unknown[]): Buffer {
  return createHash('sha256').update(JSON.stringify(parts)).digest();
}

/**
 * The message nonce for a delivery: the first 128 bits of SHA-256 over the JSON array
 * `[guildId, eventId, year]`, written in base 36 and left-padded with '0' to 25 characters (2^128 < 36^25,
 * so it always fits Discord's limit). Deterministic, so a retry after a crash sends the same nonce and
 * Discord (with enforce_nonce) returns the first message instead of posting a second one.
 */
export function deliveryNonce(key: DeliveryKey): string {
  const digest = digestOf([key.guildId, key.eventId, key.year]);
  return BigInt(`0x${digest.subarray(0, 16).toString('hex')}`)
    .toString(36)
    .padStart(NONCE_MAX_LENGTH, '0');
}

/**
 * The mark a notice carries so a read-back of the channel recognises the bot's own post for this delivery
 * (Discord does not return the nonce when messages are listed): 'N' and 12 base-36 characters of SHA-256
 * over `["marker", guildId, eventId, year]`. Deterministic across processes and restarts.
 */
export function deliveryMarker(key: DeliveryKey): string {
  const digest = digestOf(['marker', key.guildId, key.eventId, key.year]);
  return `N${BigInt(`0x${digest.subarray(0, 8).toString('hex')}`)
    .toString(36)
    .padStart(13, '0')
    .slice(-12)}`;
}
