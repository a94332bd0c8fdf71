import { DateTime } from 'luxon';
import { type Occurrence, occurrencesBetween } from '../domain/anniversary.js';
import type { DatedEvent, PlannerSettings } from './planner.js';

/**
 * How far ahead an anniversary appears in the Events tab. Two weeks gives members time to plan to attend
 * or mark the day, without filling the tab with dates months away; the dataset's anniversaries are spread
 * across the year, so a server never has more than a handful of the bot's events at once, far below
 * Discord's 100 per server (a test checks the most any 14 days hold).
 */
export const EVENTS_TAB_HORIZON_MS = 14 * 24 * 3_600_000;

/** One anniversary that should be in a server's Events tab now. */
export interface WantedEvent {
  event: DatedEvent;
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
 */
export function wantedEvents(
  settings: PlannerSettings & { eventsTab: boolean; paused: boolean },
  events: readonly DatedEvent[],
  now: number,
): WantedEvent[] {
  if (!settings.eventsTab || settings.paused) return [];
  const disabled = new Set(settings.disabledEvents);
  const wanted: WantedEvent[] = [];
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
