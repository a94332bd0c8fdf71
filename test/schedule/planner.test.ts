import { describe, expect, it } from 'vitest';
import { localInstant } from '../../src/domain/anniversary.js';
import { eventsWithDay } from '../../src/domain/dataset.js';
import { type ServerDate, serverDateId } from '../../src/domain/server-date.js';
import {
  type DatedEvent,
  dueDeliveries,
  LOOK_BACK_MS,
  nextDueAt,
  nextPosts,
  type PlannedDelivery,
  type PlannedEvent,
  type PlannerSettings,
  serverDateEvents,
} from '../../src/schedule/planner.js';
import { ledgerEventId } from '../../src/store/delivery.js';
import { at, eventById, realDataset } from '../domain/fixtures.js';

const GUILD = '1100000000000000001';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
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

/** A made-up dated event, for dates the dataset does not have. */
function syntheticEvent(id: string, month: number, day: number, year = 1992): DatedEvent {
  const base = eventById(dataset, 'shusha');
  return { ...base, id, date: { type: 'day', year, month, day } };
}

/** Settings waiting for the first posting instant after `from`, as the scheduler initialises them. */
function waitingFrom(
  from: number,
  overrides: Partial<PlannerSettings> = {},
  events: readonly PlannedEvent[] = EVENTS,
): PlannerSettings {
  const s = settings(overrides);
  return { ...s, nextDueAt: nextDueAt(s, events, from) };
}

/**
 * Runs the planner as the scheduler does, a tick every minute from `from` to `to`: a server whose
 * next due instant has come gets its due deliveries, then its next due instant after now.
 */
function everyMinute(
  start: PlannerSettings,
  events: readonly PlannedEvent[],
  from: number,
  to: number,
): Array<PlannedDelivery & { tick: number }> {
  let s = start;
  const out: Array<PlannedDelivery & { tick: number }> = [];
  for (let now = from; now <= to; now += MINUTE) {
    if (s.nextDueAt === null || s.nextDueAt > now) continue;
    for (const delivery of dueDeliveries(s, events, now)) out.push({ ...delivery, tick: now });
    s = { ...s, nextDueAt: nextDueAt(s, events, now) };
  }
  return out;
}

/** The same, but jumping straight to each due instant (a bot that is always on time), until `to`. */
function onTime(start: PlannerSettings, events: readonly PlannedEvent[], to: number): PlannedDelivery[] {
  let s = start;
  const out: PlannedDelivery[] = [];
  while (s.nextDueAt !== null && s.nextDueAt <= to) {
    const now = s.nextDueAt;
    out.push(...dueDeliveries(s, events, now));
    s = { ...s, nextDueAt: nextDueAt(s, events, now) };
  }
  return out;
}

describe('nextDueAt', () => {
  it('is the next posting instant over every enabled event (Khojaly after 26 Nov 2026, in Baku)', () => {
    expect(iso(nextDueAt(settings(), EVENTS, at('2026-11-26T12:00Z')) ?? 0)).toBe('2027-02-26T05:00:00.000Z');
  });

  it('skips turned-off events, and is null when every event is off', () => {
    const s = settings({ disabledEvents: ['khojaly'] });
    expect(iso(nextDueAt(s, EVENTS, at('2026-11-26T12:00Z')) ?? 0)).toBe('2027-04-02T05:00:00.000Z');
    const allOff = settings({ disabledEvents: EVENTS.map((e) => e.id) });
    expect(nextDueAt(allOff, EVENTS, at('2026-11-26T12:00Z'))).toBeNull();
  });
});

