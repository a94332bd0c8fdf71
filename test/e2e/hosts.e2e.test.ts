import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerSettings } from '../../src/app/server-settings.js';
import { loadDataset } from '../../src/config/dataset-file.js';
import { STALE_CLAIM_MS } from '../../src/schedule/deliver.js';
import { openDatabase } from '../../src/store/database.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { startEmulator } from '../emulator/emulator.js';
import type { Emulator, GuildFixture } from '../emulator/types.js';
import { type PostgresDatabase, postgresDatabase } from '../support/postgres.js';
import { SharedClock } from './process-support.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DATASET_FILE = join(ROOT, 'data', 'remembrance.json');
/** Khojaly's 35th anniversary (26 February), at 10:00 UTC: its notice is due since 00:00 on the bot's clock. */
const MIDNIGHT = Date.parse('2027-02-26T00:00:00Z');
const TEN_O_CLOCK = Date.parse('2027-02-26T10:00:00Z');
/**
 * The hosts start this long before a minute of their clock begins: time enough to log in (two identifies
 * 5 s apart) and be configured, so that minute's tick finds the first servers due on both hosts at once.
 */
const FIRST_MINUTE_AFTER_MS = 20_000;

interface Server {
  id: string;
  channelId: string;
  shard: number;
}

/** `count` servers from `first` on, alternating between shard 0 and shard 1 of two. */
function servers(first: number, count: number): Server[] {
  return Array.from({ length: count }, (_, i) => ({
    id: (BigInt(300_000_000_000 + first + i) << 22n).toString(),
    channelId: (1_300_000_000_000_000_000n + BigInt(first + i)).toString(),
    shard: (first + i) % 2,
  }));
}

function fixture(s: Server): GuildFixture {
  return {
    id: s.id,
    channels: [{ id: s.channelId, name: 'remembrance', type: 0 }],
    roles: [{ id: s.id, name: '@everyone', permissions: (1024n | 2048n | 16384n).toString() }],
  };
}

type Host = ChildProcess & { out: string[]; err: string[]; name: string };

