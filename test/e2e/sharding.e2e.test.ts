import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerSettings } from '../../src/app/server-settings.js';
import { loadDataset } from '../../src/config/dataset-file.js';
import { openDatabase } from '../../src/store/database.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { startEmulator } from '../emulator/emulator.js';
import type { Emulator, GuildFixture } from '../emulator/types.js';
import { startHarness } from './harness.js';
import { freePort } from './process-support.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** Guild ids whose `(id >> 22) % 2` is 0 and 1. */
const GUILDS = [(300000000000n << 22n).toString(), (300000000001n << 22n).toString()];
const CHANNELS = ['1300000000000000010', '1300000000000000011'];

function guild(id: string, channelId: string): GuildFixture {
  return {
    id,
    channels: [{ id: channelId, name: 'remembrance', type: 0 }],
    roles: [{ id, name: '@everyone', permissions: (1024n | 2048n | 16384n).toString() }],
  };
}

describe('two shards in two processes', () => {
  let emulator: Emulator | undefined;
  let dir: string | undefined;
  let manager: ChildProcess | undefined;
  afterEach(async () => {
    if (manager && manager.exitCode === null) manager.kill('SIGKILL');
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('each notice arrives exactly once, from the process that holds its server', async () => {
    const shard0 = Number((BigInt(GUILDS[0] as string) >> 22n) % 2n);
    const shard1 = Number((BigInt(GUILDS[1] as string) >> 22n) % 2n);
    expect([shard0, shard1]).toEqual([0, 1]);
    // max_concurrency 1, as Discord gives small bots: the two processes must identify 5 s apart.
    emulator = await startEmulator({
      shardCount: 2,
      maxConcurrency: 1,
      guilds: GUILDS.map((id, i) => guild(id, CHANNELS[i] as string)),
    });
    dir = mkdtempSync(join(tmpdir(), 'remembrance-shards-'));

    // A dataset whose one anniversary is today (UTC), so the start-up tick has a post to catch up on.
    const today = new Date();
    const data = JSON.parse(readFileSync(join(ROOT, 'data', 'remembrance.json'), 'utf8'));
    const khojaly = data.events.find((e: { id: string }) => e.id === 'khojaly');
    khojaly.date = {
      type: 'night',
      year: 1992,
      month: today.getUTCMonth() + 1,
      day: today.getUTCDate(),
      nightStartsDay: today.getUTCDate(),
    };
    data.events = data.events.filter(
      (e: { date: { type: string } }) => e === khojaly || e.date.type === 'period',
    );
    const datasetFile = join(dir, 'dataset.json');
    writeFileSync(datasetFile, JSON.stringify(data));

    // Both servers were configured earlier and their post (00:00 UTC today) is due.
    const databaseUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
    const database = await openDatabase(parseDatabaseUrl(databaseUrl, dir));
    const repo = new SettingsRepository(database.db);
    const settings = new ServerSettings(repo, new DeliveryLedger(database.db), loadDataset(datasetFile), () =>
      Date.now(),
    );
    const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
    for (const [i, id] of GUILDS.entries()) {
      await settings.update(id, { channelId: CHANNELS[i] as string, timeZone: 'UTC', postTime: '00:00' });
      await repo.setNextDueAt(id, midnight);
    }
    await database.close();

    const out: string[] = [];
    const httpPort = await freePort();
    manager = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), join(ROOT, 'src', 'sharded.ts')],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          DISCORD_TOKEN: emulator.token,
          DISCORD_API_URL: emulator.apiUrl,
          DATABASE_URL: databaseUrl,
          DATASET_FILE: datasetFile,
          SHARD_COUNT: 'auto',
          HTTP_PORT: String(httpPort),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    manager.stdout?.on('data', (d) => out.push(String(d)));
    manager.stderr?.on('data', (d) => out.push(String(d)));
    const ticks = () =>
      out
        .join('')
        .split('\n')
        .filter((l) => l.includes('"msg":"tick finished"')).length;
    const deadline = Date.now() + 40_000;
    while (ticks() < 2 || !out.join('').includes('all shards ready')) {
      if (Date.now() > deadline) throw new Error(`shards did not both tick:\n${out.join('')}`);
      await new Promise((r) => setTimeout(r, 50));
    }

    expect(emulator.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(emulator.identifyRateViolations).toEqual([]);
    expect(emulator.messages(CHANNELS[0])).toHaveLength(1);
    expect(emulator.messages(CHANNELS[1])).toHaveLength(1);
    expect(emulator.violations).toEqual([]);

    // The manager serves both processes' metrics, added up over IPC, and is ready when both shards are.
    const metrics = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
    expect(metrics).toContain('remembrance_notices_total{outcome="sent",reason=""} 2');
    expect(metrics).toContain('remembrance_gateway_status{shard="0",status="Ready"} 1');
    expect(metrics).toContain('remembrance_gateway_status{shard="1",status="Ready"} 1');
    expect(metrics).toContain('remembrance_servers_configured 2');
    expect((await fetch(`http://127.0.0.1:${httpPort}/readyz`)).status).toBe(200);

    manager.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => manager?.once('exit', resolve));
    expect(code).toBe(0);
  });
});

