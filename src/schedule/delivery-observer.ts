export type DeliveryOutcome = 'sent' | 'found' | 'missed' | 'failed' | 'uncertain' | 'paused';
export interface DeliveryObservation {
  kind: 'notice';
  outcome: DeliveryOutcome;
  reason?: string;
  delayMs?: number;
}
export interface DeliveryObserver {
  delivery(o: DeliveryObservation): void;
  takeover(): void;
}
export const NO_OBSERVER: DeliveryObserver = { delivery() {}, takeover() {} };
