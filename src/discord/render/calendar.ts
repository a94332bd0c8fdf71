import { createHash } from 'node:crypto';
import type { APIEmbed } from 'discord-api-types/v10';
import ical, { ICalCalendarMethod, ICalEventRepeatingFreq, type ICalRepeatingOptions } from 'ical-generator';
import type { CalendarEntry, CalendarReply } from '../../domain/calendar.js';
import type { Figure, Language } from '../../domain/dataset.js';
import { isLeapDay, type ServerDate } from '../../domain/server-date.js';
import { formatAlternatives, formatDate, formatNumber, messages } from '../../i18n/index.js';
import { placeName, placeTitle } from '../../i18n/place-names.js';
import { serverDateMessages } from '../../i18n/server-dates.js';
import { eventDateText, figureValue } from './lookup.js';
import {
  COLOURS,
  clip,
  embedLength,
  escapeMarkdown,
  LIMITS,
  link,
  type MessagePayload,
  NO_MENTIONS,
} from './payload.js';

/**
 * A UID that stays the same across downloads and languages, so importing the file again (or in another
 * language) updates the events instead of adding copies.
 */
export function calendarUid(eventId: string): string {
  return `${eventId}@remembrance-bot`;
}

/**
 * The UID of a server's own date: stable across downloads and languages like {@link calendarUid}, and distinct
 * per server (two servers may add the same name and day, which is one date id). It is a hash of the server and
 * the date rather than the server's id itself: a member may pass the file on outside the server, and nothing in
 * an import needs to say which server it came from.
 */
export function serverDateCalendarUid(guildId: string, dateId: string): string {
  const hash = createHash('sha256').update(`${guildId}\n${dateId}`).digest('hex').slice(0, 24);
  return `server-${hash}@remembrance-bot`;
}

/**
 * Every year on the day, from the year it happened. A 29 February is remembered on 28 February in common years
 * (`rememberedOn` in domain/anniversary), so its rule is "the last day of February": `BYMONTH=2;BYMONTHDAY=-1`.
 * A bare `FREQ=YEARLY` from 29 February has no day in common years (RFC 5545 §3.3.10 drops invalid dates; Google
 * and Apple skip those years, ical.js even moves them to 1 March), and `BYMONTHDAY=29` is the same rule spelled
 * out; neither is what the bot posts.
 */
function yearly(date: { month: number; day: number }): ICalRepeatingOptions {
  return date.month === 2 && date.day === 29
    ? { freq: ICalEventRepeatingFreq.YEARLY, byMonth: [2], byMonthDay: [-1] }
    : { freq: ICalEventRepeatingFreq.YEARLY };
}

/** A server date's text in the file: who added it, their words, when it falls, and their link — nothing else. */
function serverDateDescription(date: ServerDate, language: Language): string {
  const s = serverDateMessages(language);
  return [
    `${s.addedBy}.`,
    ...(date.text === '' ? [] : [`${s.textLabel}: ${date.text}`]),
    ...(isLeapDay(date.date) ? [s.leapDay] : []),
    '',
    `${s.sourceLabel}: ${date.sourceUrl}`,
  ].join('\n');
}

function figureLines(entry: CalendarEntry, language: Language): string[] {
  const t = messages(language);
  const { event } = entry;
  if (event.kind !== 'massacre') {
    return event.figures.map((f) => `${t.territoryLabel}: ${figureValue(f, language)}`);
  }
  const n = (kind: Figure['kind']) => {
    const f = event.figures.find((x) => x.kind === kind);
    return f ? formatNumber(f.value, language) : '—';
  };
  return [
    `${t.killedLabel}: ${t.killedValue({ killed: n('killed'), women: n('killed-women'), children: n('killed-children'), elderly: n('killed-elderly') })}`,
    `${t.woundedLabel}: ${n('wounded')}`,
    `${t.hostagesLabel}: ${n('hostages')}`,
    `${t.missingLabel}: ${n('missing')}`,
  ];
}

function summary(entry: CalendarEntry, language: Language): string {
  const t = messages(language);
  const p = { name: placeTitle(entry.event, language), year: entry.event.date.year };
  return entry.event.kind === 'massacre' ? t.calendarMassacreSummary(p) : t.calendarOccupationSummary(p);
}

function description(entry: CalendarEntry, language: Language): string {
  const t = messages(language);
  const { event } = entry;
  const when = eventDateText(event.date, language);
  return [
    event.kind === 'massacre'
      ? t.calendarMassacreNight({ night: when })
      : t.calendarOccupationDate({ date: when }),
    ...figureLines(entry, language),
    ...(event.kind === 'massacre' ? [] : [t.areasNote]),
    '',
    ...entry.sources.map((s) => `${t.sourceLabel}: ${s.citation} — ${s.url}`),
  ].join('\n');
}

/** Midnight UTC of a day (years below 100 are kept as they are, not read as 19xx). */
function utcDay(year: number, month: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d;
}

