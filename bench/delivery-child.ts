import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { startBot } from '../src/main.js';
import type { TickSummary } from '../src/schedule/tick-summary.js';
import { BenchClock } from './bot.js';
import { DUE_AT } from './scenario.js';

/**
 * One bot host of the hosts delivery benchmark (bench/delivery-hosts.ts): the real startBot in a process of
 * its own, configured by the environment as `npm start` is (DATABASE_URL, SHARD_COUNT, SHARD_IDS, the
 * emulator's DISCORD_API_URL and token), its log lines written to BENCH_LOG_FILE. The clock stands a minute
 * before the due instant until the parent writes `go` on stdin; then it runs in real time from the due
 * instant and the child runs one `scheduler.tick()`, as a host's minute ticker would.
 * Prints two JSON lines on stdout: {ready: …} once logged in, {tickMs, summary} after the tick.
 */

export interface ChildReady {
  ready: true;
  startMs: number;
  guilds: number;
}

export interface ChildDone {
  tickMs: number;
  summary: TickSummary;
}

const logFile = process.env.BENCH_LOG_FILE;
if (!logFile) throw new Error('delivery-child: BENCH_LOG_FILE is required');
const log = createWriteStream(logFile);
const clock = new BenchClock(DUE_AT - 60_000);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

const t0 = performance.now();
const bot = await startBot({
  env: { ...process.env, LOG_LEVEL: 'info' },
  clock,
  ticker: false,
  waitGuildTimeoutMs: 60_000,
  logDestination: log,
});
const ready: ChildReady = {
  ready: true,
  startMs: performance.now() - t0,
  guilds: bot.client.guilds.cache.size,
};
process.stdout.write(`${JSON.stringify(ready)}\n`);

// stdin closed before `go`: the bench is gone, so no tick.
if ((await lines.next()).done) {
  await bot.stop();
  process.exit(1);
}
clock.runFrom(DUE_AT);
const t1 = performance.now();
const summary = await bot.scheduler.tick();
const done: ChildDone = { tickMs: performance.now() - t1, summary };
await bot.stop();
await new Promise<void>((resolve) => log.end(resolve));
process.stdout.write(`${JSON.stringify(done)}\n`);
process.exit(0);