describe('dueDeliveries', () => {
  for (const [zone, expected] of [
    ['Asia/Baku', '2027-02-26T05:00:00.000Z'],
    ['UTC', '2027-02-26T09:00:00.000Z'],
    ['America/New_York', '2027-02-26T14:00:00.000Z'],
    ['Europe/Berlin', '2027-02-26T08:00:00.000Z'],
    ['Australia/Sydney', '2027-02-25T22:00:00.000Z'],
  ] as const) {
    it(`posts Khojaly at 09:00 in ${zone} (${expected}) and not a minute earlier`, () => {
      const s = waitingFrom(at('2026-11-26T12:00Z'), { timeZone: zone });
      expect(iso(s.nextDueAt ?? 0)).toBe(expected);
      const minute = at(expected);
      expect(dueDeliveries(s, EVENTS, minute - MINUTE)).toEqual([]);
      // Even a server that has been waiting since long before has nothing due a minute early.
      expect(dueDeliveries({ ...s, nextDueAt: at('2026-11-26T12:00Z') }, EVENTS, minute - MINUTE)).toEqual(
        [],
      );
      const due = dueDeliveries(s, EVENTS, minute);
      expect(due).toEqual([
        {
          guildId: GUILD,
          eventId: 'khojaly',
          year: 2027,
          kind: 'notice',
          daysBefore: 0,
          occurrence: { year: 2027, date: { year: 2027, month: 2, day: 26 }, number: 35, at: minute },
          action: 'post',
          lateByMs: 0,
        },
      ]);
    });
  }

  it('has nothing due for a server with no next due instant', () => {
    expect(dueDeliveries(settings({ nextDueAt: null }), EVENTS, at('2027-02-26T05:00Z'))).toEqual([]);
  });

  it('posts a 02:30 notice in Berlin once on 29 Oct 2028, when 02:30 happens twice', () => {
    const october29 = syntheticEvent('october-29', 10, 29, 1993);
    const start = waitingFrom(
      at('2028-10-28T00:00Z'),
      { timeZone: 'Europe/Berlin', postTime: { hour: 2, minute: 30 } },
      [october29],
    );
    expect(iso(start.nextDueAt ?? 0)).toBe('2028-10-29T00:30:00.000Z');
    const posts = everyMinute(start, [october29], at('2028-10-29T00:00Z'), at('2028-10-29T03:00Z'));
    expect(posts.map((p) => [p.eventId, p.action, iso(p.tick), p.lateByMs, p.occurrence.number])).toEqual([
      ['october-29', 'post', '2028-10-29T00:30:00.000Z', 0, 35],
    ]);
  });

  it('posts the real Zangilan anniversary (29 Oct) once in Berlin in 2028 at 02:30', () => {
    const zangilan = EVENTS.filter((e) => e.id === 'zangilan');
    const start = waitingFrom(
      at('2028-10-28T00:00Z'),
      { timeZone: 'Europe/Berlin', postTime: { hour: 2, minute: 30 } },
      zangilan,
    );
    const posts = everyMinute(start, zangilan, at('2028-10-29T00:00Z'), at('2028-10-29T03:00Z'));
    expect(posts.map((p) => [p.eventId, p.year, iso(p.tick)])).toEqual([
      ['zangilan', 2028, '2028-10-29T00:30:00.000Z'],
    ]);
  });

  it('posts a 02:30 notice at 03:00 on the Berlin spring-forward day, once', () => {
    const march26 = syntheticEvent('march-26', 3, 26, 1993);
    const start = waitingFrom(
      at('2028-03-25T00:00Z'),
      { timeZone: 'Europe/Berlin', postTime: { hour: 2, minute: 30 } },
      [march26],
    );
    const posts = everyMinute(start, [march26], at('2028-03-25T23:00Z'), at('2028-03-26T03:00Z'));
    expect(posts.map((p) => [p.action, iso(p.tick)])).toEqual([['post', '2028-03-26T01:00:00.000Z']]);
  });

  describe('catching up after the bot was down', () => {
    const s = waitingFrom(at('2026-11-26T12:00Z'));

    it('posts late, the same local day: down at 09:00, back at 15:00 Baku time', () => {
      const now = at('2027-02-26T11:00Z');
      expect(dueDeliveries(s, EVENTS, now)).toMatchObject([
        { eventId: 'khojaly', year: 2027, action: 'post', lateByMs: 6 * HOUR },
      ]);
    });

    it('still posts at 23:59 local, and records it as missed from 00:00 the next local day', () => {
      expect(dueDeliveries(s, EVENTS, at('2027-02-26T19:59Z'))).toMatchObject([
        { eventId: 'khojaly', action: 'post', lateByMs: 14 * HOUR + 59 * MINUTE },
      ]);
      expect(dueDeliveries(s, EVENTS, at('2027-02-26T20:00Z'))).toMatchObject([
        { eventId: 'khojaly', action: 'missed' },
      ]);
      expect(dueDeliveries(s, EVENTS, at('2027-02-27T11:00Z'))).toMatchObject([
        { eventId: 'khojaly', year: 2027, action: 'missed', lateByMs: 30 * HOUR },
      ]);
    });

    it('reports every anniversary that passed while down, oldest first, and posts today’s', () => {
      const due = dueDeliveries(s, EVENTS, at('2027-05-18T06:00Z'));
      expect(due.map((d) => [d.eventId, d.action])).toEqual([
        ['khojaly', 'missed'],
        ['kalbajar', 'missed'],
        ['shusha', 'missed'],
        ['lachin', 'post'],
      ]);
    });

    it('looks back no more than a year and a day', () => {
      const due = dueDeliveries(
        { ...s, nextDueAt: at('2020-01-01T00:00Z') },
        EVENTS,
        at('2027-02-26T05:00Z'),
      );
      expect(due.every((d) => d.occurrence.at >= at('2027-02-26T05:00Z') - LOOK_BACK_MS)).toBe(true);
      expect(due.filter((d) => d.eventId === 'khojaly').map((d) => [d.year, d.action])).toEqual([
        [2026, 'missed'],
        [2027, 'post'],
      ]);
    });
  });

  it('never plans a turned-off event, over a whole year', () => {
    const start = waitingFrom(at('2027-01-01T00:00Z'), { disabledEvents: ['khojaly', 'shusha'] });
    const planned = onTime(start, EVENTS, at('2028-01-01T00:00Z'));
    expect(planned.map((d) => d.eventId)).toEqual([
      'kalbajar',
      'lachin',
      'aghdam',
      'fizuli',
      'jabrayil',
      'gubadli',
      'zangilan',
    ]);
    // And a server caught up after being down all year does not list them either.
    const caughtUp = dueDeliveries(start, EVENTS, at('2027-12-31T12:00Z'));
    expect(caughtUp.map((d) => d.eventId)).not.toContain('khojaly');
    expect(caughtUp.map((d) => d.eventId)).not.toContain('shusha');
    expect(caughtUp).toHaveLength(7);
  });

  it('has Fizuli and Jabrayil (both 23 Aug) due at the same minute', () => {
    const s = waitingFrom(at('2027-08-01T00:00Z'));
    expect(iso(s.nextDueAt ?? 0)).toBe('2027-08-23T05:00:00.000Z');
    expect(dueDeliveries(s, EVENTS, at('2027-08-23T05:00Z')).map((d) => [d.eventId, d.action])).toEqual([
      ['fizuli', 'post'],
      ['jabrayil', 'post'],
    ]);
  });

  it('posts a 29 February event on 28 February 2027 and on 29 February 2028', () => {
    const leap = syntheticEvent('leap-day', 2, 29, 1992);
    const planned = onTime(waitingFrom(at('2027-01-01T00:00Z'), {}, [leap]), [leap], at('2028-12-31T00:00Z'));
    expect(planned.map((d) => [d.action, d.occurrence.date, iso(d.occurrence.at)])).toEqual([
      ['post', { year: 2027, month: 2, day: 28 }, '2027-02-28T05:00:00.000Z'],
      ['post', { year: 2028, month: 2, day: 29 }, '2028-02-29T05:00:00.000Z'],
    ]);
  });

  it('never plans a period (Nagorno-Karabakh 1988–1992): a year posts each dated event once', () => {
    expect(EVENTS.map((e) => e.id)).not.toContain('nagorno-karabakh');
    expect(EVENTS).toHaveLength(dataset.events.length - 1);
    const planned = onTime(waitingFrom(at('2027-01-01T00:00Z')), EVENTS, at('2028-01-01T00:00Z'));
    expect(planned.map((d) => [d.eventId, d.action, d.lateByMs])).toEqual(
      ['khojaly', 'kalbajar', 'shusha', 'lachin', 'aghdam', 'fizuli', 'jabrayil', 'gubadli', 'zangilan'].map(
        (id) => [id, 'post', 0],
      ),
    );
    for (const d of planned) {
      const event = EVENTS.find((e) => e.id === d.eventId) as DatedEvent;
      expect(d.occurrence.at).toBe(localInstant(d.occurrence.date, { hour: 9, minute: 0 }, 'Asia/Baku'));
      expect(d.occurrence.date).toMatchObject({ month: event.date.month, day: event.date.day });
    }
  });
});

