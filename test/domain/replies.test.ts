import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { districtCommand } from '../../commands/district.js';
import { khojalyCommand } from '../../commands/khojaly.js';
import { sourcesCommand } from '../../commands/sources.js';
import { timelineCommand } from '../../commands/timeline.js';
import { upcomingCommand } from '../../commands/upcoming.js';
import type { CommandResult } from '../../src/app/command.js';
import type { Reply } from '../../src/app/reply.js';
import { renderReply } from '../../src/discord/render/index.js';
import type { MessagePayload } from '../../src/discord/render/payload.js';
import { type Dataset, eventsWithDay } from '../../src/domain/dataset.js';
import {
  type KhojalyReply,
  type PlaceReply,
  type SourcesReply,
  type TimelineReply,
  type UnknownPlaceReply,
  type UpcomingReply,
  upcomingReply,
} from '../../src/domain/replies.js';
import { nextPosts } from '../../src/schedule/planner.js';
import { commandContext, GUILD, invocation } from '../render/command-context.js';
import { at, realDataset } from './fixtures.js';

const NOW = at('2026-11-26T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** The reply of a result, checked to be of the expected kind. */
function replyOf<K extends Reply['kind']>(result: CommandResult, kind: K): Extract<Reply, { kind: K }> {
  expect(result.reply.kind).toBe(kind);
  return result.reply as Extract<Reply, { kind: K }>;
}

/** All the text of a rendered message, in reading order. */
function text(payload: MessagePayload): string {
  return [
    payload.content ?? '',
    ...payload.embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text ?? '',
    ]),
  ].join('\n');
}

