import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anniversaryNumber,
  anniversaryOn,
  type CalendarDate,
  formatLocalTime,
  type LocalTime,
  localDate,
  localInstant,
  nextOccurrence,
  occurrenceIn,
  occurrencesBetween,
  parseLocalTime,
  yearsSince,
} from '../../src/domain/anniversary.js';
import type { DayDate } from '../../src/domain/dataset.js';
import { at, eventById, realDataset } from './fixtures.js';

const dataset = realDataset();
const dayDate = (id: string): DayDate => {
  const { date } = eventById(dataset, id);
  if (date.type === 'period') throw new Error(`${id} has no day`);
  return date;
};
const KHOJALY = dayDate('khojaly');
const FIZULI = dayDate('fizuli');
const LEAP_DAY: DayDate = { type: 'day', year: 1992, month: 2, day: 29 };
const NINE: LocalTime = { hour: 9, minute: 0 };
const iso = (ms: number) => new Date(ms).toISOString();

/** The wall clock an instant shows in a zone, read with Intl (not luxon), as "YYYY-MM-DD HH:MM". */
function wallClock(ms: number, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
/** A zone's UTC offset at an instant, as Intl reports it ("GMT+04:00"). */
function offsetAt(ms: number, zone: string): string {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormats.set(zone, format);
  }
  return format.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** The instants (to the minute) a zone's offset changes during a year, found with Intl. */
function clockChanges(zone: string, year: number): number[] {
  const changes: number[] = [];
  const day = 86_400_000;
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += day) {
    if (offsetAt(t, zone) === offsetAt(t + day, zone)) continue;
    let lo = t;
    let hi = t + day;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(mid, zone) === offsetAt(t, zone)) lo = mid;
      else hi = mid;
    }
    changes.push(hi);
  }
  return changes;
}

const wall = (d: CalendarDate, t: LocalTime) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')} ${formatLocalTime(t)}`;

