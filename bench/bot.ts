import { Writable } from 'node:stream';
import { type RunningBot, startBot } from '../src/main.js';
import type { Emulator, GuildFixture } from '../test/emulator/types.js';
import { ids } from './scenario.js';

/** View Channel, Send Messages and Embed Links: what a notice needs. */
const VIEW_SEND_EMBED = (1024n | 2048n | 16384n).toString();

/** The n-th server with one text channel the bot may post in: the smallest fixture a delivery needs. */
export function textGuild(i: number): GuildFixture {
  const id = ids.guild(i);
  return {
    id,
    name: `Server ${i}`,
    channels: [{ id: ids.channel(i), name: 'remembrance', type: 0 }],
    roles: [{ id, name: '@everyone', permissions: VIEW_SEND_EMBED }],
  };
}

/** A clock that stands still at one instant, or runs with real time from one. */
export class BenchClock {
  private base: number;
  private origin: number | null = null;

  constructor(ms: number) {
    this.base = ms;
  }

  /** Whole milliseconds, like Date.now(): the store's STRICT INTEGER columns refuse fractions. */
  now = (): number =>
    this.origin === null ? this.base : this.base + Math.floor(performance.now() - this.origin);

  /** From now on the clock reads `ms` and advances in real time. */
  runFrom(ms: number): void {
    this.base = ms;
    this.origin = performance.now();
  }
}

/** A log destination that keeps nothing: the bot still formats every line, as in production. */
export function discardLogs(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}

/** The real composition root against the emulator, with the ticker off so the benchmark runs ticks itself. */
export function startBenchBot(
  emulator: Emulator,
  databaseFile: string,
  clock: BenchClock,
): Promise<RunningBot> {
  return startBot({
    env: {
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_URL: emulator.apiUrl,
      DATABASE_URL: `sqlite:${databaseFile}`,
      LOG_LEVEL: 'info',
      SHARD_COUNT: '1',
    },
    clock,
    ticker: false,
    waitGuildTimeoutMs: 30_000,
    logDestination: discardLogs(),
  });
}
