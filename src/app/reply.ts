import type { CalendarReply } from '../domain/calendar.js';
import type { LookupReply } from '../domain/replies.js';
import type { ConfigReply } from './config-replies.js';

/** An expected problem with what the member asked, shown ephemerally in one sentence. */
export type UserError =
  | { kind: 'error'; code: 'guild-only' }
  | { kind: 'error'; code: 'missing-manage-guild' }
  | { kind: 'error'; code: 'unknown-command'; name: string }
  | { kind: 'error'; code: 'invalid-count'; min: number; max: number }
  | { kind: 'error'; code: 'internal'; interactionId: string }
  /** The database cannot be reached just now; nothing was changed. */
  | { kind: 'error'; code: 'store-unavailable' };

/** Everything a command can answer; `src/discord` renders each kind. */
export type Reply = LookupReply | CalendarReply | ConfigReply | UserError;