describe('command replies at 2026-11-26T12:00Z', () => {
  let dataset: Dataset;
  let ctx: ReturnType<typeof commandContext>;
  beforeEach(() => {
    dataset = realDataset();
    ctx = commandContext(dataset, NOW);
  });
  const district = async (name: string) => districtCommand.execute(invocation({ name }), ctx);

  describe('/district', () => {
    it('Fuzuli: the Fizuli entry, 33 years ago, dated and measured by the occupation box', async () => {
      const result = await district('Fuzuli');
      expect(result.ephemeral).toBe(false);
      const reply: PlaceReply = replyOf(result, 'place');
      expect(reply.event.id).toBe('fizuli');
      expect(reply.yearsAgo).toBe(33);
      expect(reply.dateSource.id).toBe('occupation-in-figures');
      expect(reply.figureSources.map((s) => s.id)).toEqual(['occupation-in-figures']);
      expect(reply.matchedName).toBeNull();
      const shown = text(renderReply(reply, 'en'));
      expect(shown).toContain('Fizuli (Füzuli)');
      expect(shown).toContain('23 August 1993 — 33 years ago');
      expect(shown).toContain('1,390 km²');
      expect(shown).toContain('> Fizuli: august 23, 1993, territory 1390 km2');
      expect(shown).toContain('According to “The Occupation in Figures”, virtualkarabakh.az.');
      expect(shown).toContain('(http://www.virtualkarabakh.az/read.php?lang=2&menu=42&id=5416)');
      expect(shown).toContain('never added up');
    });

    it('says which other name found a place ("Varanda" → Fizuli)', async () => {
      const reply = replyOf(await district('Varanda'), 'place');
      expect(reply.event.id).toBe('fizuli');
      expect(reply.matchedName).toBe('Varanda');
      expect(text(renderReply(reply, 'en'))).toContain('Found by the name “Varanda”.');
    });

    it('resolves Russian and misspelt names (Физули, Fizzuli) and autocomplete ids', async () => {
      for (const name of ['Физули', 'Fizzuli', 'fizuli', 'FÜZULİ']) {
        expect(replyOf(await district(name), 'place').event.id, name).toBe('fizuli');
      }
    });

    it('Nagorno-Karabakh: a period, so no "years ago"', async () => {
      const reply = replyOf(await district('Karabakh'), 'place');
      expect(reply.event.id).toBe('nagorno-karabakh');
      expect(reply.yearsAgo).toBeNull();
      const shown = text(renderReply(reply, 'en'));
      expect(shown).toContain('1988–1992: a period, not a single day');
      expect(shown).toContain('4,400 km²');
      expect(shown).not.toMatch(/years? ago/);
    });

    it('Shusha: 34 years ago (8 May 1992)', async () => {
      const reply = replyOf(await district('Şuşa'), 'place');
      expect(reply.event.id).toBe('shusha');
      expect(reply.yearsAgo).toBe(34);
      expect(text(renderReply(reply, 'en'))).toContain('8 May 1992 — 34 years ago');
    });

    it('Khojaly through /district shows the Khojaly figures', async () => {
      const reply = replyOf(await district('Xocalı'), 'place');
      expect(reply.event.id).toBe('khojaly');
      expect(reply.yearsAgo).toBe(34);
      expect(text(renderReply(reply, 'en'))).toContain(
        '613, including 106 women, 63 children and 70 elderly',
      );
    });

    it('an unknown name: an ephemeral reply with the closest names', async () => {
      const result = await district('Paris');
      expect(result.ephemeral).toBe(true);
      const reply: UnknownPlaceReply = replyOf(result, 'unknown-place');
      expect(reply.query).toBe('Paris');
      expect(reply.suggestions).toHaveLength(3);
      expect(reply.suggestions[0]?.id).toBe('lachin');
      const shown = renderReply(reply, 'en');
      expect(shown.content).toMatch(
        /^No place called “Paris” is in the dataset\. Did you mean \*\*Lachin\*\*, /,
      );
      expect(shown.embeds).toEqual([]);
    });

    it('an ambiguous name: asks which one, ephemerally ("kar")', async () => {
      const result = await district('kar');
      expect(result.ephemeral).toBe(true);
      const reply = replyOf(result, 'unknown-place');
      expect(reply.suggestions.map((e) => e.id).sort()).toEqual(['kalbajar', 'nagorno-karabakh']);
    });

    it('escapes what the member typed, so it cannot format or mention', async () => {
      const reply = replyOf(await district('@everyone **x**'), 'unknown-place');
      const content = renderReply(reply, 'en').content ?? '';
      expect(content).not.toContain('@everyone');
      expect(content).toContain('\\*\\*x\\*\\*');
    });
  });

  describe('/khojaly', () => {
    it('gives the seven figures with the Ministry’s statement as their source', async () => {
      const result = await khojalyCommand.execute(invocation(), ctx);
      expect(result.ephemeral).toBe(false);
      const reply: KhojalyReply = replyOf(result, 'khojaly');
      expect(reply.event.id).toBe('khojaly');
      expect(reply.source.id).toBe('mfa-khojaly-2017');
      expect(reply.yearsAgo).toBe(34);
      expect(Object.fromEntries(reply.event.figures.map((f) => [f.kind, f.value]))).toEqual({
        killed: 613,
        'killed-women': 106,
        'killed-children': 63,
        'killed-elderly': 70,
        wounded: 1000,
        hostages: 1275,
        missing: 150,
      });
      const payload = renderReply(reply, 'en');
      const embed = payload.embeds[0];
      expect(embed?.title).toBe('Khojaly genocide — the night of 25–26 February 1992');
      expect(embed?.description).toBe(
        'Name and figures according to the Ministry of Foreign Affairs of the Republic of Azerbaijan, statement of 23 February 2017, published by Trend News Agency. Other bodies give other numbers.',
      );
      expect(embed?.fields?.slice(0, 4).map((f) => [f.name, f.value])).toEqual([
        ['Civilians killed', '613, including 106 women, 63 children and 70 elderly'],
        ['Wounded', '1,000'],
        ['Taken hostage', '1,275'],
        ['Still missing', '150'],
      ]);
      expect(embed?.footer?.text).toBe('34 years ago · Remembered on 26 February.');
    });
  });

  describe('/timeline', () => {
    it('lists every entry in date order, the period first', async () => {
      const result = await timelineCommand.execute(invocation(), ctx);
      expect(result.ephemeral).toBe(false);
      const reply: TimelineReply = replyOf(result, 'timeline');
      expect(reply.events.map((e) => e.id)).toEqual([
        'nagorno-karabakh',
        'khojaly',
        'shusha',
        'lachin',
        'kalbajar',
        'aghdam',
        'fizuli',
        'jabrayil',
        'gubadli',
        'zangilan',
      ]);
      expect(reply.sources.map((s) => s.id)).toEqual(['occupation-in-figures', 'mfa-khojaly-2017']);
      const lines = (renderReply(reply, 'en').embeds[0]?.description ?? '').split('\n');
      expect(lines).toEqual([
        '**1988–1992** — Nagorno-Karabakh · 4,400 km²',
        '**25–26 February 1992** — Khojaly genocide · 613 civilians killed',
        '**8 May 1992** — Shusha · 289 km²',
        '**18 May 1992** — Lachin · 1,840 km²',
        '**2 April 1993** — Kalbajar · 3,054 km²',
        '**23 July 1993** — Aghdam · 1,150 km²',
        '**23 August 1993** — Fizuli · 1,390 km²',
        '**23 August 1993** — Jabrayil · 1,050 km²',
        '**31 August 1993** — Gubadli · 802 km²',
        '**29 October 1993** — Zangilan · 707 km²',
      ]);
    });
  });

  describe('/upcoming', () => {
    it('5 (the default) from 26 Nov 2026, at 09:00 Baku: Khojaly’s 35th comes first', async () => {
      const result = await upcomingCommand.execute(invocation(), ctx);
      expect(result.ephemeral).toBe(false);
      const reply: UpcomingReply = replyOf(result, 'upcoming');
      expect(reply.zone).toBe('Asia/Baku');
      expect(reply.time).toEqual({ hour: 9, minute: 0 });
      expect(reply.items.map((i) => [i.event?.id, i.occurrence.number, iso(i.occurrence.at)])).toEqual([
        ['khojaly', 35, '2027-02-26T05:00:00.000Z'],
        ['kalbajar', 34, '2027-04-02T05:00:00.000Z'],
        ['shusha', 35, '2027-05-08T05:00:00.000Z'],
        ['lachin', 35, '2027-05-18T05:00:00.000Z'],
        ['aghdam', 34, '2027-07-23T05:00:00.000Z'],
      ]);
      expect(reply.items[0]?.occurrence.date).toEqual({ year: 2027, month: 2, day: 26 });
      const lines = (renderReply(reply, 'en').embeds[0]?.description ?? '').split('\n');
      expect(lines[0]).toBe(
        `**Khojaly** — 35th anniversary: 26 February 2027, 09:00 Azerbaijan Standard Time (<t:${at('2027-02-26T05:00Z') / 1000}:R>)`,
      );
      // Each anniversary once: no absolute Discord timestamp, which a reader west of UTC−5 would see as
      // 25 February (09:00 in Baku is 21:00 the day before in Los Angeles); the text date is the day's own.
      const text = lines.join('\n');
      expect(text).not.toMatch(/<t:\d+:[dDfFtTs]>/);
      expect(text.match(/26 February 2027/g)).toHaveLength(1);
      expect(renderReply(reply, 'en').embeds[0]?.footer).toBeUndefined();
      expect(renderReply(reply, 'ru').embeds[0]?.description?.split('\n')[0]).toMatch(
        /^\*\*Ходжалы\*\* — 35-я годовщина: 26 февраля 2027\sг\., 09:00 \(Азербайджан, стандартное время\) \(<t:\d+:R>\)$/,
      );
    });

    it('25: ascending, each occurrence once, into later years', async () => {
      const reply = replyOf(await upcomingCommand.execute(invocation({ count: 25 }), ctx), 'upcoming');
      expect(reply.items).toHaveLength(25);
      const times = reply.items.map((i) => i.occurrence.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(reply.items.map((i) => `${i.event?.id}/${i.occurrence.year}`)).size).toBe(25);
      expect(reply.items.map((i) => i.event?.id)).not.toContain('nagorno-karabakh');
      expect(reply.items[9]).toMatchObject({
        event: { id: 'khojaly' },
        occurrence: { year: 2028, number: 36 },
      });
    });

    it('follows the server’s zone and time', async () => {
      await ctx.services.settings.update(GUILD, { timeZone: 'America/New_York', postTime: '21:30' });
      const reply = replyOf(await upcomingCommand.execute(invocation({ count: 1 }), ctx), 'upcoming');
      expect(reply.zone).toBe('America/New_York');
      expect(iso(reply.items[0]?.occurrence.at ?? 0)).toBe('2027-02-27T02:30:00.000Z');
      // 21:30 on 26 February in New York is already 27 February in UTC: the text keeps the day's own date.
      expect(renderReply(reply, 'en').embeds[0]?.description).toContain(
        '26 February 2027, 21:30 Eastern Standard Time',
      );
      expect(renderReply(reply, 'tr').embeds[0]?.description).toContain(
        '26 Şubat 2027, 21:30 (Kuzey Amerika Doğu Standart Saati)',
      );
    });

    it('lists what the planner will post, in the same order, for any zone, time and day (property)', () => {
      const zones = Intl.supportedValuesOf('timeZone');
      fc.assert(
        fc.property(
          fc.integer({ min: at('2025-01-01T00:00Z'), max: at('2070-01-01T00:00Z') }),
          fc.constantFrom(...zones),
          fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) }),
          fc.integer({ min: 1, max: 25 }),
          // What the server turned off is neither listed nor posted.
          fc.subarray(eventsWithDay(dataset).map((e) => e.id)),
          (now, zone, time, count, disabled) => {
            const reply = upcomingReply(dataset, now, zone, time, count, [], disabled);
            const listed = reply.items;
            expect(reply.turnedOff).toBe(disabled.length);
            const planned = nextPosts(
              {
                guildId: GUILD,
                timeZone: zone,
                postTime: time,
                disabledEvents: disabled,
                reminderDays: 0,
                nextDueAt: null,
              },
              eventsWithDay(dataset),
              now,
              count,
            );
            expect(listed.map((i) => [i.event?.id, i.occurrence.at])).toEqual(
              planned.map((p) => [p.event.id, p.occurrence.at]),
            );
          },
        ),
        { numRuns: 300 },
      );
    });

    it('refuses a count outside 1–25, ephemerally', async () => {
      for (const count of [0, 26, 2.5]) {
        const result = await upcomingCommand.execute(invocation({ count }), ctx);
        expect(result, String(count)).toEqual({
          reply: { kind: 'error', code: 'invalid-count', min: 1, max: 25 },
          ephemeral: true,
        });
      }
    });
  });

  describe('/sources', () => {
    it('lists both sources with the events each supports', async () => {
      const result = await sourcesCommand.execute(invocation(), ctx);
      expect(result.ephemeral).toBe(false);
      const reply: SourcesReply = replyOf(result, 'sources');
      expect(reply.sources.map(({ source, events }) => [source.id, events.map((e) => e.id)])).toEqual([
        [
          'occupation-in-figures',
          [
            'nagorno-karabakh',
            'shusha',
            'lachin',
            'kalbajar',
            'aghdam',
            'fizuli',
            'jabrayil',
            'gubadli',
            'zangilan',
          ],
        ],
        ['mfa-khojaly-2017', ['khojaly']],
      ]);
      const embeds = renderReply(reply, 'en').embeds;
      expect(embeds.map((e) => [e.title, e.url])).toEqual([
        ['The Occupation in Figures', 'http://www.virtualkarabakh.az/read.php?lang=2&menu=42&id=5416'],
        [
          'Azerbaijan: Khojaly genocide - int’l criminal offence',
          'https://en.trend.az/azerbaijan/karabakh/2724545.html',
        ],
      ]);
      expect(embeds[1]?.description).toContain(
        'The Ministry of Foreign Affairs of the Republic of Azerbaijan, statement of 23 February 2017, published by Trend News Agency',
      );
      expect(embeds[1]?.description).toContain(
        'Cite as: Ministry of Foreign Affairs of the Republic of Azerbaijan, statement of 23 Feb 2017, via Trend News Agency',
      );
    });
  });
});
