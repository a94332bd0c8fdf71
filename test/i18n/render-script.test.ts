import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/app/reply.js';
import { loadDataset } from '../../src/config/dataset-file.js';
import { renderReply } from '../../src/discord/render/index.js';
import { renderNotice } from '../../src/discord/render/notice.js';
import { embedLength, LIMITS, type MessagePayload } from '../../src/discord/render/payload.js';
import { occurrenceIn } from '../../src/domain/anniversary.js';
import { type DayDate, LANGUAGES, type Language, type RemembranceEvent } from '../../src/domain/dataset.js';
import { noticeFor } from '../../src/domain/notice.js';
import {
  khojalyReply,
  placeReply,
  sourcesReply,
  timelineReply,
  unknownPlaceReply,
  upcomingReply,
} from '../../src/domain/replies.js';
import { defaultSettings } from '../../src/store/guild-settings.js';

const dataset = loadDataset(new URL('../../data/remembrance.json', import.meta.url).pathname);
const NOW = Date.parse('2026-03-01T12:00:00Z');
const GUILD = '1100000000000000001';

function event(id: string): RemembranceEvent & { date: DayDate } {
  const found = dataset.events.find((e) => e.id === id);
  if (!found || found.date.type === 'period') throw new Error(`no dated event ${id}`);
  return found as RemembranceEvent & { date: DayDate };
}

function notice(id: string) {
  const e = event(id);
  const occurrence = occurrenceIn(e.date, 2026, { hour: 9, minute: 0 }, 'Asia/Baku');
  return noticeFor(dataset, e, occurrence, { guildId: GUILD, roleId: null, preview: true });
}

const settings = {
  ...defaultSettings(GUILD, NOW),
  channelId: '1100000000000000003',
  paused: true,
  pauseReason: 'missing-access' as const,
};

const replies: Record<string, Reply> = {
  district: placeReply(dataset, event('shusha'), NOW),
  'district nagorno-karabakh': placeReply(
    dataset,
    dataset.events.find((e) => e.id === 'nagorno-karabakh') as RemembranceEvent,
    NOW,
  ),
  khojaly: khojalyReply(dataset, NOW),
  timeline: timelineReply(dataset),
  upcoming: upcomingReply(dataset, NOW, 'Asia/Baku', { hour: 9, minute: 0 }, 25),
  sources: sourcesReply(dataset),
  'unknown place': unknownPlaceReply(dataset, 'Shushi town', [
    { eventId: 'shusha', matchedName: 'Shushi', tier: 'near', distance: 5 },
    { eventId: 'lachin', matchedName: 'Lachin', tier: 'near', distance: 6 },
  ]),
  'config show': {
    kind: 'config-show',
    settings,
    channelName: 'general',
    roleName: null,
    next: [],
    problems: [
      { code: 'missing-permissions', permissions: ['SendMessages', 'EmbedLinks'] },
      { code: 'paused', reason: 'missing-access', detail: null },
    ],
    trouble: [],
    publishing: (['rate-limited', 'missing-permissions'] as const).map((reason, i) => ({
      guildId: '1100000000000000001',
      eventId: 'khojaly',
      year: 2027,
      channelId: '1100000000000000003',
      messageId: '1100000000000000009',
      status: i === 0 ? ('pending' as const) : ('failed' as const),
      attempts: 1,
      nextAt: i === 0 ? 1_803_000_000_000 : null,
      untilAt: 1_803_000_000_000,
      reason,
      detail: null,
      updatedAt: 0,
      event: dataset.events.find((e) => e.id === 'khojaly'),
    })),
    events: dataset.events,
  },
  'config error': {
    kind: 'config-error',
    code: 'channel-permissions',
    channelId: '1100000000000000003',
    permissions: ['ViewChannel', 'SendMessages'],
  },
  'internal error': { kind: 'error', code: 'internal', interactionId: '1234567890' },
  'config history': {
    kind: 'config-history',
    guildId: GUILD,
    entries: (
      [
        'channel',
        'timezone',
        'time',
        'role',
        'language',
        'paused',
        'event',
        'event',
        'paused',
        'role',
      ] as const
    ).map((setting, i) => ({
      id: 100 - i,
      guildId: GUILD,
      at: NOW - i * 60_000,
      userId: '1100000000000000042',
      // The longest name Discord allows, with Markdown that must not format.
      userName: `*_${'x'.repeat(28)}_*`,
      setting,
      subject: setting === 'event' ? 'shusha' : null,
      from: setting === 'event' ? 'on' : setting === 'paused' ? 'posting' : null,
      to: setting === 'event' ? 'off' : setting === 'paused' ? 'missing-access' : '1100000000000000003',
      event: setting === 'event' ? event('shusha') : undefined,
    })),
    page: 1,
    pageCount: 50,
    total: 500,
    buttons: { previous: 'config:history:0', next: 'config:history:2' },
  },
  'database unavailable': { kind: 'error', code: 'store-unavailable' },
};

