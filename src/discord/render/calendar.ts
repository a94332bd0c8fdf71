import ical, { ICalCalendarMethod, ICalEventRepeatingFreq } from 'ical-generator';
import type { CalendarEntry, CalendarReply } from '../../domain/calendar.js';
import type { Figure, Language } from '../../domain/dataset.js';
import { formatAlternatives, formatDate, formatNumber, messages } from '../../i18n/index.js';
import { placeName, placeTitle } from '../../i18n/place-names.js';
import { eventDateText, figureValue } from './lookup.js';
import { COLOURS, clip, LIMITS, link, type MessagePayload, NO_MENTIONS } from './payload.js';

/**
 * A UID that stays the same across downloads and languages, so importing the file again (or in another
 * language) updates the events instead of adding copies.
 */
export function calendarUid(eventId: string): string {
  return `${eventId}@remembrance-bot`;
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

/**
 * The .ics text (RFC 5545): one all-day event per anniversary on the day it is remembered (Khojaly on
 * 26 February), recurring yearly from the year it happened. ical-generator escapes text, folds lines and writes
 * CRLF; DTEND is explicit because Outlook shows an all-day event without one as lasting zero days.
 */
export function calendarFile(reply: CalendarReply, language: Language): string {
  const t = messages(language);
  const calendar = ical({
    name: t.calendarName,
    prodId: { company: 'remembrance-bot', product: 'anniversaries', language: language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  });
  for (const entry of reply.entries) {
    const { year, month, day } = entry.event.date;
    calendar.createEvent({
      id: calendarUid(entry.event.id),
      start: new Date(Date.UTC(year, month - 1, day)),
      end: new Date(Date.UTC(year, month - 1, day + 1)),
      allDay: true,
      stamp: new Date(reply.generatedAt),
      repeating: { freq: ICalEventRepeatingFreq.YEARLY },
      summary: summary(entry, language),
      description: description(entry, language),
      ...(entry.sources[0] ? { url: entry.sources[0].url } : {}),
    });
  }
  return calendar.toString();
}

/** `/calendar`: the file, and the same dates as text for readers who do not open it. */
export function renderCalendar(reply: CalendarReply, language: Language): MessagePayload {
  const t = messages(language);
  // The text follows the calendar year (as a calendar shows the events), not the years they happened in.
  const byDayOfYear = [...reply.entries].sort(
    (a, b) => a.event.date.month * 100 + a.event.date.day - (b.event.date.month * 100 + b.event.date.day),
  );
  const lines = byDayOfYear.map(
    (e) =>
      `**${formatDate({ year: 2000, month: e.event.date.month, day: e.event.date.day }, language, false)}** — ${placeName(e.event, language)}`,
  );
  const sources = [...new Map(reply.entries.flatMap((e) => e.sources).map((s) => [s.id, s])).values()];
  const periodNote = reply.periods.length
    ? t.calendarPeriodNote({
        names: formatAlternatives(
          reply.periods.map((e) => placeName(e, language)),
          language,
        ),
      })
    : '';
  return {
    embeds: [
      {
        title: t.calendarTitle,
        description: clip(
          [t.calendarBody({ count: reply.entries.length }), '', ...lines, '', periodNote].join('\n').trim(),
          LIMITS.embedDescription,
        ),
        color: COLOURS.remembrance,
        fields: [{ name: t.sourcesLabel, value: sources.map((s) => link(s.citation, s.url)).join('\n') }],
      },
    ],
    allowed_mentions: NO_MENTIONS,
    files: [
      { name: `remembrance-anniversaries-${language}.ics`, data: Buffer.from(calendarFile(reply, language)) },
    ],
  };
}
