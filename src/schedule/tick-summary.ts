import type { Logger } from 'pino';
import type { DeliveryObservation, DeliveryObserver } from './delivery-observer.js';
import type { PlannedDelivery } from './planner.js';

export interface TickSummary {
  servers: number;
  posted: number;
  /** Already posted by an earlier attempt, found by reading the channel back. */
  found: number;
  missed: number;
  failed: number;
  uncertain: number;
  skipped: number;
}

export function emptySummary(servers: number): TickSummary {
  return { servers, posted: 0, found: 0, missed: 0, failed: 0, uncertain: 0, skipped: 0 };
}

/** Per delivery: whether the server's work is finished, must be looked at again next tick, or was paused. */
export type DeliveryResult = 'done' | 'pending' | 'paused';

type Settlement = Omit<DeliveryObservation, 'kind'> & { messageId?: string; detail?: string };

/** Counts, logs and reports one delivery's outcome, and says what it means for the server's work. */
export function settle(
  observer: DeliveryObserver,
  summary: TickSummary,
  log: Logger,
  item: PlannedDelivery,
  s: Settlement,
): DeliveryResult {
  const { messageId, detail, ...observation } = s;
  observer.delivery({ kind: item.kind, ...observation });
  const fields = { kind: item.kind, outcome: s.outcome, reason: s.reason, messageId, detail };
  switch (s.outcome) {
    case 'sent':
      summary.posted++;
      log.info({ ...fields, lateByMs: item.lateByMs }, 'notice posted');
      return 'done';
    case 'found':
      summary.found++;
      log.info(fields, 'notice was already posted by an earlier attempt; recorded, not posted again');
      return 'done';
    case 'missed':
      summary.missed++;
      log.warn({ ...fields, dueAt: item.occurrence.at }, 'anniversary day passed without a post');
      return 'done';
    case 'uncertain':
      summary.uncertain++;
      // An alert: an admin must look at the channel and grant Read Message History.
      log.error(
        { ...fields, alert: true, grant: 'Read Message History' },
        'cannot tell whether the notice was posted and cannot read the channel; not posting again',
      );
      return 'done';
    case 'paused':
      summary.failed++;
      log.warn(fields, 'Discord refused the channel; paused');
      return 'paused';
    case 'failed':
      summary.failed++;
      log.error({ ...fields, retryable: s.reason === 'transient' }, 'notice not posted');
      return s.reason === 'transient' ? 'pending' : 'done';
  }
}
