import type { DeliveryKey } from './delivery.js';

export type PublicationStatus = 'pending' | 'published' | 'failed';

/** Why a publish did not happen (yet): a code the renderers translate; Discord's words go in `detail`. */
export type PublicationReason =
  /** Discord's per-channel hourly publish limit (a 429 with a long retry_after). */
  | 'rate-limited'
  | 'missing-access'
  | 'missing-permissions'
  /** 5xx, timeout, network. */
  | 'transient'
  /** The message or channel is gone, or Discord refused for another reason: not retried. */
  | 'rejected'
  /** The notice's local day ended before a publish succeeded. */
  | 'day-ended';

/** A notice's publishing to the servers that follow its announcement channel. */
export interface Publication extends DeliveryKey {
  channelId: string;
  messageId: string;
  status: PublicationStatus;
  attempts: number;
  nextAt: number | null;
  untilAt: number;
  reason: PublicationReason | null;
  detail: string | null;
  updatedAt: number;
}
