import { describe, expect, it } from 'vitest';
import type { ConfigShowReply, ConfigUpdatedReply, UpcomingPost } from '../../src/app/config-replies.js';
import { renderReply } from '../../src/discord/render/index.js';
import { occurrenceIn } from '../../src/domain/anniversary.js';
import { eventsWithDay, LANGUAGES, type Language } from '../../src/domain/dataset.js';
import { reminderIn } from '../../src/domain/reminder.js';
import type { ServerDate } from '../../src/domain/server-date.js';
import { messages } from '../../src/i18n/index.js';
import { defaultSettings, type GuildSettings } from '../../src/store/guild-settings.js';
import { at, realDataset } from '../domain/fixtures.js';
import { visibleText } from '../e2e/harness.js';

const dataset = realDataset();
const dated = (id: string) => {
  const event = eventsWithDay(dataset).find((e) => e.id === id);
  if (!event) throw new Error(`no dated event ${id}`);
  return event;
};
const khojaly = dated('khojaly');
const kalbajar = dated('kalbajar');
const NINE = { hour: 9, minute: 0 };
const spaced = (text: string) => text.replace(/[^\S\n]/g, ' ');

const own: ServerDate = {
  guildId: '1',
  id: 'server:local',
  name: 'Local *day*',
  date: { year: 2001, month: 3, day: 1 },
  sourceUrl: 'https://example.org/source',
  text: '',
  roleId: null,
  createdAt: 0,
  updatedAt: 0,
};

function settings(zone: string, overrides: Partial<GuildSettings> = {}): GuildSettings {
  return { ...defaultSettings('1', 0), channelId: '2', timeZone: zone, reminderDays: 3, ...overrides };
}

function posts(zone: string): UpcomingPost[] {
  const day = { type: 'day', ...own.date } as const;
  return [
    {
      event: khojaly,
      kind: 'reminder',
      daysBefore: 3,
      occurrence: reminderIn(khojaly.date, 2027, 3, NINE, zone),
    },
    {
      event: khojaly,
      kind: 'notice',
      daysBefore: 0,
      occurrence: occurrenceIn(khojaly.date, 2027, NINE, zone),
    },
    { serverDate: own, kind: 'notice', daysBefore: 0, occurrence: occurrenceIn(day, 2027, NINE, zone) },
    {
      event: kalbajar,
      kind: 'reminder',
      daysBefore: 3,
      occurrence: reminderIn(kalbajar.date, 2027, 3, NINE, zone),
    },
  ];
}

function show(zone: string): ConfigShowReply {
  return {
    kind: 'config-show',
    settings: settings(zone),
    channelName: 'general',
    roleName: null,
    next: posts(zone),
    problems: [],
    trouble: [],
    publishing: [],
    events: [],
  };
}

function updated(zone: string, next: UpcomingPost | null): ConfigUpdatedReply {
  return {
    kind: 'config-updated',
    change: { what: 'reminder', days: 3 },
    settings: settings(zone),
    next,
    problems: [],
  };
}

/** The "Next posts" field of /config show. */
function nextField(language: Language, zone: string): string {
  const embed = renderReply(show(zone), language).embeds[0];
  const field = embed?.fields?.find((f) => f.name === messages(language).configNext);
  return spaced(field?.value ?? '');
}

const R = (iso: string) => `<t:${at(iso) / 1000}:R>`;

describe('/config show: the next posts', () => {
  it('lists reminders and notices in order, each day and time as text in the server’s zone, then <t:R>', () => {
    expect(nextField('en', 'Asia/Baku').split('\n')).toEqual([
      `Reminder: Khojaly in 3 days · 23 February 2027, 09:00 Azerbaijan Standard Time (${R('2027-02-23T05:00Z')})`,
      `Khojaly · 26 February 2027, 09:00 Azerbaijan Standard Time (${R('2027-02-26T05:00Z')})`,
      `Local \\*day\\* (added by this server) · 1 March 2027, 09:00 Azerbaijan Standard Time (${R('2027-03-01T05:00Z')})`,
      `Reminder: Kalbajar in 3 days · 30 March 2027, 09:00 Azerbaijan Standard Time (${R('2027-03-30T05:00Z')})`,
    ]);
  });

  it('names the server’s day west of UTC−5, never an absolute timestamp a reader sees in their own zone', () => {
    const field = nextField('en', 'America/Los_Angeles');
    expect(field).toContain('26 February 2027, 09:00 Pacific Standard Time');
    expect(field).not.toMatch(/:[FfDdTt]>/);
  });

  it.each([
    ['az', 'Xatırlatma: Xocalı, 3 gün sonra · 23 fevral 2027, 09:00 (Azərbaycan Standart Vaxtı)'],
    ['ru', 'Напоминание: Ходжалы через 3 дня · 23 февраля 2027 г., 09:00 (Азербайджан, стандартное время)'],
    ['tr', 'Hatırlatma: Hocalı, 3 gün sonra · 23 Şubat 2027, 09:00 (Azerbaycan Standart Saati)'],
  ] as const)('%s says the reminder and its time in the language', (language, first) => {
    const field = nextField(language, 'Asia/Baku');
    expect(field.split('\n')[0]).toBe(`${first} (${R('2027-02-23T05:00Z')})`);
    expect(field).not.toContain(':F>');
  });
});

describe('/config confirmations: the next post', () => {
  it('names the reminder when it comes first, with its day and time as text and <t:R>', () => {
    const [reminder] = posts('Asia/Baku');
    const text = renderReply(updated('Asia/Baku', reminder ?? null), 'en').content ?? '';
    expect(text.split('\n')).toEqual([
      '✅ A reminder will be posted 3 days before each anniversary, at the same time and in the same channel.',
      `Next post: Reminder: Khojaly in 3 days — 23 February 2027, 09:00 Azerbaijan Standard Time (${R('2027-02-23T05:00Z')}).`,
    ]);
  });

  it.each(LANGUAGES)('%s: no absolute Discord timestamp in any confirmation', (language) => {
    for (const post of posts('America/New_York')) {
      const text = visibleText(renderReply(updated('America/New_York', post), language));
      expect(text).toContain(`<t:${post.occurrence.at / 1000}:R>`);
      expect(text).not.toMatch(/<t:\d+:[FfDdTt]>/);
      expect(spaced(text)).toContain(', 09:00');
    }
  });
});
