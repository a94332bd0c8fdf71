import type { Language } from '../domain/dataset.js';
import type { AnyNotice } from '../domain/notice.js';

/**
 * What one anniversary's scheduled event shows: the notice's words (a dataset event's, or a date the
 * server's admins added, with their source), when, and the bot's own marker.
 */
export interface EventDraft {
  notice: AnyNotice;
  language: Language;
  /** Epoch ms: the server's local posting time on the anniversary. */
  startsAt: number;
  /** Epoch ms: the end of that local day. */
  endsAt: number;
  /** The notice channel, whose name is the event's location (the bot's name without one). */
  channelId: string | null;
  /** Identifies the anniversary; placed in the description's last line, which only the bot writes. */
  marker: string;
}

/** One of the server's scheduled events that the bot made and that carries a marker. */
export interface OwnScheduledEvent {
  id: string;
  marker: string;
}

export type ListOutcome =
  /** `active`: how many of the server's events (anyone's) are scheduled or running, against Discord's 100. */
  { ok: true; own: OwnScheduledEvent[]; active: number } | { ok: false; detail: string };

export type CreateOutcome =
  | { ok: true; id: string }
  /** Discord refused it: no event was made (missing permission, the 100 limit, a bad payload). */
  | {
      ok: false;
      kind: 'refused';
      reason: 'missing-permissions' | 'events-limit' | 'rejected';
      detail: string;
    }
  /** A timeout, 5xx or lost answer: it may have been made; look before creating again. */
  | { ok: false; kind: 'uncertain'; detail: string };

export type ChangeOutcome =
  | { ok: true }
  | { ok: false; kind: 'gone' }
  | { ok: false; kind: 'failed'; detail: string };

/** Discord's scheduled events, as the events-tab job needs them; the Discord adapter implements it. */
export interface ScheduledEventsPort {
  /** Whether the bot is in the server and may create events there (from the gateway's view; no request). */
  canCreate(guildId: string): boolean;
  /** A digest of what the Discord event for a draft says (name, description, location, times). */
  digest(draft: EventDraft): string;
  list(guildId: string): Promise<ListOutcome>;
  /** Made once per call: the adapter never retries a create itself (no nonce would catch a second). */
  create(guildId: string, draft: EventDraft): Promise<CreateOutcome>;
  edit(guildId: string, eventId: string, draft: EventDraft): Promise<ChangeOutcome>;
  /** Deleting an event that is already gone counts as done. */
  remove(guildId: string, eventId: string): Promise<ChangeOutcome>;
}
