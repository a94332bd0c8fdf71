/**
 * What became of each delivery the scheduler handled, for metrics and alerts. 'found' = a read-back found
 * the notice already posted (an earlier attempt had reached Discord), so nothing was posted again.
 */
export type DeliveryOutcome = 'sent' | 'found' | 'missed' | 'failed' | 'uncertain' | 'paused';

export interface DeliveryObservation {
  /** The anniversary's own notice, or the reminder ahead of it. */
  kind: 'notice' | 'reminder';
  outcome: DeliveryOutcome;
  /** The ledger's reason code, for failed, paused, missed and uncertain. */
  reason?: string;
  /** For sent: how long after the posting instant Discord accepted it. */
  delayMs?: number;
}

/** What became of one attempt to publish a notice to following servers (announcement channels). */
export interface PublishObservation {
  /** `retrying`: failed, tried again later the same day; `failed`: given up (refused for good, or the day ended). */
  outcome: 'published' | 'retrying' | 'failed';
  /** The publication's reason code when it failed. */
  reason?: string;
}

export interface DeliveryObserver {
  delivery(o: DeliveryObservation): void;
  /** A claim whose owner never finished (it crashed or hung) was taken over. */
  takeover(): void;
  /** Publishing outcomes; optional, as only announcement channels publish. */
  publish?(o: PublishObservation): void;
}

export const NO_OBSERVER: DeliveryObserver = { delivery() {}, takeover() {} };
