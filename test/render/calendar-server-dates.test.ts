import { describe, expect, it } from 'vitest';
import { calendarCommand } from '../../commands/calendar.js';
import type { ServerSettingsPort } from '../../src/app/services.js';
import { calendarFile, renderCalendar, serverDateCalendarUid } from '../../src/discord/render/calendar.js';
import { anniversaryOn } from '../../src/domain/anniversary.js';
import type { CalendarReply } from '../../src/domain/calendar.js';
import { calendarReply } from '../../src/domain/calendar.js';
import { LANGUAGES } from '../../src/domain/dataset.js';
import { type ServerDate, serverDateId, sourceLink } from '../../src/domain/server-date.js';
import { serverDateMessages } from '../../src/i18n/server-dates.js';
import { at, realDataset } from '../domain/fixtures.js';
import { commandContext, GUILD, invocation } from './command-context.js';
import { readCalendar } from './ics-reader.js';

const NOW = at('2026-11-26T12:00:00Z');
const OTHER_GUILD = '1100000000000000077';
const MFA = 'https://en.trend.az/azerbaijan/karabakh/2724545.html';

function serverDate(name: string, iso: string, extra: Partial<ServerDate> = {}): ServerDate {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const date = { year, month, day };
  return {
    guildId: GUILD,
    id: serverDateId(name, date),
    name,
    date,
    sourceUrl: 'https://example.org/returned',
    text: 'The district came home, in our words',
    roleId: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...extra,
  };
}

const AGHDAM = serverDate('Return of Aghdam', '2020-11-20');
const LEAP = serverDate('A leap-day memorial', '2020-02-29', {
  sourceUrl: sourceLink('https://example.org/leap?q="x"') ?? '',
  text: '',
});

function inServer(guildId: string, dates: ServerDate[], disabledEvents: string[] = []): CalendarReply {
  return calendarReply(realDataset(), NOW, { guildId, serverDates: dates, disabledEvents });
}

const ymd = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

