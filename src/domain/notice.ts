import type { Occurrence } from './anniversary.js';
import { type Dataset, type RemembranceEvent, type Source, sourceById } from './dataset.js';
import type { ServerDate } from './server-date.js';

/** What an anniversary notice says: the event, which anniversary, the figures and whose they are. */
export interface Notice {
  kind: 'notice';
  event: RemembranceEvent;
  occurrence: Occurrence;
  sources: Source[];
  /** A preview posted by `/config test`: labelled as such, not the anniversary's post. */
  preview: boolean;
  /** For a reminder ahead of the anniversary: how many days remain; null for the day's own notice. */
  daysLeft: number | null;
  /** The role to mention, or null; equal to the server id for @everyone. */
  roleId: string | null;
  guildId: string;
}

/** Builds the notice for an event's occurrence in a server. */
export function noticeFor(
  dataset: Dataset,
  event: RemembranceEvent,
  occurrence: Occurrence,
  options: { guildId: string; roleId: string | null; preview: boolean; daysLeft?: number | null },
): Notice {
  const ids = [
    ...new Set([
      event.dateAsInSource.sourceId,
      ...(event.nameInSource ? [event.nameInSource.sourceId] : []),
      ...event.figures.map((f) => f.sourceId),
    ]),
  ];
  return {
    kind: 'notice',
    event,
    occurrence,
    sources: ids.map((id) => sourceById(dataset, id)),
    preview: options.preview,
    daysLeft: options.daysLeft ?? null,
    roleId: options.roleId,
    guildId: options.guildId,
  };
}

/**
 * The notice of a date a server's admins added: their name, text and source, never the dataset's. The
 * date's own role, if it has one, is mentioned instead of the server's.
 */
export interface ServerDateNotice {
  kind: 'server-date-notice';
  date: ServerDate;
  /** The anniversary's occurrence (for a reminder too: it speaks of the day ahead). */
  occurrence: Occurrence;
  preview: boolean;
  /** For a reminder ahead of the anniversary: how many days remain; null for the day's own notice. */
  daysLeft: number | null;
  roleId: string | null;
  guildId: string;
}

/** Any notice the bot posts. */
export type AnyNotice = Notice | ServerDateNotice;

export function serverDateNoticeFor(
  date: ServerDate,
  occurrence: Occurrence,
  options: { guildId: string; roleId: string | null; preview: boolean; daysLeft?: number | null },
): ServerDateNotice {
  return {
    kind: 'server-date-notice',
    date,
    occurrence,
    preview: options.preview,
    daysLeft: options.daysLeft ?? null,
    roleId: date.roleId ?? options.roleId,
    guildId: options.guildId,
  };
}

/** The ledger's event id of a notice: the dataset event's, or the server date's. */
export function noticeEventId(notice: AnyNotice): string {
  return notice.kind === 'notice' ? notice.event.id : notice.date.id;
}
