import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/env.js';
import { testClock, testHolds } from '../../src/config/test-hooks.js';

describe('test-only settings', () => {
  it('are refused outside NODE_ENV=test, with one line naming the variable', () => {
    expect(() => testClock({ REMEMBRANCE_TEST_CLOCK: '1@2' })).toThrow(
      new ConfigError('REMEMBRANCE_TEST_CLOCK is only honoured when NODE_ENV=test; remove it.'),
    );
    expect(() =>
      testHolds({ REMEMBRANCE_TEST_HOLD: '1:before-claim', NODE_ENV: 'production' }, () => {}),
    ).toThrow(/REMEMBRANCE_TEST_HOLD is only honoured when NODE_ENV=test/);
  });

  it('are absent unless set', () => {
    expect(testClock({ NODE_ENV: 'test' })).toBeNull();
    expect(testHolds({ NODE_ENV: 'test' }, () => {})).toBeUndefined();
  });

  it('run a clock from a bot instant anchored to a real one', () => {
    const real = Date.now();
    const clock = testClock({ NODE_ENV: 'test', REMEMBRANCE_TEST_CLOCK: `1000000@${real}` });
    const now = clock?.now() ?? 0;
    // As much time has passed on it as on the real clock since the anchor.
    expect(now - 1_000_000).toBeGreaterThanOrEqual(0);
    expect(now - 1_000_000).toBeLessThanOrEqual(Date.now() - real);
    expect(() => testClock({ NODE_ENV: 'test', REMEMBRANCE_TEST_CLOCK: 'tomorrow' })).toThrow(/must be/);
  });

  it('hold only the named server at the named point', async () => {
    const reached: string[] = [];
    const hold = testHolds({ NODE_ENV: 'test', REMEMBRANCE_TEST_HOLD: '42:after-claim' }, (g, p) =>
      reached.push(`${g}:${p}`),
    );
    await hold?.('before-claim', '42');
    await hold?.('after-claim', '43');
    expect(reached).toEqual([]);
    void hold?.('after-claim', '42');
    expect(reached).toEqual(['42:after-claim']);
    expect(() => testHolds({ NODE_ENV: 'test', REMEMBRANCE_TEST_HOLD: '42:whenever' }, () => {})).toThrow(
      /must list/,
    );
  });
});