describe('/calendar’s file in a server with its own dates, read back by ical.js', () => {
  for (const language of LANGUAGES) {
    it(`in ${language}: each own date is a yearly all-day event labelled as the admins’, with their text and link only`, () => {
      const s = serverDateMessages(language);
      const cal = readCalendar(calendarFile(inServer(GUILD, [AGHDAM, LEAP]), language));
      expect(cal.events).toHaveLength(9 + 2);
      const own = cal.events.find((e) => e.uid === serverDateCalendarUid(GUILD, AGHDAM.id));
      if (!own) throw new Error('the server’s date is not in the file');
      expect(own.start).toEqual({ year: 2020, month: 11, day: 20, isDate: true });
      expect(own.end).toEqual({ year: 2020, month: 11, day: 21, isDate: true });
      expect(own.rrule).toBe('FREQ=YEARLY');
      expect(own.occurrences(3)).toEqual(['2020-11-20', '2021-11-20', '2022-11-20']);
      expect(own.summary).toContain('Return of Aghdam (2020)');
      expect(own.summary).toMatch(/ — \S/);
      expect(own.summary).not.toBe('Return of Aghdam (2020)');
      expect(own.url).toBe('https://example.org/returned');
      expect(own.description).toContain(s.addedBy);
      expect(own.description).toContain(`${s.textLabel}: The district came home, in our words`);
      expect(own.description).toContain(`${s.sourceLabel}: https://example.org/returned`);
      // Never the dataset's sources, in any language.
      expect(own.description).not.toContain(MFA);
      expect(own.description).not.toContain('virtualkarabakh');
    });
  }

  it('29 February recurs on the last day of February, as the bot remembers it (28 February in common years)', () => {
    const cal = readCalendar(calendarFile(inServer(GUILD, [LEAP]), 'en'));
    const leap = cal.events.find((e) => e.uid === serverDateCalendarUid(GUILD, LEAP.id));
    if (!leap) throw new Error('no leap-day event');
    expect(leap.rrule).toBe('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1');
    const expected = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => ymd(anniversaryOn(plainDay(LEAP), 2020 + k)));
    expect(expected).toContain('2021-02-28');
    expect(expected).toContain('2024-02-29');
    expect(leap.occurrences(9)).toEqual(expected);
    // 2100 is not a leap year (the century rule): still the 28th, as the bot posts it.
    const century = leap.occurrences(81);
    expect(century.at(-1)).toBe('2100-02-28');
    expect(leap.description).toContain('In years without 29 February it is remembered on 28 February.');
    // The link as stored: quotes percent-encoded, so it cannot break out of where it is shown.
    expect(leap.url).toBe('https://example.org/leap?q=%22x%22');
    // A day without a text gives no empty "In the words of" line.
    expect(leap.description).not.toContain('In the words of');
  });

  it('UIDs are stable and distinct per server and date, and do not carry the server’s id', () => {
    const here = readCalendar(calendarFile(inServer(GUILD, [AGHDAM, LEAP]), 'en')).events.map((e) => e.uid);
    const again = readCalendar(calendarFile(inServer(GUILD, [LEAP, AGHDAM]), 'az')).events.map((e) => e.uid);
    expect([...again].sort()).toEqual([...here].sort());
    const there = readCalendar(
      calendarFile(inServer(OTHER_GUILD, [{ ...AGHDAM, guildId: OTHER_GUILD }]), 'en'),
    ).events.map((e) => e.uid);
    const ownHere = here.filter((u) => u.startsWith('server-'));
    const ownThere = there.filter((u) => u.startsWith('server-'));
    expect(ownHere).toHaveLength(2);
    expect(new Set(ownHere).size).toBe(2);
    expect(ownThere).toHaveLength(1);
    expect(ownHere).not.toContain(ownThere[0]);
    for (const uid of [...ownHere, ...ownThere]) {
      expect(uid).toMatch(/^server-[0-9a-f]{24}@remembrance-bot$/);
      expect(uid).not.toContain(GUILD);
      expect(uid).not.toContain(OTHER_GUILD);
    }
  });

  it('leaves out what the server turned off, and says so in the reply', () => {
    const reply = inServer(GUILD, [AGHDAM, LEAP], ['khojaly', LEAP.id]);
    const cal = readCalendar(calendarFile(reply, 'en'));
    const uids = cal.events.map((e) => e.uid);
    expect(uids).not.toContain('khojaly@remembrance-bot');
    expect(uids).not.toContain(serverDateCalendarUid(GUILD, LEAP.id));
    expect(uids).toContain(serverDateCalendarUid(GUILD, AGHDAM.id));
    expect(cal.events).toHaveLength(8 + 1);
    const text = renderCalendar(reply, 'en').embeds[0]?.description ?? '';
    expect(text).toContain('Left out: the days this server turned off with /config event (2).');
  });

  it('the reply says how many own dates are in the file and lists them apart, with their links', () => {
    const payload = renderCalendar(inServer(GUILD, [AGHDAM, LEAP]), 'en');
    const [main, own] = payload.embeds;
    expect(main?.description).toContain(
      'Also in the file: this server’s own dates (2), each marked as added by this server’s admins',
    );
    expect(main?.description).not.toContain('Return of');
    expect(main?.fields?.[0]?.value).not.toContain('example.org');
    expect(own?.author?.name).toBe('Added by this server’s admins');
    expect(own?.description?.split('\n')).toEqual([
      '**29 February** — A leap\\-day memorial · <https://example.org/leap?q=%22x%22>',
      '**20 November** — Return of Aghdam · <https://example.org/returned>',
    ]);
    expect(payload.allowed_mentions).toEqual({ parse: [] });
  });

  it('a server that turned every dataset day off still gets a valid reply (no empty sources field)', () => {
    const everything = realDataset().events.map((e) => e.id);
    const payload = renderCalendar(inServer(GUILD, [AGHDAM], everything), 'en');
    expect(payload.embeds[0]?.fields).toBeUndefined();
    expect(readCalendar(calendarFile(inServer(GUILD, [AGHDAM], everything), 'en')).events).toHaveLength(1);
  });

  it('the command puts in the asking server’s own dates; in DMs none, whatever the store holds', async () => {
    const ctx = commandContext(realDataset(), NOW);
    const asked: string[] = [];
    (ctx.services.settings as ServerSettingsPort).serverDates = async (guildId: string) => {
      asked.push(guildId);
      return guildId === GUILD ? [AGHDAM] : [];
    };
    const inGuild = await calendarCommand.execute(invocation(), ctx);
    expect(inGuild.ephemeral).toBe(false);
    const reply = inGuild.reply as CalendarReply;
    expect(reply.serverDates).toEqual([AGHDAM]);
    expect(reply.guildId).toBe(GUILD);
    const inDm = (await calendarCommand.execute(invocation({}, { guildId: null }), ctx))
      .reply as CalendarReply;
    expect(inDm.serverDates).toEqual([]);
    expect(readCalendar(calendarFile(inDm, 'en')).events.some((e) => e.uid.startsWith('server-'))).toBe(
      false,
    );
    expect(asked).toEqual([GUILD]);
  });
});

function plainDay(d: ServerDate) {
  return { type: 'day' as const, ...d.date };
}
