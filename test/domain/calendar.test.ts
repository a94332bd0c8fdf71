import { describe, expect, it } from 'vitest';
import { calendarReply } from '../../src/domain/calendar.js';
import { eventsWithDay } from '../../src/domain/dataset.js';
import { type ServerDate, serverDateId } from '../../src/domain/server-date.js';
import { at, realDataset } from './fixtures.js';

const NOW = at('2026-11-26T12:00:00Z');
const GUILD = '1100000000000000001';

function serverDate(name: string, iso: string, guildId = GUILD): ServerDate {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const date = { year, month, day };
  return {
    guildId,
    id: serverDateId(name, date),
    name,
    date,
    sourceUrl: `https://example.org/${encodeURIComponent(name)}`,
    text: `About ${name}`,
    roleId: null,
    createdAt: NOW,
    updatedAt: NOW,
  };
}

describe('calendarReply: the days a server remembers', () => {
  const dataset = realDataset();
  const all = eventsWithDay(dataset).map((e) => e.id);

  it('in DMs: every dataset day, no server’s dates, nothing turned off', () => {
    const reply = calendarReply(dataset, NOW);
    expect(reply.entries.map((e) => e.event.id).sort()).toEqual([...all].sort());
    expect(reply.serverDates).toEqual([]);
    expect(reply.guildId).toBeNull();
    expect(reply.turnedOff).toBe(0);
    expect(reply.generatedAt).toBe(NOW);
  });

  it('in a server: its own dates too, oldest first, apart from the dataset’s entries and their sources', () => {
    const later = serverDate('Return of Aghdam', '2020-11-20');
    const earlier = serverDate('A local memorial', '1994-05-12');
    const reply = calendarReply(dataset, NOW, {
      guildId: GUILD,
      serverDates: [later, earlier],
      disabledEvents: [],
    });
    expect(reply.guildId).toBe(GUILD);
    expect(reply.serverDates.map((d) => d.name)).toEqual(['A local memorial', 'Return of Aghdam']);
    expect(reply.entries).toHaveLength(all.length);
    // The dataset's entries cite only the dataset's sources; the admins' links are never among them.
    const cited = reply.entries.flatMap((e) => e.sources.map((s) => s.url));
    expect(cited.some((url) => url.startsWith('https://example.org/'))).toBe(false);
  });

  it('leaves out what the server turned off with /config event — its own dates and the dataset’s alike', () => {
    const kept = serverDate('Kept', '2020-11-10');
    const off = serverDate('Off', '2020-02-29');
    const reply = calendarReply(dataset, NOW, {
      guildId: GUILD,
      serverDates: [kept, off],
      // A stale id (a date removed since) neither breaks nor counts.
      disabledEvents: ['khojaly', 'shusha', off.id, 'server:gone'],
    });
    expect(reply.entries.map((e) => e.event.id)).not.toContain('khojaly');
    expect(reply.entries.map((e) => e.event.id)).not.toContain('shusha');
    expect(reply.entries).toHaveLength(all.length - 2);
    expect(reply.serverDates).toEqual([kept]);
    expect(reply.turnedOff).toBe(3);
  });
});
