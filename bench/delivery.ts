import { join } from 'node:path';
import { startEmulator } from '../test/emulator/emulator.js';
import type { Emulator } from '../test/emulator/types.js';
import { BenchClock, startBenchBot, textGuild } from './bot.js';
import { configShowDispatcher, districtDispatcher } from './dispatch.js';
import { formatCount, formatMs, type Row, type Section } from './report.js';
import { DUE_AT, ids, loadScene, settingsRows, tempDir } from './scenario.js';
import { seedSettings } from './seed.js';
import { median, percentile } from './stats.js';

/** Discord's global limit, which the emulator enforces. */
const GLOBAL_PER_SECOND = 50;
const TARGET_FACTOR = 1.05;

export interface DeliveryRun {
  servers: number;
  /** First POST /channels/:id/messages received by the emulator to the last one answered 200. */
  spanMs: number;
  /** Time for `scheduler.tick()` to return. */
  tickMs: number;
  /** Time from startBot() to it returning (login, ready with every server, command sync, initialise). */
  startMs: number;
  posted: number;
  duplicates: number;
  lost: number;
  global429: number;
  other429: number;
  /** Dispatch → visible answer of interactions sent back to back while the tick ran (ms; Infinity = none in 3 s). */
  district: number[];
  configShow: number[];
  deferred: number;
}

/** How often a member or admin interacts while the notices go out: 5 a second, in turn. */
const INTERACTION_GAP_MS = 200;

/** Sends `/district` and `/config show` in turn, one every {@link INTERACTION_GAP_MS}, until `done()`. */
async function interactWhile(emulator: Emulator, done: () => boolean) {
  const district = districtDispatcher(emulator);
  const show = configShowDispatcher(emulator);
  const out = { district: [] as number[], configShow: [] as number[], deferred: 0 };
  for (let i = 0; !done(); i++) {
    await new Promise((resolve) => setTimeout(resolve, INTERACTION_GAP_MS));
    const t0 = performance.now();
    if (i % 2 === 0) {
      const ok = await district(i).then(
        () => true,
        () => false,
      );
      out.district.push(ok ? performance.now() - t0 : Number.POSITIVE_INFINITY);
    } else {
      const answer = await show().catch(() => null);
      if (answer?.deferred) out.deferred++;
      out.configShow.push(answer ? performance.now() - t0 : Number.POSITIVE_INFINITY);
    }
  }
  return out;
}

/**
 * One delivery: `servers` servers due in the same minute, the real bot (startBot) against the emulator with
 * Discord's global limit of 50 requests/s, one `scheduler.tick()` at that minute.
 */
export async function deliverOnce(servers: number): Promise<DeliveryRun> {
  const scene = loadScene();
  const dir = tempDir('delivery');
  const file = join(dir.path, 'bot.sqlite');
  await seedSettings(file, settingsRows(scene, servers, servers), DUE_AT - 86_400_000);
  const emulator = await startEmulator({
    guilds: Array.from({ length: servers }, (_, i) => textGuild(i)),
    globalRateLimit: GLOBAL_PER_SECOND,
    // Discord's own interval. The emulator's 300 ms test default turns a GC pause in this busy process into a
    // zombie connection and a RESUME in the middle of the GUILD_CREATE burst.
    heartbeatIntervalMs: 41_250,
  });
  const clock = new BenchClock(DUE_AT - 60_000);
  try {
    const t0 = performance.now();
    const bot = await startBenchBot(emulator, file, clock);
    const startMs = performance.now() - t0;
    try {
      if (bot.client.guilds.cache.size !== servers) {
        throw new Error(`the bot saw ${bot.client.guilds.cache.size} of ${servers} servers at ready`);
      }
      clock.runFrom(DUE_AT);
      const t1 = performance.now();
      let ticking = true;
      const tick = bot.scheduler.tick().finally(() => {
        ticking = false;
      });
      const interactions = await interactWhile(emulator, () => !ticking);
      const summary = await tick;
      const tickMs = performance.now() - t1;
      const posts = emulator.requests.filter((r) => r.route === 'POST /channels/:id/messages');
      const ok = posts.filter((r) => r.status === 200);
      const first = Math.min(...posts.map((r) => r.time));
      const last = Math.max(...ok.map((r) => r.time));
      const perChannel = new Map<string, number>();
      for (const m of emulator.messages())
        perChannel.set(m.channel_id, (perChannel.get(m.channel_id) ?? 0) + 1);
      let lost = 0;
      let duplicates = 0;
      for (let i = 0; i < servers; i++) {
        const count = perChannel.get(ids.channel(i)) ?? 0;
        if (count === 0) lost++;
        if (count > 1) duplicates += count - 1;
      }
      return {
        servers,
        spanMs: last - first,
        tickMs,
        startMs,
        posted: summary.posted,
        duplicates,
        lost,
        global429: emulator.globalRateLimitHits,
        other429: posts.filter((r) => r.status === 429).length - emulator.globalRateLimitHits,
        ...interactions,
      };
    } finally {
      await bot.stop();
    }
  } finally {
    await emulator.close();
    dir.remove();
  }
}

