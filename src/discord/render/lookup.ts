import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Figure, Language, RemembranceEvent, Source } from '../../domain/dataset.js';
import type {
  KhojalyReply,
  PlaceReply,
  SourcesReply,
  TimelineReply,
  UnknownPlaceReply,
  UpcomingReply,
} from '../../domain/replies.js';
import { formatAlternatives, formatDate, formatNumber, messages } from '../../i18n/index.js';
import { citedAs, eventName, placeName, placeTitle } from '../../i18n/place-names.js';
import { serverDateMessages } from '../../i18n/server-dates.js';
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
import { postingTime } from './posting-time.js';
import { ownDateName } from './server-dates.js';

type Dated = Exclude<RemembranceEvent['date'], { type: 'period' }>;

function figure(event: RemembranceEvent, kind: Figure['kind']): Figure | undefined {
  return event.figures.find((f) => f.kind === kind);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sourceLine(source: Source): string {
  return link(source.citation, source.url);
}

/** "25–26 February 1992" for a night, "8 May 1992" for a day. */
export function eventDateText(date: Dated, language: Language): string {
  const day = formatDate({ year: date.year, month: date.month, day: date.day }, language);
  return date.type === 'night' ? `${date.nightStartsDay}–${day}` : day;
}

function agoText(years: number | null, language: Language): string {
  const t = messages(language);
  return years === null ? '' : t.yearsAgo({ years: t.years(years) });
}

/** Renders any figure as the language writes it (289 km², 1,000). */
export function figureValue(f: Figure, language: Language): string {
  const value = formatNumber(f.value, language);
  return f.unit === 'km2' ? messages(language).km2({ value }) : value;
}

function khojalyFields(event: RemembranceEvent, language: Language): APIEmbedField[] {
  const t = messages(language);
  const n = (kind: Figure['kind']) => {
    const f = figure(event, kind);
    return f ? formatNumber(f.value, language) : '—';
  };
  return [
    {
      name: t.killedLabel,
      value: t.killedValue({
        killed: n('killed'),
        women: n('killed-women'),
        children: n('killed-children'),
        elderly: n('killed-elderly'),
      }),
    },
    { name: t.woundedLabel, value: n('wounded'), inline: true },
    { name: t.hostagesLabel, value: n('hostages'), inline: true },
    { name: t.missingLabel, value: n('missing'), inline: true },
  ];
}

function quoteField(event: RemembranceEvent, language: Language): APIEmbedField {
  const quotes = [...new Set([event.dateAsInSource.quote, ...event.figures.map((f) => f.quote)])];
  return {
    name: messages(language).quoteLabel,
    value: clip(quotes.map((q) => `> ${q}`).join('\n'), LIMITS.fieldValue),
  };
}

/** `/district` for any event. */
export function renderPlace(reply: PlaceReply, language: Language): MessagePayload {
  const t = messages(language);
  const { event } = reply;
  if (event.kind === 'massacre') {
    return renderKhojaly(
      { kind: 'khojaly', event, source: reply.dateSource, yearsAgo: reply.yearsAgo },
      language,
    );
  }
  const date = event.date;
  const fields: APIEmbedField[] = [
    {
      name: t.placeDateLabel,
      value:
        date.type === 'period'
          ? t.placePeriodValue({ from: date.fromYear, to: date.toYear })
          : t.placeDateValue({ date: eventDateText(date, language), ago: agoText(reply.yearsAgo, language) }),
    },
    ...event.figures.map((f) => ({ name: t.territoryLabel, value: figureValue(f, language), inline: true })),
    quoteField(event, language),
    {
      name: t.sourceLabel,
      value: [...new Set([reply.dateSource, ...reply.figureSources])].map((s) => sourceLine(s)).join('\n'),
    },
  ];
  const description = [
    t.accordingTo({ citation: citedAs(reply.dateSource, language) }),
    reply.matchedName ? t.foundBy({ name: reply.matchedName }) : null,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    embeds: [
      {
        title: clip(placeTitle(event, language), LIMITS.embedTitle),
        description,
        color: COLOURS.remembrance,
        fields,
        footer: { text: t.areasNote },
      },
    ],
    allowed_mentions: NO_MENTIONS,
  };
}

/** `/khojaly`. */
export function renderKhojaly(reply: KhojalyReply, language: Language): MessagePayload {
  const t = messages(language);
  const { event, source } = reply;
  if (event.date.type === 'period') throw new Error('Khojaly has a date');
  const night = eventDateText(event.date, language);
  return {
    embeds: [
      {
        title: clip(t.massacreTitle({ name: eventName(event, language), night }), LIMITS.embedTitle),
        description: t.khojalyAttribution({ citation: citedAs(source, language) }),
        color: COLOURS.remembrance,
        fields: [
          ...khojalyFields(event, language),
          quoteField(event, language),
          { name: t.sourceLabel, value: sourceLine(source) },
        ],
        footer: {
          text: [
            agoText(reply.yearsAgo, language),
            t.rememberedOn({
              date: formatDate({ year: 2000, month: event.date.month, day: event.date.day }, language, false),
            }),
          ]
            .filter(Boolean)
            .join(' · '),
        },
      },
    ],
    allowed_mentions: NO_MENTIONS,
  };
}

/** `/timeline`. */
export function renderTimeline(reply: TimelineReply, language: Language): MessagePayload {
  const t = messages(language);
  const lines = reply.events.map((event) => {
    const date = event.date;
    const when =
      date.type === 'period'
        ? t.timelinePeriod({ from: date.fromYear, to: date.toYear })
        : eventDateText(date, language);
    const main = event.figures[0];
    const figureText = !main
      ? ''
      : main.kind === 'killed'
        ? t.timelineKilled({ value: formatNumber(main.value, language) })
        : figureValue(main, language);
    return `**${when}** — ${eventName(event, language)} · ${figureText}`;
  });
  const main: APIEmbed = {
    title: t.timelineTitle,
    description: clip(lines.join('\n'), LIMITS.embedDescription),
    color: COLOURS.remembrance,
    fields: [{ name: t.sourcesLabel, value: reply.sources.map((s) => sourceLine(s)).join('\n') }],
    footer: { text: t.timelineFooter },
  };
  return {
    embeds: [main, ...serverDatesEmbed(reply, language, LIMITS.embedsTotal - embedLength(main))],
    allowed_mentions: NO_MENTIONS,
  };
}

/**
 * The server's own dates in an embed of their own under "Added by this server's admins", each with their
 * source link: never among the dataset's lines or its sources. None when the server has none.
 */
function serverDatesEmbed(reply: TimelineReply, language: Language, room: number): APIEmbed[] {
  if (reply.serverDates.length === 0) return [];
  const s = serverDateMessages(language);
  const lines = reply.serverDates.map(
    (d) => `**${formatDate(d.date, language)}** — ${escapeMarkdown(d.name)} · <${d.sourceUrl}>`,
  );
  return [
    {
      author: { name: s.addedBy },
      description: clip(lines.join('\n'), Math.min(LIMITS.embedDescription, room - s.addedBy.length)),
      color: COLOURS.remembrance,
    },
  ];
}

/**
 * `/upcoming`: each anniversary once — its own date and the posting time in the server's zone as text, the
 * same for every reader, and a relative Discord timestamp ("in 3 days") that is true wherever they are.
 * No absolute Discord timestamp: shown in a reader's own zone it could name another day.
 */
export function renderUpcoming(reply: UpcomingReply, language: Language): MessagePayload {
  const t = messages(language);
  const lines = reply.items.map(({ event, serverDate, occurrence }) => {
    return t.upcomingLine({
      // A server's own date is always marked as theirs, with their source.
      name: event ? placeName(event, language) : ownDateName(serverDate, language, true),
      ordinal: t.ordinal(occurrence.number),
      ...postingTime(occurrence.at, reply.zone, language),
    });
  });
  return {
    embeds: [
      {
        title: t.upcomingTitle,
        description: clip(lines.length > 0 ? lines.join('\n') : t.upcomingNone, LIMITS.embedDescription),
        color: COLOURS.remembrance,
        ...(reply.turnedOff > 0 ? { footer: { text: t.upcomingTurnedOff({ count: reply.turnedOff }) } } : {}),
      },
    ],
    allowed_mentions: NO_MENTIONS,
  };
}

/** `/sources`. */
export function renderSources(reply: SourcesReply, language: Language): MessagePayload {
  const t = messages(language);
  return {
    embeds: reply.sources.slice(0, 10).map(({ source, events }) => ({
      title: clip(source.title, LIMITS.embedTitle),
      url: source.url,
      description: clip(
        [
          // Who published it, as this language names them (a line of its own, so it starts a sentence).
          capitalised(citedAs(source, language)),
          source.url,
          t.sourceCite({ citation: source.citation }),
        ]
          .filter(Boolean)
          .join('\n'),
        LIMITS.embedDescription,
      ),
      color: COLOURS.remembrance,
      fields: [
        {
          name: t.sourceSupports,
          value: clip(
            `${source.supports[language]}\n${events.map((e) => placeName(e, language)).join(', ')}`,
            LIMITS.fieldValue,
          ),
        },
      ],
    })),
    allowed_mentions: NO_MENTIONS,
  };
}

/** An unknown name: ephemeral, with the closest names. */
export function renderUnknownPlace(reply: UnknownPlaceReply, language: Language): MessagePayload {
  const t = messages(language);
  const query = escapeMarkdown(clip(reply.query, 100));
  const names = reply.suggestions.map((e) => `**${placeName(e, language)}**`);
  return {
    content:
      names.length > 0
        ? t.unknownPlace({ query, suggestions: formatAlternatives(names, language) })
        : t.unknownPlaceNoSuggestion({ query }),
    embeds: [],
    allowed_mentions: NO_MENTIONS,
  };
}
