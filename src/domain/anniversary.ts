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
  const tz = IANAZone.create(zone);
  if (!tz.isValid) throw new Error(`invalid time zone ${zone}`);
  const wallMs = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  // The wall time read as UTC, minus an offset the zone has around that day, is an instant that shows
  // this wall time if the zone really has that offset then; the earliest such instant is the first
  // occurrence. Offsets are probed up to 36 h around, wider than any transition's reach.
  let best: number | null = null;
  const seen = new Set<number>();
  for (const hours of [-36, -12, 0, 12, 36]) {
    const offset = tz.offset(wallMs + hours * 3_600_000);
    if (seen.has(offset)) continue;
    seen.add(offset);
    const candidate = wallMs - offset * 60_000;
    if (tz.offset(candidate) === offset && (best === null || candidate < best)) best = candidate;
  }
  if (best !== null) return best;
  const wall = { ...date, hour: time.hour, minute: time.minute };
  return firstInstantAtOrAfter(wall, DateTime.fromObject(wall, { zone }).toMillis(), zone);
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
  // An anniversary in an earlier local year than `after` lies on an earlier local day, so before it.
  const startYear = Math.max(localDate(after, zone).year, date.year + 1);
  for (let year = startYear; ; year++) {
    const occurrence = occurrenceIn(date, year, time, zone);
    if (occurrence.at > after) return occurrence;
  }
}

function dayNumber(d: CalendarDate): number {
  return d.year * 10_000 + d.month * 100 + d.day;
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
  const first = localDate(from, zone);
  const last = localDate(to, zone);
  // An occurrence's instant is on its local day, so only days from `first` to `last` can hold one:
  // the calendar filter spares the zone arithmetic for every other event and year.
  for (let year = Math.max(first.year, date.year + 1); year <= last.year; year++) {
    const day = dayNumber(anniversaryOn(date, year));
    if (day < dayNumber(first) || day > dayNumber(last)) continue;
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