function rowsFor(label: string, runs: DeliveryRun[]): Row[] {
  const servers = runs[0]?.servers ?? 0;
  const floorMs = (servers / GLOBAL_PER_SECOND) * 1000;
  const span = median(runs.map((r) => r.spanMs));
  const worst = (pick: (r: DeliveryRun) => number) => Math.max(...runs.map(pick));
  const runsText = `${runs.length} × ${formatCount(servers)} servers`;
  const benchmark = '3 Delivery';
  return [
    {
      benchmark,
      measure: `${label}: first → last post (floor ${formatMs(floorMs)})`,
      result: `${formatMs(span)} = ${(span / floorMs).toFixed(3)} × floor`,
      target: `≤ ${TARGET_FACTOR} × floor`,
      met: span <= TARGET_FACTOR * floorMs,
      runs: runsText,
    },
    {
      benchmark,
      measure: `${label}: sustained rate`,
      result: `${(servers / (span / 1000)).toFixed(1)} posts/s`,
      target: `≥ ${(GLOBAL_PER_SECOND / TARGET_FACTOR).toFixed(1)} posts/s`,
      met: servers / (span / 1000) >= GLOBAL_PER_SECOND / TARGET_FACTOR,
      runs: runsText,
    },
    {
      benchmark,
      measure: `${label}: duplicates / lost / global 429s (worst run)`,
      result: `${worst((r) => r.duplicates)} / ${worst((r) => r.lost)} / ${worst((r) => r.global429)}`,
      target: '0 / 0 / 0',
      met: worst((r) => r.duplicates + r.lost + r.global429) === 0,
      runs: `${runsText} (posted ${runs.map((r) => r.posted).join(', ')}; other 429s ${worst((r) => r.other429)})`,
    },
    {
      benchmark,
      measure: `${label}: /district dispatch → answer while notices go out, p50 / p99`,
      result: `${formatMs(median(runs.map((r) => percentile(r.district, 50))))} / ${formatMs(median(runs.map((r) => percentile(r.district, 99))))}`,
      target: 'p99 < 3 s',
      met: median(runs.map((r) => percentile(r.district, 99))) < 3_000,
      runs: `${runsText} (${Math.min(...runs.map((r) => r.district.length))}+ interactions each)`,
    },
    {
      benchmark,
      measure: `${label}: /config show dispatch → answer while notices go out, p50 / p99`,
      result: `${formatMs(median(runs.map((r) => percentile(r.configShow, 50))))} / ${formatMs(median(runs.map((r) => percentile(r.configShow, 99))))}`,
      target: 'p99 < 3 s',
      met: median(runs.map((r) => percentile(r.configShow, 99))) < 3_000,
      runs: `${runsText} (${Math.min(...runs.map((r) => r.configShow.length))}+ interactions each; deferred ${worst((r) => r.deferred)})`,
    },
    {
      benchmark,
      measure: `${label}: start-up to ready, then the whole tick`,
      result: `${formatMs(median(runs.map((r) => r.startMs)))}, tick ${formatMs(median(runs.map((r) => r.tickMs)))}`,
      runs: runsText,
    },
  ];
}

function summary(run: DeliveryRun | undefined): string {
  if (!run) return '';
  const { district, configShow, ...rest } = run;
  const p99 = (v: number[]) => formatMs(percentile(v, 99));
  return `${JSON.stringify(rest)}; /district p99 ${p99(district)} (${district.length}), /config show p99 ${p99(configShow)} (${configShow.length})`;
}

/**
 * Delivery: 5,000 servers due in the same minute once (it takes at least 100 s), and the same with 1,000
 * servers (20 s floor) `smallRuns` times as the quicker, repeated check.
 */
export async function runDelivery(options: {
  smallRuns: number;
  fullRuns: number;
  log: (line: string) => void;
}): Promise<Section> {
  const { log } = options;
  const small: DeliveryRun[] = [];
  const full: DeliveryRun[] = [];
  for (let run = 1; run <= options.smallRuns; run++) {
    small.push(await deliverOnce(1_000));
    log(`delivery 1,000 run ${run}/${options.smallRuns}: ${summary(small.at(-1))}`);
  }
  for (let run = 1; run <= options.fullRuns; run++) {
    full.push(await deliverOnce(5_000));
    log(`delivery 5,000 run ${run}/${options.fullRuns}: ${summary(full.at(-1))}`);
  }
  return {
    rows: [
      ...(full.length ? rowsFor('5,000 servers', full) : []),
      ...(small.length ? rowsFor('1,000 servers', small) : []),
    ],
    notes: [
      "Delivery: the real startBot (discord.js REST queue, scheduler with its default concurrency of 64, SQLite ledger) against the emulator enforcing 50 requests/s over a sliding second; every server has one text channel and is due at the same minute; span = first POST received by the emulator to the last one answered 200; floor = servers ÷ 50 per second. While the tick runs, `/district` (any member) and `/config show` (an admin) are sent in turn from server 0, one 200 ms after the previous one was answered; the time is from emulator.interact() to the answer being visible (the callback, or the edit after a deferral). Interaction callbacks go through @discordjs/rest's burst handler, outside its global-limit accounting (test/discord/interaction-global-limit.test.ts), and never through the SendPacer, which only notices use.",
    ],
  };
}
