import { DateTime, IANAZone } from 'luxon';
import type { DayDate, EventDate } from './dataset.js';

/** A local wall-clock time of day. */
export interface LocalTime {
  hour: number;
  minute: number;
}

/** A calendar date without a zone. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** True when `zone` is an IANA time zone name luxon can use (e.g. "Asia/Baku"). */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The calendar day an event is remembered on in `year`. An event on 29 February is
 * remembered on 28 February in years that have no 29 February.
 */
export function anniversaryOn(date: DayDate, year: number): CalendarDate {
  if (date.month === 2 && date.day === 29 && !isLeapYear(year)) return { year, month: 2, day: 28 };
  return { year, month: date.month, day: date.day };
}

/** Which anniversary falls in `year` (1992 → 2027 is the 35th); 0 or less before the first. */
export function anniversaryNumber(date: DayDate, year: number): number {
  return year - date.year;
}

/** Whether an event date has a day to remember; a period (1988–1992) does not. */
export function hasAnniversary(date: EventDate): date is DayDate {
  return date.type !== 'period';
}

/**
 * The instant a local date and time occurs in `zone`, following the clocks:
 * a time that happens twice (clocks going back) is its first occurrence;
 * a time that does not exist (clocks going forward) becomes the first minute after the gap.
 * @returns epoch milliseconds.
 */
export function localInstant(date: CalendarDate, time: LocalTime, zone: string): number {
  const wall = { ...date, hour: time.hour, minute: time.minute, second: 0, millisecond: 0 };
  const guess = DateTime.fromObject(wall, { zone });
  if (!guess.isValid) throw new Error(`invalid local time ${JSON.stringify(wall)} in ${zone}`);
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // The wall time read as UTC, minus each offset the zone has around that day, gives every
  // instant that shows this wall time; the earliest one that really does is the first occurrence.
  const offsets = new Set<number>();
  for (const hours of [-36, -12, 0, 12, 36]) offsets.add(guess.plus({ hours }).offset);
  const candidates = [...offsets]
    .map((offsetMinutes) => wallMs - offsetMinutes * 60_000)
    .filter((ms) => sameWall(DateTime.fromMillis(ms, { zone }), wall))
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return candidates[0];
  return firstInstantAtOrAfter(wall, guess.toMillis(), zone);
}

function sameWall(dt: DateTime, wall: CalendarDate & LocalTime): boolean {
  return (
    dt.year === wall.year &&
    dt.month === wall.month &&
    dt.day === wall.day &&
    dt.hour === wall.hour &&
    dt.minute === wall.minute
  );
}

/** In a gap: the transition instant, i.e. the earliest instant whose wall time is past the requested one. */
function firstInstantAtOrAfter(wall: CalendarDate & LocalTime, upper: number, zone: string): number {
  const target = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const wallOf = (ms: number) => {
    const dt = DateTime.fromMillis(ms, { zone });
    return Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute);
  };
  let lo = upper - 26 * 3_600_000; // certainly before the gap
  let hi = upper; // luxon shifted the time forward, so this is after it
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (wallOf(mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The local calendar date at an instant in a zone. */
export function localDate(instant: number, zone: string): CalendarDate {
  const dt = DateTime.fromMillis(instant, { zone });
  return { year: dt.year, month: dt.month, day: dt.day };
}

/** The first instant of the local day that contains `instant` in `zone`, epoch ms. */
export function startOfLocalDay(instant: number, zone: string): number {
  return DateTime.fromMillis(instant, { zone }).startOf('day').toMillis();
}

/** Whether two calendar dates are the same day. */
export function sameDate(a: CalendarDate, b: CalendarDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** One upcoming anniversary of an event at a local time in a zone. */
export interface Occurrence {
  year: number;
  /** The local calendar day it is remembered on. */
  date: CalendarDate;
  /** Which anniversary it is. */
  number: number;
  /** When the local time comes on that day, epoch ms. */
  at: number;
}

/** The occurrence of an event's anniversary in `year` at `time` in `zone`. */
export function occurrenceIn(date: DayDate, year: number, time: LocalTime, zone: string): Occurrence {
  const day = anniversaryOn(date, year);
  return { year, date: day, number: anniversaryNumber(date, year), at: localInstant(day, time, zone) };
}

/**
 * The first occurrence strictly after `after` (epoch ms) of an event's anniversary at local `time` in `zone`.
 * Only anniversaries after the event itself count (the first is one year later).
 */
export function nextOccurrence(date: DayDate, after: number, time: LocalTime, zone: string): Occurrence {
  const startYear = Math.max(localDate(after, zone).year - 1, date.year + 1);
  for (let year = startYear; ; year++) {
    const occurrence = occurrenceIn(date, year, time, zone);
    if (occurrence.at > after) return occurrence;
  }
}

/**
 * Occurrences whose instant lies in `[from, to]` (epoch ms), oldest first.
 */
export function occurrencesBetween(
  date: DayDate,
  from: number,
  to: number,
  time: LocalTime,
  zone: string,
): Occurrence[] {
  const out: Occurrence[] = [];
  const first = Math.max(localDate(from, zone).year - 1, date.year + 1);
  const last = localDate(to, zone).year + 1;
  for (let year = first; year <= last; year++) {
    const occurrence = occurrenceIn(date, year, time, zone);
    if (occurrence.at >= from && occurrence.at <= to) out.push(occurrence);
  }
  return out;
}

/** Whole years between an event's date and a local date (how long ago it was). */
export function yearsSince(date: DayDate, today: CalendarDate): number {
  const day = anniversaryOn(date, today.year);
  const reached = today.month > day.month || (today.month === day.month && today.day >= day.day);
  return today.year - date.year - (reached ? 0 : 1);
}

/**
 * Parses a posting time as admins type it: `9`, `9:00`, `09:00`, `21:30`.
 * @returns the time, or null when it is not a valid 24-hour time.
 */
export function parseLocalTime(text: string): LocalTime | null {
  const m = /^\s*(\d{1,2})(?:[:.h](\d{2}))?\s*$/.exec(text);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/** `HH:MM`, zero-padded. */
export function formatLocalTime(time: LocalTime): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}
