import { describe, expect, it } from 'vitest';
import { InvalidRequestGuard } from '../../src/schedule/invalid-request-guard.js';

const WINDOW = 10 * 60_000;

/** A guard on a clock the test moves by hand. */
function guardAt(start: number, limit?: number) {
  const clock = { now: start };
  const guard = new InvalidRequestGuard(() => clock.now, limit);
  return { clock, guard };
}

describe('InvalidRequestGuard', () => {
  it('counts 401, 403 and 429 except a 429 of the shared scope', () => {
    const { guard } = guardAt(1_000_000);
    expect(guard.record(401, null)).toBe(true);
    expect(guard.record(403, null)).toBe(true);
    expect(guard.record(429, null)).toBe(true);
    expect(guard.record(429, 'user')).toBe(true);
    expect(guard.record(429, 'global')).toBe(true);
    expect(guard.record(429, 'shared')).toBe(false);
    for (const status of [200, 204, 400, 404, 500, 502]) expect(guard.record(status, null)).toBe(false);
    expect(guard.count()).toBe(5);
  });

  it('defaults to half of Discord’s 10,000 in 10 minutes', () => {
    const { guard } = guardAt(0);
    expect(guard.limit).toBe(5_000);
    expect(guard.windowMs).toBe(WINDOW);
  });

  it('forgets an answer once the ten-minute window has passed it', () => {
    const { clock, guard } = guardAt(1_000_000);
    guard.record(403, null);
    clock.now += 60_000;
    guard.record(401, null);
    clock.now = 1_000_000 + WINDOW - 1;
    expect(guard.count()).toBe(2);
    clock.now = 1_000_000 + WINDOW;
    expect(guard.count()).toBe(1);
    clock.now = 1_000_000 + 60_000 + WINDOW;
    expect(guard.count()).toBe(0);
  });

  it('blocks at the limit and unblocks when old answers leave the window', () => {
    const { clock, guard } = guardAt(5_000_000, 3);
    guard.record(429, 'user');
    guard.record(429, 'user');
    expect(guard.blocked()).toBe(false);
    guard.record(429, 'shared');
    expect(guard.blocked()).toBe(false);
    guard.record(403, null);
    expect(guard.blocked()).toBe(true);
    clock.now += WINDOW;
    expect(guard.blocked()).toBe(false);
    expect(guard.count()).toBe(0);
  });
});
