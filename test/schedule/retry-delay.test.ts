import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../src/schedule/deliver.js';

const MINUTE = 60_000;

describe('retryDelayMs', () => {
  it('waits 1, 2, 4, 8, 16 minutes, then 30', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(retryDelayMs)).toEqual([1, 2, 4, 8, 16, 30, 30].map((m) => m * MINUTE));
  });

  it('treats no attempt yet as the first', () => {
    expect(retryDelayMs(0)).toBe(MINUTE);
  });

  it('never shrinks and never exceeds 30 minutes, however many attempts', () => {
    let previous = 0;
    for (let attempts = 0; attempts <= 2_000; attempts++) {
      const delay = retryDelayMs(attempts);
      expect(delay).toBeGreaterThanOrEqual(previous);
      expect(delay).toBeLessThanOrEqual(30 * MINUTE);
      previous = delay;
    }
    expect(retryDelayMs(2_000)).toBe(30 * MINUTE);
  });
});