describe('localInstant: exact instants', () => {
  const cases: Array<[string, CalendarDate, LocalTime, string, string]> = [
    [
      'Khojaly 2027 in Baku',
      { year: 2027, month: 2, day: 26 },
      NINE,
      'Asia/Baku',
      '2027-02-26T05:00:00.000Z',
    ],
    ['Khojaly 2027 in UTC', { year: 2027, month: 2, day: 26 }, NINE, 'UTC', '2027-02-26T09:00:00.000Z'],
    [
      'Khojaly 2027 in New York (EST)',
      { year: 2027, month: 2, day: 26 },
      NINE,
      'America/New_York',
      '2027-02-26T14:00:00.000Z',
    ],
    [
      'Kalbajar 2027 in New York (EDT)',
      { year: 2027, month: 4, day: 2 },
      NINE,
      'America/New_York',
      '2027-04-02T13:00:00.000Z',
    ],
    [
      'Zangilan 2027 in Berlin (CEST, three days before the change)',
      { year: 2027, month: 10, day: 29 },
      { hour: 21, minute: 30 },
      'Europe/Berlin',
      '2027-10-29T19:30:00.000Z',
    ],
    [
      'Berlin 29 Oct 2028 02:30 happens twice: the first one',
      { year: 2028, month: 10, day: 29 },
      { hour: 2, minute: 30 },
      'Europe/Berlin',
      '2028-10-29T00:30:00.000Z',
    ],
    [
      'London 29 Oct 2028 01:30 happens twice: the first one',
      { year: 2028, month: 10, day: 29 },
      { hour: 1, minute: 30 },
      'Europe/London',
      '2028-10-29T00:30:00.000Z',
    ],
    [
      'New York 7 Nov 2027 01:30 happens twice: the first one (EDT)',
      { year: 2027, month: 11, day: 7 },
      { hour: 1, minute: 30 },
      'America/New_York',
      '2027-11-07T05:30:00.000Z',
    ],
    [
      'Berlin 26 Mar 2028 02:30 does not exist: 03:00 CEST',
      { year: 2028, month: 3, day: 26 },
      { hour: 2, minute: 30 },
      'Europe/Berlin',
      '2028-03-26T01:00:00.000Z',
    ],
    [
      'Berlin 26 Mar 2028 02:00 does not exist either: 03:00 CEST',
      { year: 2028, month: 3, day: 26 },
      { hour: 2, minute: 0 },
      'Europe/Berlin',
      '2028-03-26T01:00:00.000Z',
    ],
    [
      'Berlin 26 Mar 2028 03:00 is the end of the gap',
      { year: 2028, month: 3, day: 26 },
      { hour: 3, minute: 0 },
      'Europe/Berlin',
      '2028-03-26T01:00:00.000Z',
    ],
    [
      'Berlin 26 Mar 2028 01:59 is still winter time',
      { year: 2028, month: 3, day: 26 },
      { hour: 1, minute: 59 },
      'Europe/Berlin',
      '2028-03-26T00:59:00.000Z',
    ],
    [
      'New York 14 Mar 2027 02:15 does not exist: 03:00 EDT',
      { year: 2027, month: 3, day: 14 },
      { hour: 2, minute: 15 },
      'America/New_York',
      '2027-03-14T07:00:00.000Z',
    ],
    [
      'Lord Howe 3 Oct 2027 02:15 falls in a 30-minute gap: 02:30 (+11)',
      { year: 2027, month: 10, day: 3 },
      { hour: 2, minute: 15 },
      'Australia/Lord_Howe',
      '2027-10-02T15:30:00.000Z',
    ],
    [
      'Lord Howe 3 Oct 2027 01:59 is before the gap (+10:30)',
      { year: 2027, month: 10, day: 3 },
      { hour: 1, minute: 59 },
      'Australia/Lord_Howe',
      '2027-10-02T15:29:00.000Z',
    ],
    [
      'Lord Howe 4 Apr 2027 01:45 happens twice, 30 minutes apart: the first (+11)',
      { year: 2027, month: 4, day: 4 },
      { hour: 1, minute: 45 },
      'Australia/Lord_Howe',
      '2027-04-03T14:45:00.000Z',
    ],
    [
      'Sydney 4 Apr 2027 02:30 happens twice: the first (AEDT)',
      { year: 2027, month: 4, day: 4 },
      { hour: 2, minute: 30 },
      'Australia/Sydney',
      '2027-04-03T15:30:00.000Z',
    ],
    [
      'Sydney 3 Oct 2027 02:30 does not exist: 03:00 AEDT',
      { year: 2027, month: 10, day: 3 },
      { hour: 2, minute: 30 },
      'Australia/Sydney',
      '2027-10-02T16:00:00.000Z',
    ],
    [
      'Sydney 23 Jul 2027 09:00 is winter (AEST)',
      { year: 2027, month: 7, day: 23 },
      NINE,
      'Australia/Sydney',
      '2027-07-22T23:00:00.000Z',
    ],
  ];
  for (const [what, date, time, zone, expected] of cases) {
    it(what, () => {
      expect(iso(localInstant(date, time, zone))).toBe(expected);
    });
  }

  it('the ambiguous Berlin 02:30 really shows twice, and the answer is the earlier one', () => {
    expect(wallClock(at('2028-10-29T00:30Z'), 'Europe/Berlin')).toBe('2028-10-29 02:30');
    expect(wallClock(at('2028-10-29T01:30Z'), 'Europe/Berlin')).toBe('2028-10-29 02:30');
    expect(localInstant({ year: 2028, month: 10, day: 29 }, { hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(
      at('2028-10-29T00:30Z'),
    );
  });

  it('refuses a zone that does not exist', () => {
    expect(() => localInstant({ year: 2027, month: 2, day: 26 }, NINE, 'Mars/Olympus_Mons')).toThrow();
  });
});

describe('anniversaries of the dataset', () => {
  it('Khojaly’s next anniversary after 26 Nov 2026 is the 35th, on 26 Feb 2027 at 09:00 Baku', () => {
    expect(nextOccurrence(KHOJALY, at('2026-11-26T12:00Z'), NINE, 'Asia/Baku')).toEqual({
      year: 2027,
      date: { year: 2027, month: 2, day: 26 },
      number: 35,
      at: at('2027-02-26T05:00Z'),
    });
  });

  it('numbers anniversaries as the source does (the statement calls 2017 the 25th)', () => {
    expect(anniversaryNumber(KHOJALY, 2017)).toBe(25);
    expect(anniversaryNumber(KHOJALY, 2027)).toBe(35);
    expect(anniversaryNumber(FIZULI, 2026)).toBe(33);
    expect(anniversaryNumber(FIZULI, 1993)).toBe(0);
  });

  it('the minute itself is not "after" it: the next one is a year later', () => {
    const first = nextOccurrence(KHOJALY, at('2027-02-26T04:59:59.999Z'), NINE, 'Asia/Baku');
    expect(iso(first.at)).toBe('2027-02-26T05:00:00.000Z');
    const next = nextOccurrence(KHOJALY, first.at, NINE, 'Asia/Baku');
    expect(iso(next.at)).toBe('2028-02-26T05:00:00.000Z');
    expect(next.number).toBe(36);
  });

  it('the first anniversary is a year after the event, never the day itself', () => {
    const first = nextOccurrence(KHOJALY, at('1990-01-01T00:00Z'), NINE, 'Asia/Baku');
    expect(first.year).toBe(1993);
    expect(first.number).toBe(1);
  });

  it('counts years since in the asker’s calendar', () => {
    expect(yearsSince(FIZULI, { year: 2026, month: 11, day: 26 })).toBe(33);
    expect(yearsSince(FIZULI, { year: 2026, month: 8, day: 23 })).toBe(33);
    expect(yearsSince(FIZULI, { year: 2026, month: 8, day: 22 })).toBe(32);
    expect(yearsSince(KHOJALY, { year: 2026, month: 11, day: 26 })).toBe(34);
  });

  it('lists occurrences in a range, oldest first, ends included', () => {
    const from = at('2027-02-26T05:00Z');
    const to = at('2029-02-26T05:00Z');
    expect(occurrencesBetween(KHOJALY, from, to, NINE, 'Asia/Baku').map((o) => [o.year, iso(o.at)])).toEqual([
      [2027, '2027-02-26T05:00:00.000Z'],
      [2028, '2028-02-26T05:00:00.000Z'],
      [2029, '2029-02-26T05:00:00.000Z'],
    ]);
    expect(occurrencesBetween(KHOJALY, from + 1, to - 1, NINE, 'Asia/Baku').map((o) => o.year)).toEqual([
      2028,
    ]);
  });
});

describe('29 February', () => {
  it('is remembered on 28 February in common years and 29 February in leap years', () => {
    expect(anniversaryOn(LEAP_DAY, 2027)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(anniversaryOn(LEAP_DAY, 2028)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(anniversaryOn(LEAP_DAY, 2100)).toEqual({ year: 2100, month: 2, day: 28 });
    expect(anniversaryOn(LEAP_DAY, 2000)).toEqual({ year: 2000, month: 2, day: 29 });
    expect(anniversaryOn(FIZULI, 2027)).toEqual({ year: 2027, month: 8, day: 23 });
  });

  it('next occurrences go 28 Feb 2027, then 29 Feb 2028', () => {
    const first = nextOccurrence(LEAP_DAY, at('2027-01-01T00:00Z'), NINE, 'Asia/Baku');
    expect(first).toMatchObject({ year: 2027, date: { year: 2027, month: 2, day: 28 }, number: 35 });
    expect(iso(first.at)).toBe('2027-02-28T05:00:00.000Z');
    const second = nextOccurrence(LEAP_DAY, first.at, NINE, 'Asia/Baku');
    expect(second).toMatchObject({ year: 2028, date: { year: 2028, month: 2, day: 29 }, number: 36 });
    expect(iso(second.at)).toBe('2028-02-29T05:00:00.000Z');
  });

  it('a year has passed on 28 Feb of a common year, not before', () => {
    expect(yearsSince(LEAP_DAY, { year: 2027, month: 2, day: 28 })).toBe(35);
    expect(yearsSince(LEAP_DAY, { year: 2027, month: 2, day: 27 })).toBe(34);
    expect(yearsSince(LEAP_DAY, { year: 2028, month: 2, day: 28 })).toBe(35);
    expect(yearsSince(LEAP_DAY, { year: 2028, month: 2, day: 29 })).toBe(36);
  });
});

describe('parseLocalTime', () => {
  for (const [text, expected] of [
    ['9', { hour: 9, minute: 0 }],
    ['9:00', { hour: 9, minute: 0 }],
    ['09:00', { hour: 9, minute: 0 }],
    ['21:30', { hour: 21, minute: 30 }],
    ['0:00', { hour: 0, minute: 0 }],
    ['23:59', { hour: 23, minute: 59 }],
    [' 9:00 ', { hour: 9, minute: 0 }],
  ] as const) {
    it(`accepts "${text}"`, () => {
      expect(parseLocalTime(text)).toEqual(expected);
    });
  }
  for (const text of [
    '25:61',
    '24:00',
    '9:5',
    '9:60',
    'abc',
    '',
    '  ',
    '-1',
    '9:00 pm',
    '009:00',
    '12:345',
  ]) {
    it(`refuses "${text}"`, () => {
      expect(parseLocalTime(text)).toBeNull();
    });
  }
  it('round-trips every minute of the day through formatLocalTime', () => {
    for (let hour = 0; hour < 24; hour++) {
      for (let minute = 0; minute < 60; minute++) {
        expect(parseLocalTime(formatLocalTime({ hour, minute }))).toEqual({ hour, minute });
      }
    }
  });
});

describe('properties over every time zone', () => {
  const zones = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
  const zone = fc.constantFrom(...zones);
  const localTime = fc.record({
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
  });
  // Any day of the year, 29 February included (1992 was a leap year).
  const eventDate: fc.Arbitrary<DayDate> = fc
    .record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
    .filter(({ month, day }) => day <= new Date(Date.UTC(1992, month, 0)).getUTCDate())
    .map(({ month, day }) => ({ type: 'day' as const, year: 1992, month, day }));
  // Future instants, where the zones follow their current rules.
  const instant = fc.integer({ min: at('2025-01-01T00:00Z'), max: at('2075-01-01T00:00Z') });
  const calendarDate = fc
    .record({
      year: fc.integer({ min: 2025, max: 2075 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
    })
    .filter(({ year, month, day }) => day <= new Date(Date.UTC(year, month, 0)).getUTCDate());

  it('nextOccurrence is after `after`, on the anniversary day, and the first such instant', () => {
    fc.assert(
      fc.property(eventDate, instant, localTime, zone, (date, after, time, z) => {
        const next = nextOccurrence(date, after, time, z);
        expect(next.at).toBeGreaterThan(after);
        expect(localDate(next.at, z)).toEqual(anniversaryOn(date, next.year));
        expect(next.date).toEqual(anniversaryOn(date, next.year));
        expect(next.number).toBe(next.year - date.year);
        expect(nextOccurrence(date, next.at - 1, time, z).at).toBe(next.at);
        // Nothing was skipped: the year before came at or before `after`.
        expect(occurrenceIn(date, next.year - 1, time, z).at).toBeLessThanOrEqual(after);
        // And it is not repeated: the next one after it is a later year.
        expect(nextOccurrence(date, next.at, time, z).year).toBe(next.year + 1);
      }),
      { numRuns: 400 },
    );
  });

  it('localInstant shows the requested wall time, its first occurrence, or (in a gap) the first minute after', () => {
    fc.assert(
      fc.property(calendarDate, localTime, zone, (date, time, z) => {
        const ms = localInstant(date, time, z);
        expect(ms % 60_000).toBe(0);
        const requested = wall(date, time);
        const shown = wallClock(ms, z);
        if (shown === requested) {
          // The first occurrence: no earlier instant within three hours shows the same wall time.
          for (let back = 15; back <= 180; back += 15) {
            expect(wallClock(ms - back * 60_000, z), `${z} ${requested} -${back}min`).not.toBe(requested);
          }
        } else {
          // A gap: the instant is past the requested time and the minute before it is before it.
          expect(shown > requested, `${z} ${requested} shown ${shown}`).toBe(true);
          expect(wallClock(ms - 60_000, z) < requested, `${z} ${requested}`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('localInstant keeps those rules for wall times near every clock change of 2027, in every zone', () => {
    const transitions = zones.flatMap((z) => clockChanges(z, 2027).map((change) => ({ zone: z, change })));
    // Most zones with summer time change twice a year; a few dozen zones is the least there can be.
    expect(transitions.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(
        fc.constantFrom(...transitions),
        fc.integer({ min: -150, max: 150 }),
        ({ zone: z, change }, delta) => {
          // The wall time the clocks jump from (02:00 in spring, 03:00 in autumn in Berlin), moved by delta.
          const jumpFrom = Date.parse(`${wallClock(change - 60_000, z).replace(' ', 'T')}:00Z`) + 60_000;
          const target = new Date(jumpFrom + delta * 60_000);
          const date = {
            year: target.getUTCFullYear(),
            month: target.getUTCMonth() + 1,
            day: target.getUTCDate(),
          };
          const time = { hour: target.getUTCHours(), minute: target.getUTCMinutes() };
          const ms = localInstant(date, time, z);
          const requested = wall(date, time);
          const shown = wallClock(ms, z);
          if (shown === requested) {
            for (let back = 15; back <= 180; back += 15) {
              expect(wallClock(ms - back * 60_000, z), `${z} ${requested} -${back}min`).not.toBe(requested);
            }
          } else {
            expect(shown > requested, `${z} ${requested} shown ${shown}`).toBe(true);
            expect(wallClock(ms - 60_000, z) < requested, `${z} ${requested}`).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('every transition day of 2028 in a few zones keeps those rules, minute by minute around the change', () => {
    const days: Array<[string, CalendarDate]> = [
      ['Europe/Berlin', { year: 2028, month: 3, day: 26 }],
      ['Europe/Berlin', { year: 2028, month: 10, day: 29 }],
      ['America/New_York', { year: 2028, month: 3, day: 12 }],
      ['America/New_York', { year: 2028, month: 11, day: 5 }],
      ['Australia/Lord_Howe', { year: 2028, month: 4, day: 2 }],
      ['Australia/Lord_Howe', { year: 2028, month: 10, day: 1 }],
      ['Australia/Sydney', { year: 2028, month: 4, day: 2 }],
      ['Australia/Sydney', { year: 2028, month: 10, day: 1 }],
    ];
    for (const [z, date] of days) {
      let previous = Number.NEGATIVE_INFINITY;
      for (let minutes = 0; minutes < 4 * 60; minutes++) {
        const time = { hour: Math.floor(minutes / 60), minute: minutes % 60 };
        const ms = localInstant(date, time, z);
        const shown = wallClock(ms, z);
        const requested = wall(date, time);
        expect(shown >= requested, `${z} ${requested}`).toBe(true);
        // Later wall times never map to earlier instants.
        expect(ms, `${z} ${requested}`).toBeGreaterThanOrEqual(previous);
        previous = ms;
      }
    }
  });
});
