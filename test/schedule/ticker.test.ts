import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTicker } from '../../src/schedule/ticker.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
/** The real clock (faked here) at a whole minute … */
const REAL = Date.parse('2026-12-02T07:00:00.000Z');
/** … while the bot's clock reads 40 s past one: its next minute begins 20 s from now. */
const OFFSET = Date.parse('2027-02-26T09:59:40.000Z') - REAL;
const botNow = () => Date.now() + OFFSET;
const silent = pino({ level: 'silent' });

describe('the minute ticker', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: REAL });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs at start, then at the start of each minute of the bot's clock, not the real one", async () => {
    const at: string[] = [];
    const ticker = startTicker(
      async () => {
        at.push(new Date(botNow()).toISOString());
      },
      silent,
      { name: 'test', shiftedClock: botNow },
    );
    await vi.advanceTimersByTimeAsync(20 * SECOND - 1);
    expect(at).toEqual(['2027-02-26T09:59:40.000Z']);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(at).toEqual([
      '2027-02-26T09:59:40.000Z',
      '2027-02-26T10:00:00.000Z',
      '2027-02-26T10:01:00.000Z',
      '2027-02-26T10:02:00.000Z',
    ]);
    ticker.stop();
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(at).toHaveLength(4);
  });

  it('runs every five minutes of the clock when asked', async () => {
    const at: string[] = [];
    const ticker = startTicker(
      async () => {
        at.push(new Date(botNow()).toISOString().slice(11, 19));
      },
      silent,
      { name: 'test', everyMinutes: 5, shiftedClock: botNow },
    );
    await vi.advanceTimersByTimeAsync(11 * MINUTE);
    ticker.stop();
    expect(at).toEqual(['09:59:40', '10:00:00', '10:05:00', '10:10:00']);
  });

  it('skips a minute while the previous run is still going, and logs a failed run', async () => {
    const logs: Array<{ msg: string; job: string }> = [];
    const logger = pino({ level: 'error' }, { write: (l: string) => logs.push(JSON.parse(l)) });
    let runs = 0;
    let finish: () => void = () => {};
    const ticker = startTicker(
      () => {
        runs++;
        if (runs === 1) return new Promise<void>((resolve) => (finish = resolve));
        return Promise.reject(new Error('database away'));
      },
      logger,
      { name: 'test', shiftedClock: botNow },
    );
    // The start-up run lasts past 10:00 and 10:01: neither starts a second run beside it.
    await vi.advanceTimersByTimeAsync(90 * SECOND);
    expect(runs).toBe(1);
    finish();
    await vi.advanceTimersByTimeAsync(50 * SECOND);
    expect(runs).toBe(2);
    ticker.stop();
    expect(logs).toMatchObject([{ msg: 'tick failed', job: 'test' }]);
  });

  it('on the wall clock, node-cron fires it at each real minute (and every five when asked), never overlapping', async () => {
    vi.setSystemTime(REAL + 40 * SECOND);
    const minutes: string[] = [];
    const fives: string[] = [];
    let finish: () => void = () => {};
    const slow = startTicker(
      () => {
        minutes.push(new Date().toISOString().slice(11, 16));
        // The third run lasts past two minutes: the minutes in between do not start another.
        if (minutes.length === 3) return new Promise<void>((resolve) => (finish = resolve));
        return Promise.resolve();
      },
      silent,
      { name: 'minutes' },
    );
    const every5 = startTicker(
      async () => {
        fives.push(new Date().toISOString().slice(11, 16));
      },
      silent,
      { name: 'fives', everyMinutes: 5 },
    );
    await vi.advanceTimersByTimeAsync(20 * SECOND + 2 * MINUTE + 500);
    expect(minutes).toEqual(['07:00', '07:01', '07:02']);
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(minutes).toHaveLength(3);
    finish();
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(minutes).toEqual(['07:00', '07:01', '07:02', '07:06']);
    await vi.advanceTimersByTimeAsync(6 * MINUTE);
    slow.stop();
    every5.stop();
    expect(fives).toEqual(['07:00', '07:05', '07:10']);
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(minutes.at(-1)).toBe('07:12');
    expect(fives).toHaveLength(3);
  });

  it('refuses a period that does not divide the hour', () => {
    expect(() => startTicker(async () => {}, silent, { name: 'test', everyMinutes: 7 })).toThrow(
      /dividing the hour/,
    );
  });

  it('logs a minute node-cron could not fire in time, instead of printing its own warning', async () => {
    const logs: Array<{ msg: string; job: string }> = [];
    const logger = pino({ level: 'warn' }, { write: (l: string) => logs.push(JSON.parse(l)) });
    const printed = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const ticker = startTicker(async () => {}, logger, { name: 'minutes' });
      // The process stalls: the wall clock jumps past several minutes before node-cron's timer can run.
      vi.setSystemTime(REAL + 5 * MINUTE);
      await vi.advanceTimersByTimeAsync(MINUTE);
      ticker.stop();
      expect(logs).toContainEqual(
        expect.objectContaining({ msg: 'a tick could not start on its minute', job: 'minutes' }),
      );
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });
});
