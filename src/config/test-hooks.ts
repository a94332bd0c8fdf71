import { ConfigError } from './env.js';

/**
 * Two settings that exist only so the end-to-end tests can crash and restart the real bot process at chosen
 * instants and steps. Both are refused unless NODE_ENV=test, so a production bot never runs on a fake clock
 * or stops mid-delivery because of a stray variable.
 */
export const TEST_CLOCK_VARIABLE = 'REMEMBRANCE_TEST_CLOCK';
export const TEST_HOLD_VARIABLE = 'REMEMBRANCE_TEST_HOLD';

/** Where a delivery can be held for a test to kill the process there. */
export const HOLD_POINTS = ['before-claim', 'after-claim', 'after-send'] as const;
export type HoldPoint = (typeof HOLD_POINTS)[number];

type Env = Record<string, string | undefined>;

function requireTestMode(env: Env, name: string): void {
  if (env.NODE_ENV !== 'test') {
    throw new ConfigError(`${name} is only honoured when NODE_ENV=test; remove it.`);
  }
}

/**
 * `REMEMBRANCE_TEST_CLOCK=<bot epoch ms>@<real epoch ms>`: the bot's clock read the first number when the
 * real clock read the second, and runs at the real rate from there. A test's emulator computes the same
 * function, so the bot and its Discord share one clock although the bot is another process. Everything
 * that decides by time follows it: what is due, the minute ticker, and the identify lease (the emulator
 * checks identifies on the same clock).
 */
export function testClock(env: Env): { now(): number } | null {
  const value = env[TEST_CLOCK_VARIABLE];
  if (value === undefined || value === '') return null;
  requireTestMode(env, TEST_CLOCK_VARIABLE);
  const match = /^(\d{1,16})@(\d{1,16})$/.exec(value);
  if (!match) {
    throw new ConfigError(`${TEST_CLOCK_VARIABLE} must be "<bot epoch ms>@<real epoch ms>".`);
  }
  const offset = Number(match[1]) - Number(match[2]);
  return { now: () => Date.now() + offset };
}

/**
 * `REMEMBRANCE_TEST_HOLD=<guildId>:<point>,…`: that server's delivery stops for good at that point, after
 * logging `test hold reached`, so the test can SIGKILL the process exactly there.
 */
export function testHolds(
  env: Env,
  reached: (guildId: string, point: HoldPoint) => void,
): ((point: HoldPoint, guildId: string) => Promise<void>) | undefined {
  const value = env[TEST_HOLD_VARIABLE];
  if (value === undefined || value === '') return undefined;
  requireTestMode(env, TEST_HOLD_VARIABLE);
  const holds = new Set<string>();
  for (const item of value.split(',')) {
    const [guildId, point] = item.split(':');
    if (!guildId || !HOLD_POINTS.includes(point as HoldPoint)) {
      throw new ConfigError(`${TEST_HOLD_VARIABLE} must list <guildId>:<${HOLD_POINTS.join('|')}>.`);
    }
    holds.add(`${guildId}:${point}`);
  }
  return async (point, guildId) => {
    if (!holds.has(`${guildId}:${point}`)) return;
    reached(guildId, point);
    await new Promise<never>(() => {});
  };
}
