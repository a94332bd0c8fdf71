import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from '../src/config/node-flags.js';
import { startEmulator } from '../test/emulator/emulator.js';
import type { ChannelFixture, GuildFixture, RoleFixture } from '../test/emulator/types.js';
import type { ChildReport } from './memory-child.js';
import { formatCount, formatMb, formatMs, formatRatio, type Row, type Section } from './report.js';
import { ids, tempDir } from './scenario.js';
import { seedSettings } from './seed.js';
import { median } from './stats.js';

export const MEMORY_SERVERS = 10_000;
const CHANNELS = 20;
const ROLES = 30;
const TARGET_MB = 150;
const VIEW = 1024n;
const EVERYONE_PERMISSIONS = (VIEW | 2048n | 16384n | 65536n | 64n | 32768n).toString();

/**
 * A server as a mid-sized community has it: 2 categories, 14 text, 3 voice and 1 announcement channel, a
 * staff area hidden from @everyone by permission overwrites, and 30 roles (@everyone, moderators, the rest
 * cosmetic).
 */
export function communityGuild(i: number): GuildFixture {
  const id = ids.guild(i);
  const moderators = ids.role(i, 1);
  const channels: ChannelFixture[] = [];
  const categoryOf = (j: number) => ids.channel(i, j < 10 ? 0 : 1);
  for (let j = 0; j < CHANNELS; j++) {
    const channelId = ids.channel(i, j);
    if (j === 0 || j === 1) {
      channels.push({ id: channelId, name: j === 0 ? 'community' : 'staff', type: 4, position: j });
      continue;
    }
    const type = j >= 16 && j < 19 ? 2 : j === 19 ? 5 : 0;
    const hidden = j >= 10 && j < 13;
    channels.push({
      id: channelId,
      name: `${type === 2 ? 'voice' : 'channel'}-${j}`,
      type,
      parent_id: categoryOf(j),
      position: j,
      ...(hidden
        ? {
            permission_overwrites: [
              { id, type: 0 as const, allow: '0', deny: VIEW.toString() },
              { id: moderators, type: 0 as const, allow: VIEW.toString(), deny: '0' },
            ],
          }
        : {}),
    });
  }
  const roles: RoleFixture[] = [{ id, name: '@everyone', permissions: EVERYONE_PERMISSIONS }];
  for (let j = 1; j < ROLES; j++) {
    roles.push({
      id: ids.role(i, j),
      name: j === 1 ? 'Moderators' : `role-${j}`,
      permissions: j === 1 ? '8' : '0',
      position: j,
      mentionable: j % 3 === 0,
    });
  }
  return { id, name: `Community ${i}`, channels, roles };
}

/**
 * Compiles the memory child with the bot's code to plain JavaScript, so the measured processes run as
 * `npm start` does — without the tsx loader, which alone adds about 30 MB.
 */
function buildChild(): string {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsc = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'bench/tsconfig.memory.json')],
    {
      stdio: 'inherit',
    },
  );
  if (tsc.status !== 0) throw new Error('memory: compiling bench/memory-child.ts failed');
  return join(root, 'dist-bench/bench/memory-child.js');
}

type Caches = ChildReport['caches'];

