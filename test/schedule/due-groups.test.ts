import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalTime, nextOccurrence, parseLocalTime } from '../../src/domain/anniversary.js';
import { eventsWithDay } from '../../src/domain/dataset.js';
import { serverDateId } from '../../src/domain/server-date.js';
import { DueServers } from '../../src/schedule/due-groups.js';
import { dueDeliveries, nextDueAt } from '../../src/schedule/planner.js';
import { plannerSettings } from '../../src/schedule/planner-settings.js';
import { type OpenedDatabase, openDatabase } from '../../src/store/database.js';
import { ServerDateRepository } from '../../src/store/server-date-repository.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { realDataset } from '../domain/fixtures.js';

const EVENTS = eventsWithDay(realDataset());
const DAY = 86_400_000;
const ZONES = ['Asia/Baku', 'Europe/London', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Auckland'];
const TIMES = ['00:00', '05:00', '09:00', '23:30'];
const EVENT_IDS = EVENTS.slice(0, 5).map((e) => e.id);
// Next due instants relative to now: on the minute, hours and days late, past the look-back, not yet due.
const OFFSETS = [0, 60_000, 3_600_000, 3 * DAY, 200 * DAY, 400 * DAY, -60_000];

const server = fc.record({
  zone: fc.constantFrom(...ZONES),
  time: fc.constantFrom(...TIMES),
  disabled: fc.subarray(EVENT_IDS),
  offset: fc.constantFrom(...OFFSETS),
  reminder: fc.constantFrom(0, 0, 1, 3, 30),
  paused: fc.boolean(),
});

describe('grouped planning', () => {
  let opened: OpenedDatabase;
  let repo: SettingsRepository;
  beforeAll(async () => {
    opened = await openDatabase({ kind: 'sqlite-memory' }, { now: () => 0 });
    repo = new SettingsRepository(opened.db);
  });
  afterAll(async () => {
    await opened.close();
  });

  it('plans every due server exactly as planning it alone would, once per group of equal inputs', async () => {
    let posted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(server, { minLength: 0, maxLength: 40 }),
        // Now at or just after some anniversary's posting minute in one of the zones, so plans are not empty.
        fc.record({
          event: fc.constantFrom(...EVENTS.slice(0, 5)),
          zone: fc.constantFrom(...ZONES),
          time: fc.constantFrom(...TIMES),
          from: fc.integer({
            min: Date.parse('2026-01-01T00:00:00Z'),
            max: Date.parse('2028-12-31T00:00:00Z'),
          }),
          late: fc.constantFrom(0, 60_000, 3_600_000, 20 * 3_600_000),
        }),
        fc.integer({ min: 1, max: 9 }),
        async (servers, moment, pageSize) => {
          const time = parseLocalTime(moment.time) as LocalTime;
          const now = nextOccurrence(moment.event.date, moment.from, time, moment.zone).at + moment.late;
          await opened.db.deleteFrom('guild_settings').execute();
          const ids = servers.map((_, i) => String(1_200_000_000_000_000_000n + BigInt(i) * 4_194_304n));
          for (const [i, s] of servers.entries()) {
            await repo.update(
              ids[i] as string,
              {
                channelId: '1200000000000000999',
                timeZone: s.zone,
                postTime: s.time,
                disabledEvents: s.disabled,
                reminderDays: s.reminder,
                nextDueAt: now - s.offset,
                ...(s.paused ? { paused: true, pauseReason: 'admin' as const } : {}),
              },
              now,
            );
          }
          // Per server, as the scheduler planned before grouping.
          const expected = new Map(
            (await repo.listDue(now)).map((s) => [
              s.guildId,
              {
                planned: dueDeliveries(plannerSettings(s), EVENTS, now),
                next: nextDueAt(plannerSettings(s), EVENTS, now),
              },
            ]),
          );
          const due = new DueServers(repo, EVENTS, now, undefined, pageSize);
          const got = new Map<string, { planned: unknown; next: number | null }>();
          for (let job = await due.next(); job; job = await due.next()) {
            expect(got.has(job.settings.guildId)).toBe(false);
            got.set(job.settings.guildId, { planned: job.planned, next: job.next });
          }
          expect(got).toEqual(expected);
          posted += [...got.values()].filter((g) => (g.planned as unknown[]).length > 0).length;
          const groups = new Set(
            servers
              .filter((s) => !s.paused && s.offset >= 0)
              .map((s) => JSON.stringify([s.zone, s.time, [...s.disabled].sort(), s.reminder, s.offset])),
          );
          expect(due.plans).toBe(groups.size);
        },
      ),
      { numRuns: 60 },
    );
    // The property is only worth something if servers were actually due.
    expect(posted).toBeGreaterThan(20);
  });

  it('plans a server with its own dates apart: they are its planning inputs, and no other server gets them', async () => {
    await opened.db.deleteFrom('guild_settings').execute();
    const dates = new ServerDateRepository(opened.db);
    // 10 November 2027, 09:00 in Baku.
    const now = Date.parse('2027-11-10T05:00:00Z');
    const ids = ['1200000000000004194', '1200000000000008388', '1200000000000012582'];
    for (const id of ids) {
      await repo.update(id, { channelId: '1200000000000000999', nextDueAt: now }, now);
    }
    const own = { year: 2020, month: 11, day: 10 };
    await opened.db.transaction().execute((trx) =>
      dates.insert(trx, {
        guildId: ids[1] as string,
        id: serverDateId('Return of Aghdam', own),
        name: 'Return of Aghdam',
        date: own,
        sourceUrl: 'https://example.org',
        text: '',
        roleId: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    const due = new DueServers(repo, EVENTS, now, undefined, 10, dates);
    const got = new Map<string, { planned: Array<{ eventId: string }>; ownDates: unknown[] }>();
    for (let job = await due.next(); job; job = await due.next()) got.set(job.settings.guildId, job);
    expect(got.get(ids[1] as string)?.planned.map((p) => p.eventId)).toEqual([
      serverDateId('Return of Aghdam', own),
    ]);
    expect(got.get(ids[1] as string)?.ownDates).toHaveLength(1);
    for (const id of [ids[0], ids[2]]) {
      expect(got.get(id as string)?.planned).toEqual([]);
      expect(got.get(id as string)?.ownDates).toEqual([]);
    }
    // The server with dates sits between the other two in plan order: its own group breaks their run.
    expect(due.plans).toBe(3);
    await opened.db.deleteFrom('server_dates').execute();
  });
});
