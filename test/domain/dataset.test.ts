import { beforeAll, describe, expect, it } from 'vitest';
import { calendarCommand } from '../../commands/calendar.js';
import { districtCommand } from '../../commands/district.js';
import { khojalyCommand } from '../../commands/khojaly.js';
import { sourcesCommand } from '../../commands/sources.js';
import { timelineCommand } from '../../commands/timeline.js';
import { upcomingCommand } from '../../commands/upcoming.js';
import type { Reply } from '../../src/app/reply.js';
import { calendarFile } from '../../src/discord/render/calendar.js';
import { renderReply } from '../../src/discord/render/index.js';
import { renderNotice } from '../../src/discord/render/notice.js';
import type { MessagePayload } from '../../src/discord/render/payload.js';
import { timelinePictureText } from '../../src/discord/render/timeline-picture.js';
import { nextOccurrence } from '../../src/domain/anniversary.js';
import {
  type Dataset,
  eventsWithDay,
  LANGUAGES,
  parseDataset,
  type RemembranceEvent,
} from '../../src/domain/dataset.js';
import { noticeFor } from '../../src/domain/notice.js';
import { CHANNEL, commandContext, GUILD, invocation, ROLE } from '../render/command-context.js';
import { readCalendar } from '../render/ics-reader.js';
import { at, rawDataset, realDataset, sourceText } from './fixtures.js';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** One entry of "The Occupation in Figures", read from the source text without the bot's code. */
interface SourceEntry {
  place: string;
  /** The whole entry as written, e.g. "Shusha: may 08, 1992, territory 289 km2". */
  text: string;
  dateText: string;
  date: { year: number; month: number; day: number } | { fromYear: number; toYear: number };
  territory: number;
}

function parseOccupationBox(text: string): SourceEntry[] {
  const pattern =
    /([A-Z][A-Za-z-]+): ((?:([a-z]+) (\d{1,2}), (\d{4}))|(?:(\d{4})-(\d{4}))), territory (\d+) km2/g;
  return [...text.matchAll(pattern)].map((m) => {
    const [whole, place, dateText, monthName, day, year, fromYear, toYear, territory] = m;
    const date =
      monthName !== undefined
        ? { year: Number(year), month: MONTHS.indexOf(monthName) + 1, day: Number(day) }
        : { fromYear: Number(fromYear), toYear: Number(toYear) };
    return {
      place: place as string,
      text: whole,
      dateText: dateText as string,
      date,
      territory: Number(territory),
    };
  });
}

/** The Khojaly figures and night, read from the Ministry's sentences without the bot's code. */
function parseKhojalyStatement(text: string) {
  const toNumber = (s: string | undefined) => Number((s ?? '').replace(/,/g, ''));
  const casualties =
    /([\d,]+) civilians were killed, including ([\d,]+) women, ([\d,]+) children and ([\d,]+) elderly\. Another ([\d,]+) people were wounded and ([\d,]+) people were taken hostage\. To this day, ([\d,]+) people from Khojaly remain missing\./.exec(
      text,
    );
  const night = /On the night of Feb\. (\d{1,2})-(\d{1,2}), (\d{4})/.exec(text);
  if (!casualties || !night) throw new Error('the Khojaly sentences are not in the source document');
  return {
    killed: toNumber(casualties[1]),
    'killed-women': toNumber(casualties[2]),
    'killed-children': toNumber(casualties[3]),
    'killed-elderly': toNumber(casualties[4]),
    wounded: toNumber(casualties[5]),
    hostages: toNumber(casualties[6]),
    missing: toNumber(casualties[7]),
    night: {
      nightStartsDay: Number(night[1]),
      day: Number(night[2]),
      month: 2,
      year: Number(night[3]),
    },
    nightText: night[0],
  };
}

