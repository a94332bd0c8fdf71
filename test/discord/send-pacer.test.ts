import { describe, expect, it } from 'vitest';
import { SendPacer } from '../../src/discord/send-pacer.js';

/** A virtual clock: sleeping advances it, so the test measures the schedule, not the machine. */
function virtualTime() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

describe('SendPacer', () => {
  it('never lets more than `limit` posts into any window, and keeps them apart', async () => {
    const time = virtualTime();
    const pacer = new SendPacer({ limit: 48, windowMs: 1_000, minGapMs: 20, ...time });
    const times: number[] = [];
    for (let i = 0; i < 500; i++) {
      await pacer.acquire();
      times.push(time.now());
    }
    for (let i = 48; i < times.length; i++) {
      expect((times[i] as number) - (times[i - 48] as number)).toBeGreaterThanOrEqual(1_000);
    }
    for (let i = 1; i < times.length; i++)
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(20);
    // 500 posts at ≤ 48 per second take at least (500 − 48) / 48 s, and the pacer wastes little beyond that.
    expect(times.at(-1)).toBeGreaterThanOrEqual(Math.floor((500 - 48) / 48) * 1_000);
    expect(times.at(-1)).toBeLessThanOrEqual(11_000);
  });

  it('serves concurrent callers one at a time, in order', async () => {
    const time = virtualTime();
    const pacer = new SendPacer({ limit: 2, windowMs: 100, minGapMs: 0, ...time });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => pacer.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(time.now()).toBe(200);
  });
});
