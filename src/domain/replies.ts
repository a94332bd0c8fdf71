import {
  type CalendarDate,
  type LocalTime,
  localDate,
  nextOccurrence,
  type Occurrence,
  yearsSince,
} from './anniversary.js';
import {
  type Dataset,
  type DayDate,
  eventsWithDay,
  type RemembranceEvent,
  type Source,
  sourceById,
} from './dataset.js';
import type { NameMatch } from './name-lookup.js';
import { isoDate, plannedDay, type ServerDate } from './server-date.js';

/** Everything a place lookup answers: the event, its figures, and whose they are. */
export interface PlaceReply {
  kind: 'place';
  event: RemembranceEvent;
  dateSource: Source;
  figureSources: Source[];
  /** Whole years since the date, counted on the UTC calendar; null for a period. */
  yearsAgo: number | null;
  /** The alias the member typed when it differs from the display names. */
  matchedName: string | null;
}

/** The Khojaly figures, each attributed to the Ministry's statement. */
export interface KhojalyReply {
  kind: 'khojaly';
  event: RemembranceEvent;
  source: Source;
  yearsAgo: number | null;
}

export interface TimelineReply {
  kind: 'timeline';
  events: RemembranceEvent[];
  sources: Source[];
  /** The asking server's own dates, oldest first; listed apart, as added by its admins. */
  serverDates: ServerDate[];
}

export interface UpcomingReply {
  kind: 'upcoming';
  items: UpcomingItem[];
  zone: string;
  time: LocalTime;
  /** Days this server turned off with /config event: not listed (the server posts nothing on them). */
  turnedOff: number;
}

/** One line of `/upcoming`: a dataset anniversary, or one of the server's own dates (labelled so). */
export type UpcomingItem =
  | { event: RemembranceEvent & { date: DayDate }; serverDate?: undefined; occurrence: Occurrence }
  | { event?: undefined; serverDate: ServerDate; occurrence: Occurrence };

export interface SourcesReply {
  kind: 'sources';
  sources: Array<{ source: Source; events: RemembranceEvent[] }>;
}

export interface UnknownPlaceReply {
  kind: 'unknown-place';
  query: string;
  suggestions: RemembranceEvent[];
}

export type LookupReply =
  | PlaceReply
  | KhojalyReply
  | TimelineReply
  | UpcomingReply
  | SourcesReply
  | UnknownPlaceReply;

function yearsAgoFor(event: RemembranceEvent, today: CalendarDate): number | null {
  return event.date.type === 'period' ? null : yearsSince(event.date, today);
}

/** The reply to a place lookup for an event (any event, including Nagorno-Karabakh and Khojaly). */
export function placeReply(
  dataset: Dataset,
  event: RemembranceEvent,
  now: number,
  match?: NameMatch,
): PlaceReply {
  const figureSources = [...new Set(event.figures.map((f) => f.sourceId))].map((id) =>
    sourceById(dataset, id),
  );
  const shown = new Set(Object.values(event.names).map((n) => n.toLowerCase()));
  const matchedName =
    match && !shown.has(match.matchedName.toLowerCase()) && match.matchedName !== event.id
      ? match.matchedName
      : null;
  return {
    kind: 'place',
    event,
    dateSource: sourceById(dataset, event.dateAsInSource.sourceId),
    figureSources,
    yearsAgo: yearsAgoFor(event, localDate(now, 'UTC')),
    matchedName,
  };
}

/** The Khojaly figures. */
export function khojalyReply(dataset: Dataset, now: number): KhojalyReply {
  const event = dataset.events.find((e) => e.kind === 'massacre');
  if (!event) throw new Error('dataset invariant broken: no massacre event');
  return {
    kind: 'khojaly',
    event,
    source: sourceById(dataset, event.dateAsInSource.sourceId),
    yearsAgo: yearsAgoFor(event, localDate(now, 'UTC')),
  };
}

/** The sortable start of an event's date: a period starts in its first year. */
function startKey(event: RemembranceEvent): number {
  const d = event.date;
  return d.type === 'period' ? d.fromYear * 10_000 : d.year * 10_000 + d.month * 100 + d.day;
}

/** Every event in date order, each with its figures. */
export function timelineReply(dataset: Dataset, serverDates: readonly ServerDate[] = []): TimelineReply {
  return {
    kind: 'timeline',
    serverDates: [...serverDates].sort((a, b) => isoDate(a.date).localeCompare(isoDate(b.date))),
    events: [...dataset.events].sort((a, b) => startKey(a) - startKey(b)),
    sources: dataset.sources,
  };
}

/** The next `count` anniversaries after `now`, at a server's posting time in its zone. */
export function upcomingReply(
  dataset: Dataset,
  now: number,
  zone: string,
  time: LocalTime,
  count: number,
  ownDates: readonly ServerDate[] = [],
  disabledEvents: readonly string[] = [],
): UpcomingReply {
  type Entry = { id: string; day: DayDate; sortKey: number; item: (o: Occurrence) => UpcomingItem };
  const all: Entry[] = [
    ...eventsWithDay(dataset).map((event) => ({
      id: event.id,
      day: event.date,
      sortKey: startKey(event),
      item: (occurrence: Occurrence): UpcomingItem => ({ event, occurrence }),
    })),
    ...ownDates.map((serverDate) => ({
      id: serverDate.id,
      day: plannedDay(serverDate),
      sortKey: serverDate.date.year * 10_000 + serverDate.date.month * 100 + serverDate.date.day,
      item: (occurrence: Occurrence): UpcomingItem => ({ serverDate, occurrence }),
    })),
  ];
  // The same rule as /calendar and the scheduler: a day the server turned off is not one of its days.
  const disabled = new Set(disabledEvents);
  const entries = all.filter((e) => !disabled.has(e.id));
  const items = entries
    .map((entry) => ({ entry, occurrence: nextOccurrence(entry.day, now, time, zone) }))
    .sort((a, b) => a.occurrence.at - b.occurrence.at || a.entry.sortKey - b.entry.sortKey);
  // Beyond one year the list repeats itself with later anniversaries.
  const extended = [...items];
  while (extended.length < count) {
    const last = extended[extended.length - items.length];
    if (!last) break;
    extended.push({
      entry: last.entry,
      occurrence: nextOccurrence(last.entry.day, last.occurrence.at, time, zone),
    });
  }
  return {
    kind: 'upcoming',
    items: extended.slice(0, count).map(({ entry, occurrence }) => entry.item(occurrence)),
    zone,
    time,
    turnedOff: all.length - entries.length,
  };
}

/** Each source with the events it supports. */
export function sourcesReply(dataset: Dataset): SourcesReply {
  return {
    kind: 'sources',
    sources: dataset.sources.map((source) => ({
      source,
      events: dataset.events.filter(
        (e) => e.dateAsInSource.sourceId === source.id || e.figures.some((f) => f.sourceId === source.id),
      ),
    })),
  };
}

/** An unknown name, with the closest names to suggest. */
export function unknownPlaceReply(
  dataset: Dataset,
  query: string,
  suggestions: NameMatch[],
): UnknownPlaceReply {
  return {
    kind: 'unknown-place',
    query,
    suggestions: suggestions
      .map((s) => dataset.events.find((e) => e.id === s.eventId))
      .filter((e): e is RemembranceEvent => e !== undefined),
  };
}