describe('several hosts on one PostgreSQL database', () => {
  let emulator: Emulator | undefined;
  let dir: string | undefined;
  let database: PostgresDatabase | undefined;
  const hosts: Host[] = [];
  afterEach(async () => {
    for (const h of hosts.splice(0)) if (h.exitCode === null && h.signalCode === null) h.kill('SIGKILL');
    await emulator?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('posts every notice exactly once: split hosts, overlapping hosts, a host killed mid-tick', async () => {
    const first = servers(0, 80);
    const overlap = servers(80, 20);
    const killed = servers(100, 60);
    const all = [...first, ...overlap, ...killed];
    // One PostgreSQL database that every host shares, as in production.
    database = await postgresDatabase('hosts');
    const databaseUrl = database.url;
    // The hosts and their Discord read one clock, on the anniversary's day; it runs at the real rate.
    const clock = new SharedClock();
    clock.startAt(TEN_O_CLOCK - FIRST_MINUTE_AFTER_MS);
    // Discord's own global limit, and max_concurrency 1 so both shards share one identify bucket.
    emulator = await startEmulator({
      now: clock.now,
      shardCount: 2,
      maxConcurrency: 1,
      globalRateLimit: 50,
      guilds: all.map(fixture),
    });
    const em = emulator;
    dir = mkdtempSync(join(tmpdir(), 'remembrance-hosts-'));
    const work = dir;

    /** Configures servers whose post (00:00 UTC today, on the hosts' clock) is due. */
    async function configure(list: Server[]) {
      const database = await openDatabase(parseDatabaseUrl(databaseUrl, work));
      const repo = new SettingsRepository(database.db);
      const settings = new ServerSettings(
        repo,
        new DeliveryLedger(database.db),
        loadDataset(DATASET_FILE),
        clock.now,
      );
      for (const s of list) {
        await settings.update(s.id, { channelId: s.channelId, timeZone: 'UTC', postTime: '00:00' });
        await repo.setNextDueAt(s.id, MIDNIGHT);
      }
      await database.close();
    }

    /** A host as `npm start` runs it (through tsx here), on the shared clock. */
    function start(name: string, shardIds: string, env: Record<string, string> = {}): Host {
      const child = spawn(
        process.execPath,
        ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/run-main.ts')],
        {
          cwd: work,
          env: {
            PATH: process.env.PATH ?? '',
            NODE_ENV: 'test',
            REMEMBRANCE_TEST_CLOCK: clock.setting(),
            DISCORD_TOKEN: em.token,
            DISCORD_API_URL: em.apiUrl,
            DATABASE_URL: databaseUrl,
            DATASET_FILE,
            SHARD_COUNT: '2',
            SHARD_IDS: shardIds,
            ...env,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      ) as Host;
      child.name = name;
      child.out = [];
      child.err = [];
      child.stdout?.on('data', (d) => child.out.push(String(d)));
      child.stderr?.on('data', (d) => child.err.push(String(d)));
      hosts.push(child);
      return child;
    }
    const logged = (h: Host, msg: string) => h.out.join('').includes(`"msg":"${msg}"`);
    const output = () => hosts.map((h) => `--- ${h.name}\n${h.out.join('')}${h.err.join('')}`).join('\n');
    async function until(check: () => boolean, what: string, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output()}`);
        // Not faster: the emulator shares this event loop, and busy polling would bunch the requests it times.
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    async function stop(h: Host) {
      const exited = new Promise((resolve) => h.once('exit', (code) => resolve(code)));
      h.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    const posted = (list: Server[]) => list.filter((s) => em.messages(s.channelId).length > 0).length;
    const exactlyOnce = (list: Server[]) =>
      expect(list.map((s) => em.messages(s.channelId).length)).toEqual(list.map(() => 1));

    // 1. Two hosts, one shard each. Their servers fall due while both run, so both post at the next minute's
    // tick (their start-up ticks are 5 s apart, held by the identify lease) and must share the global limit.
    const a = start('a', '0');
    const b = start('b', '1');
    await until(() => logged(a, 'bot ready') && logged(b, 'bot ready'), 'the first two hosts');
    await configure(first);
    await until(() => posted(first) === first.length, 'the first servers', 90_000);
    exactlyOnce(first);
    // Each host posted for the servers of its own shard only.
    const postedBy = (h: Host) =>
      h.out
        .join('')
        .split('\n')
        .filter((l) => l.includes('"msg":"notice posted"'))
        .map((l) => (JSON.parse(l) as { guildId: string }).guildId)
        .sort();
    const ofShard = (shard: number) =>
      first
        .filter((s) => s.shard === shard)
        .map((s) => s.id)
        .sort();
    // A host logs a post after Discord answered it, so its log line can trail the message a little.
    await until(
      () => postedBy(a).length + postedBy(b).length >= first.length,
      'the hosts to log their posts',
    );
    expect(postedBy(a)).toEqual(ofShard(0));
    expect(postedBy(b)).toEqual(ofShard(1));
    expect(em.globalRateLimitHits).toBe(0);

    // 2. Rolling restart into two hosts that both run both shards (the overlap a mistake makes).
    await configure(overlap);
    const c = start('c', '0-1');
    const d = start('d', '0,1');
    await until(() => logged(c, 'bot ready') && logged(d, 'bot ready'), 'the overlapping hosts');
    await stop(a);
    await stop(b);
    await until(() => posted(overlap) === overlap.length, 'the overlap servers');
    // Stopped, they have nothing in flight: a second post would be there now.
    await stop(c);
    await stop(d);
    exactlyOnce([...first, ...overlap]);

    // 3. One host killed in the middle of its tick, then restarted.
    await configure(killed);
    const onShard0 = killed.filter((s) => s.shard === 0);
    const onShard1 = killed.filter((s) => s.shard === 1);
    const e = start('e', '0');
    const f = start('f', '1');
    await until(() => posted(onShard0) >= 3, 'the first posts on shard 0');
    e.kill('SIGKILL');
    const postedBeforeKill = posted(onShard0);
    expect(postedBeforeKill).toBeLessThan(onShard0.length);
    // The other host has finished and stops, so every running process keeps reading one clock.
    await until(() => posted(onShard1) === onShard1.length, 'the servers of shard 1');
    await stop(f);
    // The host comes back after its claims went stale (two minutes): the clock moves on for Discord and the
    // restarted host alike, and that host's start-up tick takes the claims over.
    clock.startAt(clock.now() + STALE_CLAIM_MS + 10_000);
    const eAgain = start('e-again', '0');
    await until(() => posted(killed) === killed.length, 'the servers of the killed host');

    // A host started with another shard count is refused in one line.
    const wrong = start('wrong', '0', { SHARD_COUNT: '3' });
    expect(await new Promise((resolve) => wrong.once('exit', resolve))).toBe(1);
    expect(wrong.err.join('').trim()).toMatch(
      /^remembrance-bot: SHARD_COUNT is 3 but this bot's database records 2 shards; use SHARD_COUNT=2 on every host[^\n]*$/,
    );

    await stop(eAgain);
    exactlyOnce(all);

    expect(em.globalRateLimitHits).toBe(0);
    expect(em.identifyRateViolations).toEqual([]);
    expect(em.identifies.length).toBeGreaterThanOrEqual(9);
    expect(em.violations).toEqual([]);
  }, 240_000);
});
