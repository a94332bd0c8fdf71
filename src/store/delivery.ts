import { createHash } from 'node:crypto';

export type DeliveryStatus = 'claimed' | 'sent' | 'failed' | 'missed';

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
  /** Why the last attempt failed or why the post was missed. */
  reason: string | null;
  /** For 'failed': whether a later claim may try again. */
  retryable: boolean;
  /** How many times the row was claimed. */
  attempts: number;
  claimedBy: string | null;
  claimedAt: number | null;
  updatedAt: number;
  dueAt: number;
}

/** Discord rejects longer nonces. */
/** The reason recorded for an anniversary whose local day ended unposted (shown translated). */
export const DAY_ENDED = 'day-ended';

export const NONCE_MAX_LENGTH = 25;

/**
 * The message nonce for a delivery: the first 128 bits of SHA-256 over the JSON array
 * `[guildId, eventId, year]`, written in base 36 and left-padded with '0' to 25 characters (2^128 < 36^25,
 * so it always fits Discord's limit). Deterministic, so a retry after a crash sends the same nonce and
 * Discord (with enforce_nonce) returns the first message instead of posting a second one.
 */
export function deliveryNonce(key: DeliveryKey): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([key.guildId, key.eventId, key.year]))
    .digest();
  return BigInt(`0x${digest.subarray(0, 16).toString('hex')}`)
    .toString(36)
    .padStart(NONCE_MAX_LENGTH, '0');
}
