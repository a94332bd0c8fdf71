import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerSettings } from '../../src/app/server-settings.js';
import { openDatabase } from '../../src/store/database.js';
import { deliveryMarker } from '../../src/store/delivery.js';
import { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { realDataset } from '../domain/fixtures.js';
import { startEmulator } from '../emulator/emulator.js';
import type { Emulator, GuildFixture } from '../emulator/types.js';
import { SharedClock } from './process-support.js';

/**
 * The real bot process, SIGKILLed at every step of a delivery and restarted a few seconds later, three hours
 * later the same local day, and the next day. Six servers are due at once, each stopped at a different step,
 * so one kill covers every point:
 *
 * - A: before the claim (a test hold);            - B: after the claim, before the POST (a test hold);
 * - C: POST in flight, never processed (the emulator holds it; it is dropped when the process dies);
 * - D: Discord created the message, the response never reached the bot (the emulator swallows it);
 * - E: the response reached the bot, the ledger write did not happen (a test hold);
 * - F: Discord created the message and answered 500 to it and to every discord.js retry.
 *
 * The child runs on `REMEMBRANCE_TEST_CLOCK` (a bot instant anchored to a real one, honoured only with
 * NODE_ENV=test) and the emulator computes the same clock, so the nonce window runs on the bot's time.
 */

const ROOT = join(import.meta.dirname, '..', '..');
// The process entry point, as npm start runs it (compiled there; through tsx here).
const ENTRY = 'src/run-main.ts';
const dataset = realDataset();
const PERMISSIONS = (1024n | 2048n | 16384n | 65536n).toString();
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** 09:00:00 in Baku on Khojaly's 35th anniversary. */
const KHOJALY = Date.parse('2027-02-26T05:00:00Z');
const NEXT_DAY = Date.parse('2027-02-27T05:00:30Z');

const POINTS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
type Point = (typeof POINTS)[number];
const guildOf = (p: Point) => `13000000000000000${POINTS.indexOf(p) + 1}0`;
const channelOf = (p: Point) => `13000000000000100${POINTS.indexOf(p) + 1}0`;
/** Kill points where the POST never reached Discord: on the next day they are recorded missed, unposted. */
const NEVER_REACHED: Point[] = ['A', 'B', 'C'];

function guilds(): GuildFixture[] {
  return POINTS.map((p) => ({
    id: guildOf(p),
    name: `Kill point ${p}`,
    channels: [{ id: channelOf(p), name: 'remembrance', type: 0 }],
    roles: [{ id: guildOf(p), name: '@everyone', permissions: PERMISSIONS }],
  }));
}

interface Bot {
  child: ChildProcess;
  out: string[];
}

function spawnBot(env: Record<string, string>): Bot {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, ENTRY)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const bot = { child, out: [] as string[] };
  child.stdout?.on('data', (d) => bot.out.push(String(d)));
  child.stderr?.on('data', (d) => bot.out.push(String(d)));
  return bot;
}

