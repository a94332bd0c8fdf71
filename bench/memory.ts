import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_FLAGS } from '../src/config/node-flags.js';
import { startEmulator } from '../test/emulator/emulator.js';
import type { ChannelFixture, GuildFixture, RoleFixture } from '../test/emulator/types.js';
import type { ChildReport } from './memory-child.js';
import { formatCount, formatMb, formatMs, formatRatio, type Row, type Section } from './report.js';
import { ids } from './scenario.js';
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

function runChild(
  script: string,
  caches: 'bot' | 'default',
  api: string,
  token: string,
  flags: readonly string[] = [],
): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', ...flags, script, `--caches=${caches}`, `--api=${api}`, `--token=${token}`],
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

/**
 * Memory and start-up: 10,000 servers of 20 channels and 30 roles arrive as GUILD_CREATE; each configuration
 * (the bot's createDiscordClient, and discord.js's default caches) runs in a fresh child process per run,
 * alternating, while the emulator runs here.
 */
export async function runMemory(options: { runs: number; log: (line: string) => void }): Promise<Section> {
  const { runs, log } = options;
  const emulator = await startEmulator({
    guilds: Array.from({ length: MEMORY_SERVERS }, (_, i) => communityGuild(i)),
    heartbeatIntervalMs: 41_250,
  });
  const script = buildChild();
  // One untimed identify first, so that no measured run meets an emulator whose code is not yet optimised.
  await runChild(script, 'default', emulator.apiUrl, emulator.token);
  const reports: Record<'bot' | 'default', ChildReport[]> = { bot: [], default: [] };
  const plainBot: ChildReport[] = [];
  const bare: number[] = [];
  const rssRatio: number[] = [];
  const readyRatio: number[] = [];
  try {
    for (let run = 1; run <= runs; run++) {
      // Alternate which configuration goes first, so neither always meets a cold emulator.
      const order = run % 2 === 1 ? (['bot', 'default'] as const) : (['default', 'bot'] as const);
      for (const caches of order) {
        // The bot runs with the V8 flags npm start gives it; discord.js's defaults run as plain node.
        const flags = caches === 'bot' ? NODE_FLAGS : [];
        const report = await runChild(script, caches, emulator.apiUrl, emulator.token, flags);
        if (report.guilds !== MEMORY_SERVERS) {
          throw new Error(`${caches}: ready with ${report.guilds} of ${MEMORY_SERVERS} servers`);
        }
        reports[caches].push(report);
        log(
          `memory run ${run}/${runs} ${caches}: rss ${formatMb(report.rssAfter)} (heap ${formatMb(report.heapUsedAfter)}), ` +
            `ready in ${formatMs(report.readyMs)}; ${formatCount(report.channels)} channels, ${formatCount(report.roles)} roles, ` +
            `${formatCount(report.members)} members, ${formatCount(report.users)} users cached`,
        );
      }
      plainBot.push(await runChild(script, 'bot', emulator.apiUrl, emulator.token));
      bare.push(await runtimeWithoutLoader());
      const bot = reports.bot.at(-1) as ChildReport;
      const fallback = reports.default.at(-1) as ChildReport;
      rssRatio.push(bot.rssAfter / fallback.rssAfter);
      readyRatio.push(bot.readyMs / fallback.readyMs);
    }
  } finally {
    await emulator.close();
  }
  const med = (caches: 'bot' | 'default', pick: (r: ChildReport) => number) =>
    median(reports[caches].map(pick));
  const rss = med('bot', (r) => r.rssAfter);
  const runsText = `${runs} × fresh process each`;
  const servers = `${formatCount(MEMORY_SERVERS)} servers × ${CHANNELS} channels × ${ROLES} roles`;
  const rows: Row[] = [
    {
      benchmark: '4 Memory',
      measure: `RSS after ready + gc, ${servers}`,
      result: formatMb(rss),
      target: `≤ ${TARGET_MB} MB`,
      met: rss <= TARGET_MB * 1024 * 1024,
      baseline: `${formatMb(med('default', (r) => r.rssAfter))} (discord.js default caches)`,
      ratio: formatRatio(median(rssRatio)),
      runs: runsText,
    },
    {
      benchmark: '4 Memory',
      measure: `RSS after ready + gc, bot caches without ${NODE_FLAGS.join(' ')} (the flag's share)`,
      result: formatMb(median(plainBot.map((r) => r.rssAfter))),
      runs: runsText,
    },
    {
      benchmark: '4 Memory',
      measure: 'JS heap used after ready + gc',
      result: formatMb(med('bot', (r) => r.heapUsedAfter)),
      baseline: formatMb(med('default', (r) => r.heapUsedAfter)),
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
      measure: `login → clientReady, ${formatCount(MEMORY_SERVERS)} servers`,
      result: formatMs(med('bot', (r) => r.readyMs)),
      baseline: formatMs(med('default', (r) => r.readyMs)),
      ratio: formatRatio(median(readyRatio)),
      runs: runsText,
    },
    {
      benchmark: '5 Start-up',
      measure: 'process start → clientReady',
      result: formatMs(med('bot', (r) => r.sinceStartMs)),
      baseline: formatMs(med('default', (r) => r.sinceStartMs)),
      runs: runsText,
    },
  ];
  const bot = reports.bot[0];
  const fallback = reports.default[0];
  return {
    rows,
    notes: [
      `Memory: each configuration runs in a fresh \`node --expose-gc dist-bench/bench/memory-child.js\` (compiled with the bot's code by tsc first, so no loader is involved, as with npm start); RSS is read after clientReady, 500 ms and three gc() calls. Cached at ready — bot: ${formatCount(bot?.channels ?? 0)} channels, ${formatCount(bot?.roles ?? 0)} roles, ${formatCount(bot?.members ?? 0)} members, ${formatCount(bot?.users ?? 0)} users; default: ${formatCount(fallback?.channels ?? 0)} channels, ${formatCount(fallback?.roles ?? 0)} roles, ${formatCount(fallback?.members ?? 0)} members, ${formatCount(fallback?.users ?? 0)} users. The emulator (one shard, in the parent process) serialises every GUILD_CREATE, so start-up includes its work.`,
    ],
  };
}