describe('reminders ahead', () => {
  const reminding = (days: number, events: DatedEvent[] = EVENTS, from = at('2026-11-26T12:00Z')) =>
    waitingFrom(from, { reminderDays: days }, events);

  it('reminds 3 days before Khojaly at the posting time, then posts the notice on the day, each once', () => {
    const s = reminding(3);
    expect(iso(s.nextDueAt ?? 0)).toBe('2027-02-23T05:00:00.000Z');
    const planned = onTime(s, EVENTS, at('2027-02-27T00:00Z'));
    expect(
      planned.map((d) => [d.eventId, d.kind, d.daysBefore, d.year, iso(d.occurrence.at), d.action]),
    ).toEqual([
      ['khojaly', 'reminder', 3, 2027, '2027-02-23T05:00:00.000Z', 'post'],
      ['khojaly', 'notice', 0, 2027, '2027-02-26T05:00:00.000Z', 'post'],
    ]);
    // The reminder says which anniversary is coming, and falls on its own local day.
    expect(planned[0]?.occurrence).toMatchObject({ number: 35, date: { year: 2027, month: 2, day: 23 } });
  });

  it('reminds in December of the year before for an anniversary early in January', () => {
    const newYear = syntheticEvent('new-year', 1, 5);
    const planned = onTime(
      reminding(10, [newYear], at('2026-12-01T00:00Z')),
      [newYear],
      at('2027-01-06T00:00Z'),
    );
    expect(planned.map((d) => [d.kind, d.year, d.occurrence.date])).toEqual([
      ['reminder', 2027, { year: 2026, month: 12, day: 26 }],
      ['notice', 2027, { year: 2027, month: 1, day: 5 }],
    ]);
  });

  it('posts a reminder late the same local day, and records it missed once its day has ended', () => {
    const s = { ...reminding(7), nextDueAt: at('2027-02-19T05:00Z') };
    expect(dueDeliveries(s, EVENTS, at('2027-02-19T18:00Z')).map((d) => [d.kind, d.action])).toEqual([
      ['reminder', 'post'],
    ]);
    expect(dueDeliveries(s, EVENTS, at('2027-02-20T06:00Z')).map((d) => [d.kind, d.action])).toEqual([
      ['reminder', 'missed'],
    ]);
  });

  it('follows the clocks: a 02:30 reminder on 29 Oct 2028 in Berlin comes once, at the first 02:30', () => {
    const event = syntheticEvent('autumn', 11, 1);
    const s = waitingFrom(
      at('2028-10-01T00:00Z'),
      { timeZone: 'Europe/Berlin', postTime: { hour: 2, minute: 30 }, reminderDays: 3 },
      [event],
    );
    const planned = onTime(s, [event], at('2028-11-02T00:00Z'));
    expect(planned.map((d) => [d.kind, iso(d.occurrence.at)])).toEqual([
      ['reminder', '2028-10-29T00:30:00.000Z'],
      ['notice', '2028-11-01T01:30:00.000Z'],
    ]);
  });

  it('plans no reminders when the offset is 0', () => {
    const planned = onTime(reminding(0), EVENTS, at('2028-01-01T00:00Z'));
    expect(planned.every((d) => d.kind === 'notice' && d.daysBefore === 0)).toBe(true);
  });
});

