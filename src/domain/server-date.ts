import { createHash } from 'node:crypto';
import type { CalendarDate } from './anniversary.js';
import type { DayDate } from './dataset.js';

/** A remembrance date a server's admins added, with the source they gave. Never part of the dataset. */
export interface ServerDate {
  guildId: string;
  /** Stable: derived from the name and the date (see {@link serverDateId}); the ledger's event id. */
  id: string;
  name: string;
  date: CalendarDate;
  sourceUrl: string;
  text: string;
  /** The role its notice mentions instead of the server's; null = the server's role. */
  roleId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What an admin gives for a date, as typed. */
export interface ServerDateInput {
  name: string;
  date: string;
  source: string;
  text: string;
}

export const SERVER_DATE_LIMITS = { name: 80, source: 512, text: 500, perServer: 25 } as const;

/** Every server date's id starts with this; no dataset id can (dataset ids are lowercase words). */
export const SERVER_DATE_ID_PREFIX = 'server:';

/** Why an admin's date was refused; nothing was changed. */
export type ServerDateProblem =
  | 'date-name'
  | 'date-format'
  | 'date-not-a-day'
  | 'date-future'
  | 'date-source'
  | 'date-text'
  | 'date-limit'
  | 'date-duplicate'
  | 'date-unknown'
  | 'date-role-both';

/**
 * The identity of a server date: a hash of its name (trimmed, NFC, case-folded) and its day, so removing
 * and adding the same date again is the same event to the delivery ledger, and cannot post twice a year.
 */
export function serverDateId(name: string, date: CalendarDate): string {
  const key = `${foldName(name)}\n${isoDate(date)}`;
  return `${SERVER_DATE_ID_PREFIX}${createHash('sha256').update(key).digest('hex').slice(0, 20)}`;
}

export function isServerDateId(id: string): boolean {
  return id.startsWith(SERVER_DATE_ID_PREFIX);
}

function foldName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** `YYYY-MM-DD`. */
export function isoDate(date: CalendarDate): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/**
 * Reads `YYYY-MM-DD` as a calendar date: 'date-format' when it is not that form, 'date-not-a-day' when
 * the day does not exist (2023-02-29, 2024-13-01).
 */
export function parseIsoDate(text: string): CalendarDate | 'date-format' | 'date-not-a-day' {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return 'date-format';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  d.setUTCFullYear(year);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return 'date-not-a-day';
  }
  return { year, month, day };
}

function dayNumber(d: CalendarDate): number {
  return d.year * 10_000 + d.month * 100 + d.day;
}

/**
 * A source link admins may give: `https://` only, with a host, no user name or password in it, at most
 * {@link SERVER_DATE_LIMITS.source} characters.
 */
export function isAcceptableSource(text: string): boolean {
  return sourceLink(text) !== null;
}

/**
 * The link as stored and shown: the URL parser's form of an acceptable source (characters such as `<`, `>`
 * or quotes percent-encoded, so it cannot break out of the place it is shown in), or null.
 */
export function sourceLink(raw: string): string | null {
  const text = raw.trim();
  if (text.length > SERVER_DATE_LIMITS.source || !/^https:\/\//i.test(text) || /\s/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '')
    return null;
  return url.href.length > SERVER_DATE_LIMITS.source ? null : url.href;
}

/**
 * Checks what an admin typed: a name of 1–80 characters, a real day not after `today` (the server's local
 * date), an acceptable source link, a text of at most 500 characters. Returns the cleaned values or the
 * first problem. The per-server limit and duplicates are checked where the dates are stored.
 */
export function checkServerDate(
  input: ServerDateInput,
  today: CalendarDate,
):
  | { ok: true; value: { name: string; date: CalendarDate; sourceUrl: string; text: string } }
  | { ok: false; problem: ServerDateProblem } {
  // Line breaks would let a name or text lay itself out as lines of the notice.
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (name.length < 1 || name.length > SERVER_DATE_LIMITS.name) return { ok: false, problem: 'date-name' };
  const date = parseIsoDate(input.date);
  if (typeof date === 'string') return { ok: false, problem: date };
  if (dayNumber(date) > dayNumber(today)) return { ok: false, problem: 'date-future' };
  const sourceUrl = sourceLink(input.source);
  if (sourceUrl === null) return { ok: false, problem: 'date-source' };
  const text = checkText(input.text);
  if (text === null) return { ok: false, problem: 'date-text' };
  return { ok: true, value: { name, date, sourceUrl, text } };
}

/** A date's text, cleaned, or null when it is longer than allowed. */
export function checkText(raw: string): string | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  return text.length > SERVER_DATE_LIMITS.text ? null : text;
}

/** The date the planner plans: remembered on its day, 29 February on 28 February in common years. */
export function plannedDay(date: ServerDate): DayDate {
  return { type: 'day', year: date.date.year, month: date.date.month, day: date.date.day };
}

/** Whether a date falls on 29 February (its reply says when it is remembered in common years). */
export function isLeapDay(date: CalendarDate): boolean {
  return date.month === 2 && date.day === 29;
}