/** One yearly all-day event; DTEND is explicit because Outlook shows one without it as lasting zero days. */
function yearlyEvent(
  date: { year: number; month: number; day: number },
  fields: { id: string; summary: string; description: string; url: string | undefined },
  generatedAt: number,
) {
  const { year, month, day } = date;
  return {
    id: fields.id,
    start: utcDay(year, month, day),
    end: utcDay(year, month, day + 1),
    allDay: true,
    stamp: new Date(generatedAt),
    repeating: yearly(date),
    summary: fields.summary,
    description: fields.description,
    ...(fields.url ? { url: fields.url } : {}),
  };
}

/**
 * The .ics text (RFC 5545): one all-day event per anniversary on the day it is remembered (Khojaly on
 * 26 February), recurring yearly from the year it happened; in a server, its own dates after the dataset's,
 * each titled and described as added by its admins, with their link as the event's URL. ical-generator escapes
 * text, folds lines and writes CRLF.
 */
export function calendarFile(reply: CalendarReply, language: Language): string {
  const t = messages(language);
  const calendar = ical({
    name: t.calendarName,
    prodId: { company: 'remembrance-bot', product: 'anniversaries', language: language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const entry of reply.entries) {
    calendar.createEvent(
      yearlyEvent(
        entry.event.date,
        {
          id: calendarUid(entry.event.id),
          summary: summary(entry, language),
          description: description(entry, language),
          url: entry.sources[0]?.url,
        },
        reply.generatedAt,
      ),
    );
  }
  const { guildId } = reply;
  if (guildId !== null) {
    for (const date of reply.serverDates) {
      calendar.createEvent(
        yearlyEvent(
          date.date,
          {
            id: serverDateCalendarUid(guildId, date.id),
            summary: t.calendarOwnSummary({ name: date.name, year: date.date.year }),
            description: serverDateDescription(date, language),
            url: date.sourceUrl,
          },
          reply.generatedAt,
        ),
      );
    }
  }
  return calendar.toString();
}

/** Month and day, without the year: the text follows the calendar year, as a calendar shows the events. */
function dayOfYear(date: { month: number; day: number }, language: Language): string {
  return formatDate({ year: 2000, month: date.month, day: date.day }, language, false);
}

const byDayOfYear = (a: { month: number; day: number }, b: { month: number; day: number }) =>
  a.month * 100 + a.day - (b.month * 100 + b.day);

/**
 * The server's own dates as text, in an embed of their own under "Added by this server's admins", each with its
 * link: never among the dataset's lines or its sources (as /timeline shows them). None when there are none.
 */
function serverDatesEmbed(reply: CalendarReply, language: Language, room: number): APIEmbed[] {
  if (reply.serverDates.length === 0) return [];
  const s = serverDateMessages(language);
  const lines = [...reply.serverDates]
    .sort((a, b) => byDayOfYear(a.date, b.date))
    .map((d) => `**${dayOfYear(d.date, language)}** — ${escapeMarkdown(d.name)} · <${d.sourceUrl}>`);
  return [
    {
      author: { name: s.addedBy },
      description: clip(lines.join('\n'), Math.min(LIMITS.embedDescription, room - s.addedBy.length)),
      color: COLOURS.remembrance,
    },
  ];
}

/** `/calendar`: the file, and the same dates as text for readers who do not open it. */
export function renderCalendar(reply: CalendarReply, language: Language): MessagePayload {
  const t = messages(language);
  const lines = [...reply.entries]
    .sort((a, b) => byDayOfYear(a.event.date, b.event.date))
    .map((e) => `**${dayOfYear(e.event.date, language)}** — ${placeName(e.event, language)}`);
  const sources = [...new Map(reply.entries.flatMap((e) => e.sources).map((s) => [s.id, s])).values()];
  const periodNote = reply.periods.length
    ? t.calendarPeriodNote({
        names: formatAlternatives(
          reply.periods.map((e) => placeName(e, language)),
          language,
        ),
      })
    : '';
  const head = [
    t.calendarBody({ count: reply.entries.length }),
    reply.serverDates.length > 0 ? t.calendarOwnDates({ count: reply.serverDates.length }) : '',
    reply.turnedOff > 0 ? t.calendarTurnedOff({ count: reply.turnedOff }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const main: APIEmbed = {
    title: t.calendarTitle,
    description: clip([head, '', ...lines, '', periodNote].join('\n').trim(), LIMITS.embedDescription),
    color: COLOURS.remembrance,
    // A server that turned every dataset day off has no dataset source to name (an empty field is refused).
    ...(sources.length > 0
      ? { fields: [{ name: t.sourcesLabel, value: sources.map((s) => link(s.citation, s.url)).join('\n') }] }
      : {}),
  };
  return {
    embeds: [main, ...serverDatesEmbed(reply, language, LIMITS.embedsTotal - embedLength(main))],
    allowed_mentions: NO_MENTIONS,
    files: [
      { name: `remembrance-anniversaries-${language}.ics`, data: Buffer.from(calendarFile(reply, language)) },
    ],
  };
}