describe('reminders ahead of a server’s own dates', () => {
  /** A date this server's admins added (`/config date add`). */
  function ownDate(name: string, iso: string): ServerDate {
    const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
    const date = { year, month, day };
    const stamp = at('2026-01-01T00:00Z');
    return {
      guildId: GUILD,
      id: serverDateId(name, date),
      name,
      date,
      sourceUrl: 'https://example.org/s',
      text: '',
      roleId: null,
      createdAt: stamp,
      updatedAt: stamp,
    };
  }
  const returned = ownDate('Return of Aghdam', '2020-11-20');
  const own = serverDateEvents([returned]);
  const plan = (d: PlannedDelivery) => [
    d.eventId,
    d.kind,
    d.daysBefore,
    d.year,
    iso(d.occurrence.at),
    d.action,
  ];

  it('reminds N days before at the posting time, then posts the notice on the day, each once', () => {
    const s = waitingFrom(at('2027-11-01T12:00Z'), { reminderDays: 5 }, own);
    expect(iso(s.nextDueAt ?? 0)).toBe('2027-11-15T05:00:00.000Z');
    const ticked = everyMinute(s, own, at('2027-11-15T04:00Z'), at('2027-11-21T00:00Z'));
    expect(ticked.map(plan)).toEqual([
      [returned.id, 'reminder', 5, 2027, '2027-11-15T05:00:00.000Z', 'post'],
      [returned.id, 'notice', 0, 2027, '2027-11-20T05:00:00.000Z', 'post'],
    ]);
    // The reminder's ledger row is in the dataset reminders' namespace, apart from the notice's.
    expect(ledgerEventId(returned.id, 'reminder')).toBe(`reminder:${returned.id}`);
    expect(ticked[0]?.occurrence).toMatchObject({ number: 7, date: { year: 2027, month: 11, day: 15 } });
  });

  it('catches a reminder up late the same local day, and records it missed once its day has ended', () => {
    const s = waitingFrom(at('2027-11-01T12:00Z'), { reminderDays: 5 }, own);
    expect(dueDeliveries(s, own, at('2027-11-15T19:59Z')).map((d) => [d.kind, d.action])).toEqual([
      ['reminder', 'post'],
    ]);
    // 00:00 on 16 November in Baku.
    expect(dueDeliveries(s, own, at('2027-11-15T20:00Z')).map((d) => [d.kind, d.action])).toEqual([
      ['reminder', 'missed'],
    ]);
  });

  it('follows the clocks: 02:30 in Berlin, on the autumn and the spring change', () => {
    const autumn = serverDateEvents([ownDate('Autumn', '2001-11-01')]);
    const berlin = { timeZone: 'Europe/Berlin', postTime: { hour: 2, minute: 30 }, reminderDays: 3 };
    const s = waitingFrom(at('2028-10-01T00:00Z'), berlin, autumn);
    // 29 October 2028: 02:30 happens twice; the reminder comes once, at the first.
    expect(everyMinute(s, autumn, at('2028-10-28T23:00Z'), at('2028-11-02T00:00Z')).map(plan)).toEqual([
      [autumn[0]?.id, 'reminder', 3, 2028, '2028-10-29T00:30:00.000Z', 'post'],
      [autumn[0]?.id, 'notice', 0, 2028, '2028-11-01T01:30:00.000Z', 'post'],
    ]);
    // 26 March 2028: 02:30 does not exist; the reminder comes at 03:00 (01:00Z), once.
    const spring = serverDateEvents([ownDate('Spring', '2001-03-29')]);
    const t = waitingFrom(at('2028-03-01T00:00Z'), berlin, spring);
    expect(everyMinute(t, spring, at('2028-03-25T23:00Z'), at('2028-03-26T23:00Z')).map(plan)).toEqual([
      [spring[0]?.id, 'reminder', 3, 2028, '2028-03-26T01:00:00.000Z', 'post'],
    ]);
  });

  it('remembers 29 February on 28 February in common years, and reminds ahead of that day', () => {
    const leap = serverDateEvents([ownDate('Leap', '2020-02-29')]);
    const s = waitingFrom(at('2027-01-01T00:00Z'), { reminderDays: 1 }, leap);
    const planned = onTime(s, leap, at('2028-12-31T00:00Z'));
    expect(planned.map((d) => [d.kind, d.year, d.occurrence.date])).toEqual([
      ['reminder', 2027, { year: 2027, month: 2, day: 27 }],
      ['notice', 2027, { year: 2027, month: 2, day: 28 }],
      ['reminder', 2028, { year: 2028, month: 2, day: 28 }],
      ['notice', 2028, { year: 2028, month: 2, day: 29 }],
    ]);
  });

  it('plans neither the notice nor the reminder of a date the admins turned off', () => {
    const s = waitingFrom(at('2027-11-01T12:00Z'), { reminderDays: 5, disabledEvents: [returned.id] }, own);
    expect(s.nextDueAt).toBeNull();
    const both = [...EVENTS, ...own];
    const on = waitingFrom(at('2027-11-01T12:00Z'), { reminderDays: 5, disabledEvents: [returned.id] }, both);
    expect(onTime(on, both, at('2028-01-01T00:00Z')).filter((d) => d.eventId === returned.id)).toEqual([]);
  });
});

