import {
  type Dataset,
  type DayDate,
  eventsWithDay,
  type RemembranceEvent,
  type Source,
  sourceById,
} from './dataset.js';
import { isoDate, type ServerDate } from './server-date.js';

/** One yearly event of the calendar file: the anniversary and the sources of its date and figures. */
export interface CalendarEntry {
  event: RemembranceEvent & { date: DayDate };
  sources: Source[];
}

/** `/calendar`: every anniversary with a day, for a calendar file; periods are named so the reply can say why they are absent. */
export interface CalendarReply {
  kind: 'calendar';
  entries: CalendarEntry[];
  /** Events that are periods (Nagorno-Karabakh, 1988–1992): no day, so no yearly event. */
  periods: RemembranceEvent[];
  /**
   * The asking server's own dates, oldest first, each a yearly event labelled as added by its admins with the
   * source they gave (never the dataset's); none in DMs.
   */
  serverDates: ServerDate[];
  /** The server the file is made for (its own dates' UIDs are told apart by it); null in DMs. */
  guildId: string | null;
  /** How many of the server's remembered days (dataset or own) it turned off with `/config event`, left out. */
  turnedOff: number;
  /** When the file is made (its DTSTAMP), epoch ms from the injected clock. */
  generatedAt: number;
}

/** What the file holds of the server it is asked in: its own dates and what it turned off. */
export interface CalendarServer {
  guildId: string;
  serverDates: readonly ServerDate[];
  /** Dataset event ids and server date ids turned off with `/config event`. */
  disabledEvents: readonly string[];
}

function dayKey(date: DayDate): number {
  return date.year * 10_000 + date.month * 100 + date.day;
}

/**
 * The calendar's entries in date order: the same days the scheduler posts for the asker — the dataset's
 * (`eventsWithDay`) and, in a server, its own dates, without what the server turned off — so the file and the
 * notices never disagree about which days are remembered. One rule for both kinds: a day the server does not
 * post is not in its calendar. In DMs (`server` null) every dataset anniversary, and no server's dates.
 */
export function calendarReply(
  dataset: Dataset,
  now: number,
  server: CalendarServer | null = null,
): CalendarReply {
  const off = new Set(server?.disabledEvents ?? []);
  const datasetDays = eventsWithDay(dataset);
  const own = server?.serverDates ?? [];
  const entries = datasetDays
    .filter((event) => !off.has(event.id))
    .sort((a, b) => dayKey(a.date) - dayKey(b.date))
    .map((event) => ({
      event,
      sources: [...new Set([event.dateAsInSource.sourceId, ...event.figures.map((f) => f.sourceId)])].map(
        (id) => sourceById(dataset, id),
      ),
    }));
  const serverDates = own
    .filter((d) => !off.has(d.id))
    .sort((a, b) => isoDate(a.date).localeCompare(isoDate(b.date)));
  return {
    kind: 'calendar',
    entries,
    periods: dataset.events.filter((e) => e.date.type === 'period'),
    serverDates,
    guildId: server?.guildId ?? null,
    turnedOff: datasetDays.length - entries.length + (own.length - serverDates.length),
    generatedAt: now,
  };
}