function runChild(
  script: string,
  caches: Caches,
  args: { api: string; token: string; db: string; shards?: string },
  flags: readonly string[] = [],
): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        ...flags,
        script,
        `--caches=${caches}`,
        `--api=${args.api}`,
        `--token=${args.token}`,
        `--db=${args.db}`,
        `--shards=${args.shards ?? 'auto'}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1);
      if (code !== 0 || !line)
        reject(new Error(`memory-child --caches=${caches} exited ${code}: ${err.trim()}`));
      else resolve(JSON.parse(line) as ChildReport);
    });
  });
}

/** RSS of a bare `node` that imported discord.js: the floor under both configurations. */
function runtimeWithoutLoader(): Promise<number> {
  const script =
    "await import('discord.js'); for (let i = 0; i < 3; i++) globalThis.gc(); process.stdout.write(String(process.memoryUsage().rss));";
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(Number(out)) : reject(new Error(`node -e exited ${code}`)),
    );
  });
}

/** Discord recommends a shard per 1,000 servers (GET /gateway/bot). */
const RECOMMENDED_SHARDS = Math.ceil(MEMORY_SERVERS / 1_000);

interface Configuration {
  name: string;
  caches: Caches;
  shards: string;
  flags: readonly string[];
}

const CONFIGURATIONS: Configuration[] = [
  { name: 'bot', caches: 'app', shards: 'auto', flags: NODE_FLAGS },
  { name: 'bot-1-shard', caches: 'app', shards: '1', flags: NODE_FLAGS },
  { name: 'default', caches: 'default', shards: 'auto', flags: [] },
  { name: 'bot-no-flags', caches: 'app', shards: 'auto', flags: [] },
];

/**
 * Memory and start-up: the whole bot (startBot, every server configured) and, for comparison, a discord.js
 * client with its default caches, each in a fresh child process per run while the emulator runs here (its
 * work is not counted); 10,000 servers of 20 channels and 30 roles arrive on the recommended 10 shards.
 */
export async function runMemory(options: { runs: number; log: (line: string) => void }): Promise<Section> {
  const { runs, log } = options;
  const dir = tempDir('memory');
  const db = join(dir.path, 'bot.sqlite');
  const now = Date.now();
  // Every server configured, so the bot keeps 10,000 notice channels: the lean cache's worst case.
  await seedSettings(
    db,
    Array.from({ length: MEMORY_SERVERS }, (_, i) => ({
      guildId: ids.guild(i),
      channelId: ids.channel(i, 2),
      timeZone: 'Asia/Baku',
      postTime: '09:00',
      nextDueAt: now + 30 * 86_400_000,
    })),
    now,
  );
  const emulator = await startEmulator({
    guilds: Array.from({ length: MEMORY_SERVERS }, (_, i) => communityGuild(i)),
    heartbeatIntervalMs: 41_250,
    shardCount: RECOMMENDED_SHARDS,
    maxConcurrency: 16,
  });
  const script = buildChild();
  const args = { api: emulator.apiUrl, token: emulator.token, db };
  // One untimed identify first, so that no measured run meets an emulator whose code is not yet optimised.
  await runChild(script, 'default', args);
  const reports = new Map<string, ChildReport[]>(CONFIGURATIONS.map((c) => [c.name, []]));
  const bare: number[] = [];
  const rssRatio: number[] = [];
  const readyRatio: number[] = [];
  const perShard: number[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      // Alternate the order, so no configuration always meets a cold emulator.
      const order = run % 2 === 1 ? CONFIGURATIONS : [...CONFIGURATIONS].reverse();
      for (const c of order) {
        const report = await runChild(script, c.caches, { ...args, shards: c.shards }, c.flags);
        if (report.guilds !== MEMORY_SERVERS) {
          throw new Error(`${c.name}: ready with ${report.guilds} of ${MEMORY_SERVERS} servers`);
        }
        reports.get(c.name)?.push(report);
        log(
          `memory run ${run}/${runs} ${c.name}: ${report.shards} shards, rss ${formatMb(report.rssAfter)} ` +
            `(at ready ${formatMb(report.rssReady)}, heap used ${formatMb(report.heapUsedAfter)} of ${formatMb(report.heapTotalAfter)}), ` +
            `ready in ${formatMs(report.readyMs)}; ${formatCount(report.channels)} channels, ${formatCount(report.roles)} roles cached`,
        );
      }
      bare.push(await runtimeWithoutLoader());
      const last = (name: string) => reports.get(name)?.at(-1) as ChildReport;
      rssRatio.push(last('bot').rssAfter / last('default').rssAfter);
      readyRatio.push(last('bot').readyMs / last('default').readyMs);
      perShard.push((last('bot').rssAfter - last('bot-1-shard').rssAfter) / (last('bot').shards - 1));
    }
  } finally {
    await emulator.close();
    dir.remove();
  }
  const med = (name: string, pick: (r: ChildReport) => number) => median((reports.get(name) ?? []).map(pick));
  const rss = med('bot', (r) => r.rssAfter);
  const shardCost = median(perShard);
  const runsText = `${runs} × fresh process each`;
  const servers = `${formatCount(MEMORY_SERVERS)} servers × ${CHANNELS} channels × ${ROLES} roles`;
  const shards = `${RECOMMENDED_SHARDS} shards`;
  const rows: Row[] = [
    {
      benchmark: '4 Memory',
      measure: `RSS after ready + gc, whole bot, ${servers}, ${shards} in one process`,
      result: formatMb(rss),
      target: `≤ ${TARGET_MB} MB`,
      met: rss <= TARGET_MB * 1024 * 1024,
      baseline: `${formatMb(med('default', (r) => r.rssAfter))} (discord.js default caches, ${shards})`,
      ratio: formatRatio(median(rssRatio)),
      runs: runsText,
    },
    {
      benchmark: '4 Memory',
      measure: `RSS at ready + 500 ms, no forced gc (as seen from outside), ${shards}`,
      result: formatMb(med('bot', (r) => r.rssReady)),
      baseline: formatMb(med('default', (r) => r.rssReady)),
      runs: runsText,
    },
    {
      benchmark: '4 Memory',
      measure: 'RSS after ready + gc, whole bot, 1 shard',
      result: formatMb(med('bot-1-shard', (r) => r.rssAfter)),
      runs: runsText,
    },
    {
      benchmark: '4 Memory',
      measure: `each shard beyond the first: (RSS on ${RECOMMENDED_SHARDS} − RSS on 1) ÷ ${RECOMMENDED_SHARDS - 1}`,
      result: `${(shardCost / 1024 / 1024).toFixed(2)} MB`,
      target: '≤ 1 MB',
      met: shardCost <= 1024 * 1024,
      runs: `${runs} × pairs of fresh processes`,
    },
    {
      benchmark: '4 Memory',
      measure: `RSS after ready + gc, whole bot without ${NODE_FLAGS.join(' ')} (the flags' share)`,
      result: formatMb(med('bot-no-flags', (r) => r.rssAfter)),
      runs: runsText,
    },
    {
      benchmark: '4 Memory',
      measure: 'JS heap used / committed after ready + gc',
      result: `${formatMb(med('bot', (r) => r.heapUsedAfter))} / ${formatMb(med('bot', (r) => r.heapTotalAfter))}`,
      baseline: `${formatMb(med('default', (r) => r.heapUsedAfter))} / ${formatMb(med('default', (r) => r.heapTotalAfter))}`,
      runs: runsText,
    },
    {
      benchmark: '4 Memory',
      measure: 'RSS before login (modules loaded, + gc)',
      result: formatMb(med('bot', (r) => r.rssBefore)),
      baseline: formatMb(med('default', (r) => r.rssBefore)),
      runs: runsText,
    },
    {
      benchmark: '4 Memory',
      measure: 'RSS of node with discord.js imported and nothing else (reference)',
      result: formatMb(median(bare)),
      runs: runsText,
    },
    {
      benchmark: '5 Start-up',
      measure: `startBot → clientReady, ${formatCount(MEMORY_SERVERS)} servers, ${shards} (max_concurrency 16)`,
      result: formatMs(med('bot', (r) => r.readyMs)),
      baseline: `${formatMs(med('default', (r) => r.readyMs))} (login → ready)`,
      ratio: formatRatio(median(readyRatio)),
      runs: runsText,
    },
  ];
  const bot = reports.get('bot')?.[0];
  const fallback = reports.get('default')?.[0];
  const spaces = (r?: ChildReport) =>
    Object.entries(r?.spaces ?? {})
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${formatMb(v)}`)
      .join(', ');
  return {
    rows,
    notes: [
      `Memory: each configuration runs in a fresh \`node --expose-gc dist-bench/bench/memory-child.js\` (compiled with the bot's code by tsc first, as with npm start); "whole bot" = the real startBot (SQLite with all ${formatCount(MEMORY_SERVERS)} servers configured, scheduler, router, commands) with SHARD_COUNT=auto, which the emulator answers with ${RECOMMENDED_SHARDS}; RSS is read 500 ms after clientReady, then after three gc() calls. Cached at ready — bot: ${formatCount(bot?.channels ?? 0)} channels, ${formatCount(bot?.roles ?? 0)} roles, ${formatCount(bot?.members ?? 0)} members, ${formatCount(bot?.users ?? 0)} users; default: ${formatCount(fallback?.channels ?? 0)} channels, ${formatCount(fallback?.roles ?? 0)} roles, ${formatCount(fallback?.members ?? 0)} members. V8 heap spaces (committed) of the first bot run: ${spaces(bot)}. The emulator runs in the benchmark's own process and serialises every GUILD_CREATE, so start-up includes its work.`,
    ],
  };
}