describe('nextPosts', () => {
  it('lists the next three posts in order', () => {
    const posts = nextPosts(settings(), EVENTS, at('2026-11-26T12:00Z'), 3);
    expect(posts.map((p) => [p.event.id, iso(p.occurrence.at)])).toEqual([
      ['khojaly', '2027-02-26T05:00:00.000Z'],
      ['kalbajar', '2027-04-02T05:00:00.000Z'],
      ['shusha', '2027-05-08T05:00:00.000Z'],
    ]);
  });

  it('keeps two posts of the same minute together, and stays in ascending order across the new year', () => {
    const posts = nextPosts(settings(), EVENTS, at('2027-08-01T00:00Z'), 6);
    expect(posts.map((p) => [p.event.id, p.occurrence.year])).toEqual([
      ['fizuli', 2027],
      ['jabrayil', 2027],
      ['gubadli', 2027],
      ['zangilan', 2027],
      ['khojaly', 2028],
      ['kalbajar', 2028],
    ]);
    const times = posts.map((p) => p.occurrence.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('lists more than a year ahead without repeating an occurrence', () => {
    const posts = nextPosts(settings(), EVENTS, at('2026-11-26T12:00Z'), 20);
    expect(posts).toHaveLength(20);
    const keys = posts.map((p) => `${p.event.id}/${p.occurrence.year}`);
    expect(new Set(keys).size).toBe(20);
  });

  it('lists nothing when every event is off', () => {
    expect(nextPosts(settings({ disabledEvents: EVENTS.map((e) => e.id) }), EVENTS, 0, 3)).toEqual([]);
  });
});
