import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ServerSettings } from '../../src/app/server-settings.js';
import { loadDataset } from '../../src/config/dataset-file.js';
import { openDatabase } from '../../src/store/database.js';
import { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export type Spawned = ChildProcess & { out: string[]; err: string[] };

/** Spawns a command with only PATH, HOME and `env`, collecting its output. */
export function spawnCommand(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Spawned {
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as Spawned;
  child.out = [];
  child.err = [];
  child.stdout?.on('data', (d) => child.out.push(String(d)));
  child.stderr?.on('data', (d) => child.err.push(String(d)));
  return child;
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/**
 * One clock for a test's emulator and the bot processes it starts. A child started with `setting()` in its
 * REMEMBRANCE_TEST_CLOCK (honoured only with NODE_ENV=test) reads the same time as `now`, at the real rate.
 */
export class SharedClock {
  private offset = 0;
  readonly now = () => Date.now() + this.offset;
  /** Sets the clock to read `botMs` now, and returns the setting for a child started now. */
  startAt(botMs: number): string {
    const real = Date.now();
    this.offset = botMs - real;
    return `${botMs}@${real}`;
  }
  /** The setting for a child that shares the clock as it runs (children started at different times agree). */
  setting(): string {
    const real = Date.now();
    return `${real + this.offset}@${real}`;
  }
}

export async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The pids of a process's children, from /proc (Linux). */
export function childPids(pid: number): number[] {
  const pids: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (text) pids.push(...text.split(/\s+/).map(Number));
  }
  return pids;
}

/** Whether a process is running (a zombie waiting to be reaped has already exited). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/**
 * A dataset whose Khojaly anniversary is today (UTC), and a database in which the test server's post for it
 * (00:00 UTC today) is due, so the bot's start-up tick posts it.
 */
export async function dueToday(dir: string, guilds: { id: string; channelId: string }[]) {
  const today = new Date();
  const data = JSON.parse(readFileSync(join(ROOT, 'data', 'remembrance.json'), 'utf8'));
  const khojaly = data.events.find((e: { id: string }) => e.id === 'khojaly');
  const day = today.getUTCDate();
  khojaly.date = { type: 'night', year: 1992, month: today.getUTCMonth() + 1, day, nightStartsDay: day };
  data.events = data.events.filter(
    (e: { date: { type: string } }) => e === khojaly || e.date.type === 'period',
  );
  const datasetFile = join(dir, 'dataset.json');
  writeFileSync(datasetFile, JSON.stringify(data));
  const databaseUrl = `sqlite:${join(dir, 'bot.sqlite')}`;
  const database = await openDatabase({ kind: 'sqlite-file', path: join(dir, 'bot.sqlite') });
  const repo = new SettingsRepository(database.db);
  const settings = new ServerSettings(repo, new DeliveryLedger(database.db), loadDataset(datasetFile), () =>
    Date.now(),
  );
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  for (const g of guilds) {
    await settings.update(g.id, { channelId: g.channelId, timeZone: 'UTC', postTime: '00:00' });
    await repo.setNextDueAt(g.id, midnight);
  }
  await database.close();
  return { datasetFile, databaseUrl };
}
