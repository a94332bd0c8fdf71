import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventsWithDay } from '../../src/domain/dataset.js';
import type { ServerDate } from '../../src/domain/server-date.js';
import {
  type DatedEvent,
  dueDeliveries,
  nextDueAt,
  nextPosts,
  type PlannedEvent,
  type PlannerSettings,
  serverDateEvents,
} from '../../src/schedule/planner.js';
import { at, eventById, realDataset } from '../domain/fixtures.js';

const GUILD = '1100000000000000001';
const dataset = realDataset();
const EVENTS = eventsWithDay(dataset);
const iso = (ms: number) => new Date(ms).toISOString();

function settings(overrides: Partial<PlannerSettings> = {}): PlannerSettings {
  return {
    guildId: GUILD,
    timeZone: 'Asia/Baku',
    postTime: { hour: 9, minute: 0 },
    disabledEvents: [],
    reminderDays: 0,
    nextDueAt: null,
    ...overrides,
  };
}

function syntheticEvent(id: string, month: number, day: number, year = 1992): DatedEvent {
  return { ...eventById(dataset, 'shusha'), id, date: { type: 'day', year, month, day } };
}

function serverDate(name: string, year: number, month: number, day: number): ServerDate {
  return {
    guildId: GUILD,
    id: `server:${name}`,
    name,
    date: { year, month, day },
    sourceUrl: 'https://example.org/source',
    text: '',
    roleId: null,
    createdAt: 0,
    updatedAt: 0,
  };
}

/** What a scheduler that is always on time posts after `after` up to `to`, as the planner plans it. */
function scheduled(s: PlannerSettings, events: readonly PlannedEvent[], after: number, to: number) {
  const out: Array<[string, string, number]> = [];
  let due = nextDueAt(s, events, after);
  while (due !== null && due <= to) {
    for (const d of dueDeliveries({ ...s, nextDueAt: due }, events, due)) {
      out.push([d.eventId, d.kind, d.occurrence.at]);
    }
    due = nextDueAt(s, events, due);
  }
  return out;
}

describe('nextPosts with reminders', () => {
  it('lists the reminder before its notice, with its own day and the anniversary it is for', () => {
    const posts = nextPosts(settings({ reminderDays: 3 }), EVENTS, at('2026-11-26T12:00Z'), 4);
    expect(posts.map((p) => [p.event.id, p.kind, p.daysBefore, iso(p.occurrence.at)])).toEqual([
      ['khojaly', 'reminder', 3, '2027-02-23T05:00:00.000Z'],
      ['khojaly', 'notice', 0, '2027-02-26T05:00:00.000Z'],
      ['kalbajar', 'reminder', 3, '2027-03-30T05:00:00.000Z'],
      ['kalbajar', 'notice', 0, '2027-04-02T05:00:00.000Z'],
    ]);
    expect(posts[0]?.occurrence).toMatchObject({ year: 2027, number: 35, date: { month: 2, day: 23 } });
  });

  it('names a reminder that falls in the year before its anniversary', () => {
    const january2 = syntheticEvent('january-2', 1, 2);
    const posts = nextPosts(settings({ reminderDays: 5 }), [january2], at('2026-12-20T00:00Z'), 3);
    expect(posts.map((p) => [p.kind, p.occurrence.year, p.occurrence.date, iso(p.occurrence.at)])).toEqual([
      ['reminder', 2027, { year: 2026, month: 12, day: 28 }, '2026-12-28T05:00:00.000Z'],
      ['notice', 2027, { year: 2027, month: 1, day: 2 }, '2027-01-02T05:00:00.000Z'],
      ['reminder', 2028, { year: 2027, month: 12, day: 28 }, '2027-12-28T05:00:00.000Z'],
    ]);
  });

  it('lists neither the reminder nor the notice of a turned-off event', () => {
    const posts = nextPosts(
      settings({ reminderDays: 3, disabledEvents: ['khojaly'] }),
      EVENTS,
      at('2026-11-26T12:00Z'),
      10,
    );
    expect(posts.some((p) => p.event.id === 'khojaly')).toBe(false);
    expect(posts.map((p) => p.kind)).toContain('reminder');
    const allOff = settings({ reminderDays: 3, disabledEvents: EVENTS.map((e) => e.id) });
    expect(nextPosts(allOff, EVENTS, at('2026-11-26T12:00Z'), 3)).toEqual([]);
  });

  it('lists only notices when reminders are off (0 days)', () => {
    const posts = nextPosts(settings({ reminderDays: 0 }), EVENTS, at('2026-11-26T12:00Z'), 20);
    expect(posts).toHaveLength(20);
    expect(posts.every((p) => p.kind === 'notice' && p.daysBefore === 0)).toBe(true);
  });

  it('plans a server’s own dates as the scheduler does: the first post is the next due instant', () => {
    const own = serverDateEvents([serverDate('local', 2001, 3, 1)]);
    const s = settings({ reminderDays: 10, disabledEvents: EVENTS.map((e) => e.id) });
    const after = at('2027-01-01T00:00Z');
    expect(nextPosts(s, own, after, 1)[0]?.occurrence.at).toBe(nextDueAt(s, own, after));
  });

  it('lists exactly what an always-on-time scheduler posts, in order, for any zone, time and offset (property)', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    const own = serverDateEvents([serverDate('a', 2001, 1, 3), serverDate('b', 2010, 12, 31)]);
    const events: PlannedEvent[] = [...EVENTS, ...own];
    fc.assert(
      fc.property(
        fc.integer({ min: at('2025-01-01T00:00Z'), max: at('2060-01-01T00:00Z') }),
        fc.constantFrom(...zones),
        fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) }),
        fc.integer({ min: 0, max: 30 }),
        fc.subarray(events.map((e) => e.id)),
        fc.integer({ min: 1, max: 8 }),
        (after, timeZone, postTime, reminderDays, disabledEvents, count) => {
          const s = settings({ timeZone, postTime, reminderDays, disabledEvents });
          const posts = nextPosts(s, events, after, count);
          const last = posts.at(-1)?.occurrence.at;
          if (last === undefined) {
            expect(nextDueAt(s, events, after)).toBeNull();
            return;
          }
          expect(posts[0]?.occurrence.at).toBe(nextDueAt(s, events, after));
          const key = (p: [string, string, number]) => `${p[2]}/${p[0]}/${p[1]}`;
          const listed = posts.map((p) => key([p.event.id, p.kind, p.occurrence.at]));
          const planned = scheduled(s, events, after, last).map(key);
          // Posts of the last listed minute may be cut at `count`; everything before it must match exactly.
          const before = (k: string) => Number(k.split('/')[0]) < last;
          expect(listed.filter(before).sort()).toEqual(planned.filter(before).sort());
          expect(listed.length).toBe(count);
          expect(planned.length).toBeGreaterThanOrEqual(count);
          expect(posts.map((p) => p.occurrence.at)).toEqual(
            planned.slice(0, count).map((k) => Number(k.split('/')[0])),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
