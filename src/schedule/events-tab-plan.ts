import { DateTime } from 'luxon';
import { type Occurrence, occurrencesBetween } from '../domain/anniversary.js';
import type { PlannedEvent, PlannerSettings } from './planner.js';

/**
 * How far ahead an anniversary appears in the Events tab. Two weeks gives members time to plan to attend
 * or mark the day, without filling the tab with dates months away. The dataset's anniversaries are spread
 * across the year: any 14 days hold at most a handful (a test checks the most). A server's own dates may
 * all fall in the same two weeks, and each comes once a year, so the bot holds at most that handful plus
 * 25 (`SERVER_DATE_LIMITS.perServer`) at once — well below Discord's 100 per server. The server's other
 * events count towards the 100 too, so the job reads how many are active before creating and records a
 * full tab instead of creating past it.
 */
export const EVENTS_TAB_HORIZON_MS = 14 * 24 * 3_600_000;

/** One anniversary (of a dataset event or a server's own date) that should be in its Events tab now. */
export interface WantedEvent<E extends PlannedEvent = PlannedEvent> {
  event: E;
  occurrence: Occurrence;
  /** The local posting time on the day. */
  startsAt: number;
  /**
   * The end of that local day: the day is the anniversary, so the event lasts the rest of it; after it
   * the bot removes the event. (A posting time of 23:30 makes a short event; it still ends with the day.)
   */
  endsAt: number;
}

/** Where the last local day of `at` ends, following the zone's clocks (23 or 25 hours on a change). */
export function endOfLocalDay(at: number, zone: string): number {
  return DateTime.fromMillis(at, { zone }).startOf('day').plus({ days: 1 }).toMillis();
}

/**
 * The anniversaries a server's Events tab should hold at `now`: each enabled event's occurrence that
 * starts within the horizon and whose day has not ended, soonest first. None while paused or switched off.
 * `events` are the dataset's and this server's own dates (never another server's).
 */
export function wantedEvents<E extends PlannedEvent>(
  settings: PlannerSettings & { eventsTab: boolean; paused: boolean },
  events: readonly E[],
  now: number,
): Array<WantedEvent<E>> {
  if (!settings.eventsTab || settings.paused) return [];
  const disabled = new Set(settings.disabledEvents);
  const wanted: Array<WantedEvent<E>> = [];
  // A day lasts at most 25 hours, so an occurrence whose day is still running started within 26.
  const from = now - 26 * 3_600_000;
  for (const event of events) {
    if (disabled.has(event.id)) continue;
    const found = occurrencesBetween(
      event.date,
      from,
      now + EVENTS_TAB_HORIZON_MS,
      settings.postTime,
      settings.timeZone,
    );
    for (const occurrence of found) {
      const endsAt = endOfLocalDay(occurrence.at, settings.timeZone);
      if (endsAt > now) wanted.push({ event, occurrence, startsAt: occurrence.at, endsAt });
    }
  }
  return wanted.sort((a, b) => a.startsAt - b.startsAt || a.event.id.localeCompare(b.event.id));
}

/** The marker on the last line of an anniversary's event description. */
export function eventMarker(guildId: string, eventId: string, year: number): string {
  return `remembrance:${guildId}:${eventId}:${year}`;
}