/** Every piece of text Discord shows from a payload. */
function texts(payload: MessagePayload): string[] {
  return [
    payload.content ?? '',
    ...payload.embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      e.footer?.text ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ].filter(Boolean);
}

/** The bot's own words: titles, labels, footers, content; not the source's text. */
function labels(payload: MessagePayload): string {
  return [
    payload.content ?? '',
    ...payload.embeds.flatMap((e) => [
      e.title ?? '',
      e.footer?.text ?? '',
      ...(e.fields ?? []).map((f) => f.name),
    ]),
  ].join('\n');
}

function expectWithinLimits(payload: MessagePayload): void {
  expect(payload.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  expect(payload.embeds.length).toBeLessThanOrEqual(10);
  expect(payload.embeds.reduce((sum, e: APIEmbed) => sum + embedLength(e), 0)).toBeLessThanOrEqual(
    LIMITS.embedsTotal,
  );
  for (const e of payload.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  }
}

const CYRILLIC = /\p{Script=Cyrillic}/u;

describe.each(LANGUAGES)('rendered in %s', (language: Language) => {
  const rendered: Array<[string, MessagePayload]> = [
    ...Object.entries(replies).map(([name, reply]): [string, MessagePayload] => [
      name,
      renderReply(reply, language),
    ]),
    ['notice shusha', renderNotice(notice('shusha'), language)],
    ['notice khojaly', renderNotice(notice('khojaly'), language)],
  ];

  it.each(rendered)('%s fits Discord and has no holes', (_name, payload) => {
    expectWithinLimits(payload);
    for (const text of texts(payload)) expect(text).not.toMatch(/undefined|\[object|NaN|⟦/);
  });

  it.each(rendered)('%s is written in the language', (_name, payload) => {
    const own = labels(payload);
    if (language === 'ru') expect(own).toMatch(CYRILLIC);
    else expect(own).not.toMatch(CYRILLIC);
    if (language === 'az') expect(own).toMatch(/ə/);
  });
});

describe('names, figures and the source’s words', () => {
  const title = (payload: MessagePayload) => payload.embeds[0]?.title ?? '';

  it('names places as each language does', () => {
    expect(LANGUAGES.map((l) => title(renderReply(replies.district as Reply, l)))).toEqual([
      'Shusha (Şuşa)',
      'Şuşa (Shusha)',
      'Шуша (Shusha)',
      'Şuşa (Shusha)',
    ]);
    expect(title(renderNotice(notice('khojaly'), 'ru'))).toBe('Ходжалинский геноцид: 34-я годовщина');
    expect(title(renderNotice(notice('khojaly'), 'az'))).toBe('Xocalı soyqırımı: 34-cü ildönümü');
    expect(title(renderNotice(notice('shusha'), 'tr'))).toBe('Şuşa (Shusha): işgalin 34. yıl dönümü');
  });

  it('formats figures and dates for the language', () => {
    const khojaly = (l: Language) => texts(renderReply(replies.khojaly as Reply, l)).join('\n');
    expect(khojaly('ru')).toContain('1\u00a0275');
    expect(khojaly('az')).toContain('1.275');
    expect(khojaly('tr')).toContain('1.275');
    expect(khojaly('en')).toContain('1,275');
    expect(khojaly('ru')).toContain('из них женщин — 106, детей — 63, пожилых людей — 70');
    expect(khojaly('ru')).toMatch(/25–26 февраля 1992\sг\./);
    expect(khojaly('tr')).toContain('25–26 Şubat 1992 gecesi');
    expect(khojaly('az')).toContain('25–26 fevral 1992 gecəsi');
  });

  it('keeps the source’s quoted words and citation in its language', () => {
    for (const language of LANGUAGES) {
      const text = texts(renderReply(replies.khojaly as Reply, language)).join('\n');
      expect(text).toContain('> 613 civilians were killed');
      expect(text).toContain('Ministry of Foreign Affairs of the Republic of Azerbaijan');
      const district = texts(renderReply(replies.district as Reply, language)).join('\n');
      expect(district).toContain('"The Occupation in Figures", virtualkarabakh.az');
    }
  });
});