describe('the shipped dataset', () => {
  let dataset: Dataset;
  let source: string;
  beforeAll(() => {
    dataset = realDataset();
    source = sourceText(dataset);
  });

  it('loads and validates', () => {
    expect(dataset.sources.map((s) => s.id)).toEqual(['occupation-in-figures', 'mfa-khojaly-2017']);
    expect(dataset.events.map((e) => e.id)).toEqual([
      'nagorno-karabakh',
      'shusha',
      'lachin',
      'kalbajar',
      'aghdam',
      'fizuli',
      'jabrayil',
      'gubadli',
      'zangilan',
      'khojaly',
    ]);
    expect(parseDataset(rawDataset()).ok).toBe(true);
  });

  it('reads nine entries from the occupation box, in the figures the reference table lists', () => {
    const entries = parseOccupationBox(source);
    expect(entries.map((e) => [e.place, e.territory])).toEqual([
      ['Nagorno-Karabakh', 4400],
      ['Shusha', 289],
      ['Lachin', 1840],
      ['Kalbajar', 3054],
      ['Aghdam', 1150],
      ['Fizuli', 1390],
      ['Jabrayil', 1050],
      ['Gubadli', 802],
      ['Zangilan', 707],
    ]);
  });

  it('has exactly one occupation event per entry of the box, with its territory, date and words', () => {
    const entries = parseOccupationBox(source);
    const occupations = dataset.events.filter((e) => e.kind === 'occupation');
    expect(occupations.map((e) => e.names.source)).toEqual(entries.map((e) => e.place));
    for (const entry of entries) {
      const event = occupations.find((e) => e.names.source === entry.place) as RemembranceEvent;
      expect(event.figures, entry.place).toHaveLength(1);
      expect(event.figures[0], entry.place).toMatchObject({
        kind: 'territory',
        unit: 'km2',
        value: entry.territory,
        sourceId: 'occupation-in-figures',
        quote: entry.text,
      });
      expect(event.dateAsInSource, entry.place).toEqual({
        sourceId: 'occupation-in-figures',
        quote: entry.text,
        text: entry.dateText,
      });
      if ('fromYear' in entry.date) {
        expect(event.date, entry.place).toEqual({ type: 'period', ...entry.date });
      } else {
        expect(event.date, entry.place).toEqual({ type: 'day', ...entry.date });
      }
    }
  });

  it('gives Khojaly the night and the seven figures of the Ministry’s statement', () => {
    const statement = parseKhojalyStatement(source);
    expect(statement).toMatchObject({
      killed: 613,
      'killed-women': 106,
      'killed-children': 63,
      'killed-elderly': 70,
      wounded: 1000,
      hostages: 1275,
      missing: 150,
    });
    const khojaly = dataset.events.find((e) => e.kind === 'massacre') as RemembranceEvent;
    expect(khojaly.id).toBe('khojaly');
    expect(khojaly.date).toEqual({ type: 'night', ...statement.night });
    expect(khojaly.dateAsInSource.quote).toBe(statement.nightText);
    const byKind = Object.fromEntries(khojaly.figures.map((f) => [f.kind, f.value]));
    expect(byKind).toEqual({
      killed: statement.killed,
      'killed-women': statement['killed-women'],
      'killed-children': statement['killed-children'],
      'killed-elderly': statement['killed-elderly'],
      wounded: statement.wounded,
      hostages: statement.hostages,
      missing: statement.missing,
    });
    for (const figure of khojaly.figures) {
      expect(figure.sourceId).toBe('mfa-khojaly-2017');
      expect(figure.unit).toBe('people');
    }
  });

  it('quotes every figure and date word for word, in the part of the document its source wrote', () => {
    const [occupationSource, statementSource] = dataset.sources;
    // The document holds the box first, then the statement under its headline.
    const headline = source.indexOf(statementSource?.title ?? '\u0000');
    expect(headline).toBeGreaterThan(0);
    expect(source.startsWith(occupationSource?.title ?? '\u0000')).toBe(true);
    const part = (sourceId: string) =>
      sourceId === occupationSource?.id ? source.slice(0, headline) : source.slice(headline);
    for (const event of dataset.events) {
      const quotes = [
        { sourceId: event.dateAsInSource.sourceId, quote: event.dateAsInSource.quote },
        { sourceId: event.dateAsInSource.sourceId, quote: event.dateAsInSource.text },
        ...event.figures,
      ];
      for (const { sourceId, quote } of quotes) {
        expect(part(sourceId), `${event.id}: ${quote}`).toContain(quote);
      }
      expect(event.dateAsInSource.quote, event.id).toContain(event.dateAsInSource.text);
      for (const figure of event.figures) {
        // The quoted words carry the number itself, as the source writes it (1000 or 1,000).
        const written = [String(figure.value), figure.value.toLocaleString('en-US')];
        const numbers = (figure.quote.match(/\d[\d,]*/g) ?? []).map((n) => n.replace(/,$/, ''));
        expect(
          numbers.some((n) => written.includes(n)),
          `${event.id}/${figure.id}: ${figure.quote}`,
        ).toBe(true);
      }
    }
  });

  it('keeps the source’s dates where other accounts differ (Kalbajar 2 Apr, Jabrayil 23 Aug, Zangilan 29 Oct)', () => {
    const date = (id: string) => dataset.events.find((e) => e.id === id)?.date;
    expect(date('kalbajar')).toEqual({ type: 'day', year: 1993, month: 4, day: 2 });
    expect(date('jabrayil')).toEqual({ type: 'day', year: 1993, month: 8, day: 23 });
    expect(date('zangilan')).toEqual({ type: 'day', year: 1993, month: 10, day: 29 });
  });
});

/** Every text a payload shows, so nothing a member reads is left unchecked. */
function shownText(payload: MessagePayload): string {
  const parts: string[] = [payload.content ?? ''];
  for (const embed of payload.embeds) {
    parts.push(
      embed.title ?? '',
      embed.description ?? '',
      embed.footer?.text ?? '',
      embed.author?.name ?? '',
    );
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
  }
  return parts.join('\n');
}

