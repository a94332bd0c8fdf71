import {
  type Dataset,
  type DayDate,
  eventsWithDay,
  type RemembranceEvent,
  type Source,
  sourceById,
} from './dataset.js';

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
  /** When the file is made (its DTSTAMP), epoch ms from the injected clock. */
  generatedAt: number;
}

function dayKey(date: DayDate): number {
  return date.year * 10_000 + date.month * 100 + date.day;
}

/**
 * The calendar's entries in date order: the same events the scheduler posts (`eventsWithDay`), so the file and the
 * notices never disagree about which days are remembered.
 */
export function calendarReply(dataset: Dataset, now: number): CalendarReply {
  const entries = eventsWithDay(dataset)
    .sort((a, b) => dayKey(a.date) - dayKey(b.date))
    .map((event) => ({
      event,
      sources: [...new Set([event.dateAsInSource.sourceId, ...event.figures.map((f) => f.sourceId)])].map(
        (id) => sourceById(dataset, id),
      ),
    }));
  return {
    kind: 'calendar',
    entries,
    periods: dataset.events.filter((e) => e.date.type === 'period'),
    generatedAt: now,
  };
}
