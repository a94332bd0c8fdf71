/** One answered (or failed) interaction, for metrics. `command` is one of the bot's command names or 'unknown'. */
export interface InteractionObservation {
  command: string;
  kind: 'command' | 'autocomplete' | 'button';
  /** The reply's kind ('district', 'error', …), 'autocomplete', or 'failed' when the handler threw. */
  outcome: string;
  durationMs: number;
}

export interface InteractionObserver {
  interaction(o: InteractionObservation): void;
}