describe('start:sharded with SHARD_IDS', () => {
  let emulator: Emulator | undefined;
  let dir: string | undefined;
  let manager: ChildProcess | undefined;
  afterEach(async () => {
    if (manager && manager.exitCode === null) manager.kill('SIGKILL');
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts only the listed shards, and refuses a count other than the database records', async () => {
    emulator = await startEmulator({
      shardCount: 2,
      guilds: GUILDS.map((id, i) => guild(id, CHANNELS[i] as string)),
    });
    dir = mkdtempSync(join(tmpdir(), 'remembrance-shard-ids-'));
    const env = {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_URL: emulator.apiUrl,
      DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`,
    };
    const spawnSharded = (more: Record<string, string>) =>
      spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'src', 'sharded.ts')], {
        cwd: dir,
        env: { ...env, ...more },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const out: string[] = [];
    manager = spawnSharded({ SHARD_COUNT: '2', SHARD_IDS: '1' });
    manager.stdout?.on('data', (d) => out.push(String(d)));
    manager.stderr?.on('data', (d) => out.push(String(d)));
    const deadline = Date.now() + 40_000;
    while (!out.join('').includes('all shards ready')) {
      if (Date.now() > deadline) throw new Error(`shard 1 did not start:\n${out.join('')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(emulator.identifies.map((i) => i.shard)).toEqual([[1, 2]]);
    expect(emulator.connectedShards()).toEqual([1]);

    const refused = spawnSharded({ SHARD_COUNT: '3', SHARD_IDS: '0' });
    const err: string[] = [];
    refused.stderr?.on('data', (d) => err.push(String(d)));
    expect(await new Promise((resolve) => refused.once('exit', resolve))).toBe(1);
    expect(err.join('').trim()).toMatch(
      /^remembrance-bot: SHARD_COUNT is 3 but this bot's database records 2 shards; [^\n]*$/,
    );
    expect(emulator.identifies).toHaveLength(1);

    manager.kill('SIGTERM');
    expect(await new Promise((resolve) => manager?.once('exit', resolve))).toBe(0);
  });
});

describe('several shards in one process', () => {
  it('holds both shards and posts for the servers on each', async () => {
    const h = await startHarness({
      now: '2027-02-20T12:00:00Z',
      emulator: { shardCount: 2, guilds: GUILDS.map((id, i) => guild(id, CHANNELS[i] as string)) },
      env: { SHARD_COUNT: '2' },
    });
    try {
      expect(h.emulator.identifies.map((i) => i.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      expect(h.bot.client.guilds.cache.size).toBe(2);
      for (const [i, id] of GUILDS.entries()) {
        await h.bot.settings.update(id, { channelId: CHANNELS[i] as string });
      }
      h.clock.set('2027-02-26T05:00:00Z');
      await h.bot.scheduler.tick();
      expect(h.emulator.messages(CHANNELS[0])).toHaveLength(1);
      expect(h.emulator.messages(CHANNELS[1])).toHaveLength(1);
      expect(h.emulator.violations).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