/** Whole numbers in a text, with thousands separators (1,390 · 1.390 · 1 390) removed. */
function numbersIn(text: string): number[] {
  const tokens = text.match(/\d{1,3}(?:[,.'\u00a0\u202f]\d{3})+(?!\d)|\d+/g) ?? [];
  return tokens.map((t) => Number(t.replace(/[,.'\u00a0\u202f]/g, '')));
}

describe('no reply or notice adds the areas up', () => {
  const now = at('2026-11-26T12:00:00Z');
  let dataset: Dataset;
  let areas: number[];
  let forbidden: Set<number>;
  let outputs: Array<{ what: string; text: string }>;

  beforeAll(async () => {
    dataset = realDataset();
    areas = dataset.events.flatMap((e) =>
      e.figures.filter((f) => f.kind === 'territory').map((f) => f.value),
    );
    // Every sum of two or more areas: whichever total someone might compute, it must never be shown.
    forbidden = new Set<number>();
    for (let mask = 0; mask < 2 ** areas.length; mask++) {
      const chosen = areas.filter((_, i) => (mask >> i) & 1);
      if (chosen.length >= 2) forbidden.add(chosen.reduce((a, b) => a + b, 0));
    }
    const ctx = commandContext(dataset, now);
    ctx.services.settings.rows.set(GUILD, {
      ...(await ctx.services.settings.get(GUILD)),
      channelId: CHANNEL,
    });
    outputs = [];
    const render = async (what: string, reply: Reply) => {
      for (const language of LANGUAGES) {
        outputs.push({ what: `${what} [${language}]`, text: shownText(renderReply(reply, language)) });
      }
    };
    const timeline = (await timelineCommand.execute(invocation(), ctx)).reply;
    await render('/timeline', timeline);
    const calendar = (await calendarCommand.execute(invocation(), ctx)).reply;
    await render('/calendar', calendar);
    for (const language of LANGUAGES) {
      if (timeline.kind !== 'timeline' || calendar.kind !== 'calendar') throw new Error('unexpected reply');
      const picture = timelinePictureText(timeline, language);
      outputs.push({
        what: `/timeline picture [${language}]`,
        text: [picture.title, picture.note, ...picture.rows.flatMap((r) => [r.when, r.name, r.figure])].join(
          '\n',
        ),
      });
      const file = readCalendar(calendarFile(calendar, language));
      outputs.push({
        what: `/calendar file [${language}]`,
        text: file.events.flatMap((e) => [e.summary, e.description]).join('\n'),
      });
    }
    await render('/sources', (await sourcesCommand.execute(invocation(), ctx)).reply);
    await render('/khojaly', (await khojalyCommand.execute(invocation(), ctx)).reply);
    await render('/upcoming 25', (await upcomingCommand.execute(invocation({ count: 25 }), ctx)).reply);
    for (const event of dataset.events) {
      for (const name of [event.id, event.names.source, event.names.ru]) {
        await render(`/district ${name}`, (await districtCommand.execute(invocation({ name }), ctx)).reply);
      }
    }
    for (const event of eventsWithDay(dataset)) {
      const occurrence = nextOccurrence(event.date, now, { hour: 9, minute: 0 }, 'Asia/Baku');
      const notice = noticeFor(dataset, event, occurrence, { guildId: GUILD, roleId: ROLE, preview: false });
      for (const language of LANGUAGES) {
        outputs.push({
          what: `notice ${event.id} [${language}]`,
          text: shownText(renderNotice(notice, language)),
        });
      }
    }
  });

  it('the areas are the nine of the source, whose total is 14,682 (10,282 without Nagorno-Karabakh)', () => {
    expect(areas).toEqual([4400, 289, 1840, 3054, 1150, 1390, 1050, 802, 707]);
    expect(forbidden.has(14_682)).toBe(true);
    expect(forbidden.has(10_282)).toBe(true);
    expect(forbidden.size).toBe(500);
  });

  it('shows each area on its own', () => {
    const timeline = outputs.find((o) => o.what === '/timeline [en]')?.text ?? '';
    for (const area of areas) expect(numbersIn(timeline)).toContain(area);
  });

  it('never shows a sum of two or more areas, in any language', () => {
    expect(outputs.length).toBeGreaterThan(100);
    for (const { what, text } of outputs) {
      const sums = numbersIn(text).filter((n) => forbidden.has(n));
      expect(sums, what).toEqual([]);
      // The totals written any way at all, including the 13,682 a hand sum once produced.
      for (const total of [14_682, 10_282, 13_682]) {
        for (const written of [
          String(total),
          total.toLocaleString('en-US'),
          total.toLocaleString('de-DE'),
          total.toLocaleString('ru-RU'),
          total.toLocaleString('fr-FR'),
          total.toLocaleString('tr-TR'),
        ]) {
          expect(text, what).not.toContain(written);
        }
      }
    }
  });
});
