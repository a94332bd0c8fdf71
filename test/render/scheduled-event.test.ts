import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/config/dataset-file.js';
import { projectRoot } from '../../src/config/project-root.js';
import { markerOf, renderScheduledEvent } from '../../src/discord/render/scheduled-event.js';
import { occurrenceIn } from '../../src/domain/anniversary.js';
import { eventsWithDay, LANGUAGES } from '../../src/domain/dataset.js';
import { noticeFor, serverDateNoticeFor } from '../../src/domain/notice.js';
import { plannedDay, type ServerDate, serverDateId } from '../../src/domain/server-date.js';
import { messages } from '../../src/i18n/index.js';
import { serverDateMessages } from '../../src/i18n/server-dates.js';
import { eventMarker } from '../../src/schedule/events-tab-plan.js';

const dataset = loadDataset(path.join(projectRoot(), 'data/remembrance.json'));
const GUILD = '1200000000000000001';

describe('an anniversary as a scheduled event', () => {
  it('fits Discord’s limits in every language, with figures, source links, and the marker last', () => {
    for (const event of eventsWithDay(dataset)) {
      for (const language of LANGUAGES) {
        const occurrence = occurrenceIn(event.date, 2027, { hour: 9, minute: 0 }, 'Asia/Baku');
        const marker = eventMarker(GUILD, event.id, 2027);
        const payload = renderScheduledEvent(
          {
            notice: noticeFor(dataset, event, occurrence, { guildId: GUILD, roleId: null, preview: false }),
            language,
            startsAt: occurrence.at,
            endsAt: occurrence.at + 3_600_000,
            channelId: null,
            marker,
          },
          `#${'x'.repeat(150)}`,
        );
        expect([...payload.name].length).toBeLessThanOrEqual(100);
        expect(payload.name.length).toBeGreaterThan(0);
        expect([...payload.description].length).toBeLessThanOrEqual(1000);
        expect(payload.description).toMatch(/https?:\/\//);
        expect(markerOf(payload.description)).toBe(marker);
        expect(payload.entity_metadata.location.length).toBeLessThanOrEqual(100);
        expect(payload).toMatchObject({ entity_type: 3, privacy_level: 2 });
      }
    }
  });

  it('does not take a line that only looks like a marker somewhere else', () => {
    expect(markerOf(`remembrance:${GUILD}:fizuli:2027\nmore text`)).toBeNull();
    expect(markerOf(null)).toBeNull();
    // A server date's id has one prefix; nothing else with a colon passes.
    expect(markerOf(`remembrance:${GUILD}:server:0123456789abcdef0123:2027`)).not.toBeNull();
    expect(markerOf(`remembrance:${GUILD}:other:fizuli:2027`)).toBeNull();
  });
});

/** No lone half of a UTF-16 pair: UTF-8 cannot encode one, and replaces it. */
const wellFormed = (text: string) => Buffer.from(text, 'utf8').toString('utf8') === text;

describe('a date a server’s admins added, as a scheduled event', () => {
  function ownDraft(date: ServerDate, language: (typeof LANGUAGES)[number]) {
    const occurrence = occurrenceIn(plannedDay(date), 2027, { hour: 9, minute: 0 }, 'Asia/Baku');
    const marker = eventMarker(GUILD, date.id, 2027);
    return {
      marker,
      payload: renderScheduledEvent(
        {
          notice: serverDateNoticeFor(date, occurrence, { guildId: GUILD, roleId: null, preview: false }),
          language,
          startsAt: occurrence.at,
          endsAt: occurrence.at + 3_600_000,
          channelId: null,
          marker,
        },
        '#general',
      ),
    };
  }
  const day = { year: 2020, month: 11, day: 10 };
  const base: ServerDate = {
    guildId: GUILD,
    id: serverDateId('Return of **Aghdam**', day),
    name: 'Return of **Aghdam**',
    date: day,
    sourceUrl: 'https://example.org/returned',
    text: 'Remember it @everyone',
    roleId: null,
    createdAt: 0,
    updatedAt: 0,
  };

  for (const language of LANGUAGES) {
    it(`is labelled as the admins’, with their text and link, never the dataset’s sources (${language})`, () => {
      const t = messages(language);
      const s = serverDateMessages(language);
      const { marker, payload } = ownDraft(base, language);
      // Event names show no Markdown: the name is as the admins typed it.
      expect(payload.name).toBe(s.noticeTitle({ name: 'Return of **Aghdam**', ordinal: t.ordinal(7) }));
      expect(payload.description).toBe(
        [
          s.addedBy,
          `${s.textLabel}:`,
          '> Remember it @\u200beveryone',
          `${s.sourceLabel}:`,
          'https://example.org/returned',
          marker,
        ].join('\n'),
      );
      expect(markerOf(payload.description)).toBe(marker);
      for (const source of dataset.sources) expect(payload.description).not.toContain(source.url);
    });
  }

  it('fits Discord’s limits at the longest name, text and link, keeping the link, the label and the marker', () => {
    const longest: ServerDate = {
      ...base,
      // The longest a stored name, text and link may be (in UTF-16 units, as Discord's schema counts): the
      // name 80, the text 500 of emoji, whose pairs the cut must not split, and a 512-character link.
      name: '🕯'.repeat(40),
      text: '🕯'.repeat(250),
      sourceUrl: `https://example.org/${'a'.repeat(512 - 20)}`,
    };
    for (const language of LANGUAGES) {
      const { marker, payload } = ownDraft(longest, language);
      // Discord's schema counts UTF-16 units; a pair is never cut in half.
      expect(payload.name.length).toBeLessThanOrEqual(100);
      expect(wellFormed(payload.name)).toBe(true);
      expect(payload.name).toContain(messages(language).ordinal(7));
      expect(payload.description.length).toBeLessThanOrEqual(1000);
      expect(wellFormed(payload.description)).toBe(true);
      expect(payload.description).toContain(longest.sourceUrl);
      expect(payload.description).toContain(serverDateMessages(language).addedBy);
      expect(markerOf(payload.description)).toBe(marker);
    }
  });
});
