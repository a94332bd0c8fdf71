import { type Delivery, deliveryMarker } from '../store/delivery.js';
import type { NoticeSender } from './notice-port.js';

/**
 * How far before the first attempt a read-back starts. Discord dates a message by its own clock (the
 * snowflake); ours may differ by a little, and the first attempt's time is ours. Five minutes covers any
 * clock a host keeps with NTP many times over and costs only a longer look at a quiet channel.
 */
export const READBACK_MARGIN_MS = 5 * 60_000;

/**
 * Within this long after the first attempt, a delivery whose channel cannot be read back is resent with its
 * nonce, trusting Discord's enforce_nonce (documented only as "the past few minutes") to return the first
 * message. After it, the bot does not post blindly: the delivery is recorded as uncertain.
 */
export const NONCE_TRUST_MS = 3 * 60_000;

/** What to do after looking for an earlier attempt's post. */
export type EarlierAttempt =
  | { kind: 'found'; messageId: string }
  /** Nothing found (or nothing readable yet, inside the nonce's minutes): post, with the nonce. */
  | { kind: 'post'; unread: string | null }
  | { kind: 'uncertain'; detail: string };

/**
 * Looks for the bot's own notice for a delivery that was attempted before (a crash, an unanswered or failed
 * send): from the first attempt minus {@link READBACK_MARGIN_MS}, by the delivery's marker.
 */
export async function checkEarlierAttempt(
  sender: NoticeSender,
  channelId: string,
  delivery: Delivery,
  now: number,
): Promise<EarlierAttempt> {
  const firstAttempt = delivery.firstAttemptAt ?? delivery.dueAt;
  const seen = await sender.findPosted(
    channelId,
    deliveryMarker(delivery),
    firstAttempt - READBACK_MARGIN_MS,
  );
  if (seen.kind === 'found') return seen;
  if (seen.kind === 'absent') return { kind: 'post', unread: null };
  if (now - firstAttempt < NONCE_TRUST_MS) return { kind: 'post', unread: seen.detail };
  return { kind: 'uncertain', detail: seen.detail };
}
