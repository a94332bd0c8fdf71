import {
  anniversaryNumber,
  anniversaryOn,
  type CalendarDate,
  type LocalTime,
  localDate,
  localInstant,
  type Occurrence,
} from './anniversary.js';
import type { DayDate } from './dataset.js';

/** The most days ahead a server can be reminded (the /config reminder option's maximum). */
export const MAX_REMINDER_DAYS = 30;

/** A calendar date `days` days earlier (proleptic Gregorian, so month and year ends are crossed). */
export function daysEarlier(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day - days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The reminder `daysBefore` days ahead of an event's anniversary in `year`, at local `time` in `zone`.
 * `year` and `number` are the anniversary's (a reminder of a 5 January anniversary falls in December of the
 * year before); `date` and `at` are the reminder's own local day and instant.
 */
export function reminderIn(
  date: DayDate,
  year: number,
  daysBefore: number,
  time: LocalTime,
  zone: string,
): Occurrence {
  const day = daysEarlier(anniversaryOn(date, year), daysBefore);
  return { year, date: day, number: anniversaryNumber(date, year), at: localInstant(day, time, zone) };
}

/** The first reminder strictly after `after` (epoch ms); only anniversaries after the event itself count. */
export function nextReminder(
  date: DayDate,
  after: number,
  daysBefore: number,
  time: LocalTime,
  zone: string,
): Occurrence {
  // A reminder in local year L belongs to the anniversary of L or L+1 (at most 30 days ahead); the one of
  // year L-1 or earlier lies before `after`.
  for (let year = Math.max(localDate(after, zone).year, date.year + 1); ; year++) {
    const reminder = reminderIn(date, year, daysBefore, time, zone);
    if (reminder.at > after) return reminder;
  }
}

/** Reminders whose instant lies in `[from, to]` (epoch ms), oldest first. */
export function remindersBetween(
  date: DayDate,
  from: number,
  to: number,
  daysBefore: number,
  time: LocalTime,
  zone: string,
): Occurrence[] {
  const out: Occurrence[] = [];
  const last = localDate(to, zone).year + 1;
  for (let year = Math.max(localDate(from, zone).year, date.year + 1); year <= last; year++) {
    const reminder = reminderIn(date, year, daysBefore, time, zone);
    if (reminder.at >= from && reminder.at <= to) out.push(reminder);
  }
  return out;
}