function logLines(bot: Bot): Array<Record<string, unknown>> {
  return bot.out
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function until(check: () => boolean, what: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** One branch of the test: its own Discord, database and clock, from the kill to the last restart. */
class World {
  readonly clock = new SharedClock();
  readonly dir = mkdtempSync(join(tmpdir(), 'remembrance-kill-'));
  readonly database = join(this.dir, 'bot.sqlite');
  emulator!: Emulator;
  private readonly bots: Bot[] = [];

  async setUp(): Promise<void> {
    this.emulator = await startEmulator({
      guilds: guilds(),
      now: this.clock.now,
      heartbeatIntervalMs: 1_000,
    });
    // An admin configured each server a week before, with the bot's own code.
    const configuredAt = KHOJALY - 7 * 24 * HOUR;
    const { db, close } = await openDatabase(
      { kind: 'sqlite-file', path: this.database },
      { now: () => configuredAt },
    );
    const settings = new ServerSettings(
      new SettingsRepository(db),
      new DeliveryLedger(db),
      dataset,
      () => configuredAt,
    );
    for (const p of POINTS) await settings.update(guildOf(p), { channelId: channelOf(p) });
    await close();
    const posts = (p: Point) => ({
      method: 'POST',
      route: 'POST /channels/:id/messages',
      channelId: channelOf(p),
    });
    this.emulator.fail(posts('C'), { status: 'hold' });
    this.emulator.fail(posts('D'), { status: 'swallow' });
    this.emulator.fail(posts('F'), { status: 500, afterHandling: true }, 4);
  }

  start(at: number, extra: Record<string, string> = {}): Bot {
    const bot = spawnBot({
      DISCORD_TOKEN: this.emulator.token,
      DISCORD_API_URL: this.emulator.apiUrl,
      DATABASE_URL: `sqlite:${this.database}`,
      SHARD_COUNT: '1',
      LOG_LEVEL: 'debug',
      REMEMBRANCE_TEST_CLOCK: this.clock.startAt(at),
      ...extra,
    });
    this.bots.push(bot);
    return bot;
  }

  /** Starts the bot at the anniversary's minute and SIGKILLs it once every server reached its point. */
  async killMidDelivery(): Promise<number> {
    const bot = this.start(KHOJALY, {
      REMEMBRANCE_TEST_HOLD: `${guildOf('A')}:before-claim,${guildOf('B')}:after-claim,${guildOf('E')}:after-send`,
    });
    const requestTo = (p: Point) =>
      this.emulator.requests.find(
        (r) => r.method === 'POST' && r.path === `/channels/${channelOf(p)}/messages`,
      );
    await until(() => {
      const logs = logLines(bot);
      const held = new Set(logs.filter((l) => l.msg === 'test hold reached').map((l) => l.guildId));
      const failedF = logs.some((l) => l.msg === 'notice not posted' && l.guildId === guildOf('F'));
      return (
        held.size === 3 &&
        requestTo('C')?.status === 0 &&
        requestTo('D')?.status === 0 &&
        this.emulator.messages(channelOf('D')).length === 1 &&
        failedF
      );
    }, 'every server to reach its kill point');
    bot.child.kill('SIGKILL');
    await exited(bot.child);
    return this.clock.now();
  }

  /** Starts the bot at `at`, lets its start-up tick finish, and stops it with SIGTERM. */
  async runOnceAt(at: number): Promise<Array<Record<string, unknown>>> {
    const bot = this.start(at);
    await until(() => logLines(bot).some((l) => l.msg === 'tick finished'), 'the start-up tick');
    bot.child.kill('SIGTERM');
    await exited(bot.child);
    expect(bot.child.exitCode).toBe(0);
    return logLines(bot);
  }

  notices(p: Point) {
    return this.emulator.messages(channelOf(p));
  }

  row(p: Point): Record<string, unknown> | undefined {
    const sqlite = new Database(this.database, { readonly: true });
    try {
      return sqlite
        .prepare(
          'SELECT status, reason, message_id FROM deliveries WHERE guild_id = ? AND event_id = ? AND year = ?',
        )
        .get(guildOf(p), 'khojaly', 2027) as Record<string, unknown> | undefined;
    } finally {
      sqlite.close();
    }
  }

  async close(): Promise<void> {
    for (const bot of this.bots)
      if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await Promise.all(this.bots.map((b) => exited(b.child)));
    await this.emulator?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const RESTARTS = {
  /** A few seconds later (the claims are still live), then once they are stale. */
  'a few seconds later': (killedAt: number) => [killedAt + 5 * SECOND, killedAt + 3 * MINUTE],
  'three hours later the same day': (killedAt: number) => [killedAt + 3 * HOUR],
  'the next day': () => [NEXT_DAY],
} as const;

describe('killed at every step of a delivery, restarted later', () => {
  const worlds: World[] = [];
  afterAll(async () => {
    await Promise.all(worlds.map((w) => w.close()));
  });

  it('posts each notice exactly once, or records it missed the next day when Discord never got it', {
    timeout: 150_000,
  }, async () => {
    const results = await Promise.all(
      Object.entries(RESTARTS).map(async ([name, instants]) => {
        const world = new World();
        worlds.push(world);
        await world.setUp();
        const killedAt = await world.killMidDelivery();
        // At the kill: D's and F's messages exist; nothing else was posted.
        expect(POINTS.map((p) => world.notices(p).length)).toEqual([0, 0, 0, 1, 1, 1]);
        const logs: Array<Record<string, unknown>> = [];
        for (const at of instants(killedAt)) logs.push(...(await world.runOnceAt(at)));
        return { name, world, logs };
      }),
    );
    for (const { name, world } of results) {
      const nextDay = name === 'the next day';
      for (const p of POINTS) {
        const notices = world.notices(p);
        const expected = nextDay && NEVER_REACHED.includes(p) ? 0 : 1;
        expect({ branch: name, point: p, notices: notices.length }).toEqual({
          branch: name,
          point: p,
          notices: expected,
        });
        if (expected === 0) {
          expect(world.row(p)).toMatchObject({ status: 'missed', reason: 'day-ended' });
          continue;
        }
        const [notice] = notices;
        expect(world.row(p)).toMatchObject({ status: 'sent', message_id: notice?.id });
        // The notice carries its delivery's marker where only the bot writes.
        const footer = (notice?.embeds?.[0] as { footer?: { text?: string } } | undefined)?.footer?.text;
        expect(
          footer?.endsWith(deliveryMarker({ guildId: guildOf(p), eventId: 'khojaly', year: 2027 })),
        ).toBe(true);
      }
    }
    for (const { logs } of results) {
      // D, E and F were found by reading the channel back, not posted again.
      const found = logs.filter((l) => l.outcome === 'found').map((l) => l.guildId);
      expect(new Set(found)).toEqual(new Set(['D', 'E', 'F'].map((p) => guildOf(p as Point))));
    }
  });
});
