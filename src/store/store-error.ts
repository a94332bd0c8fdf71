/** What went wrong, for callers that react differently (main prints the message and exits 1 for all). */
export type StoreErrorCode =
  | 'invalid-database-url'
  | 'cannot-open'
  | 'newer-schema'
  | 'migration-failed'
  | 'unknown-delivery'
  | 'copy-refused'
  | 'copy-failed';

/**
 * An expected storage problem. The message is always one line that names the path or setting at fault
 * and what to do, so the bot can print it without a stack trace.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(oneLine(message), options);
  }
}

/** Collapses line breaks (SQLite and fs messages sometimes carry them) so the message stays one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
