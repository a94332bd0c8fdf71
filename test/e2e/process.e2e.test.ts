import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, it, type TestContext } from 'vitest';
import { commands } from '../../commands/index.js';
import { migrations } from '../../src/store/migrations/index.js';
import { startEmulator } from '../emulator/emulator.js';
import { postgresServer } from '../support/postgres.js';
import { testGuild } from './harness.js';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Bot processes running at once. A start is CPU-bound (tsx loads the whole bot before it checks anything) and the
 * machine may have two cores shared with another test file, so more at once would only slow each start down.
 */
const PROCESSES_AT_ONCE = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function slot(): Promise<() => void> {
  if (running >= PROCESSES_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
}

/** Starts `script` with tsx, as a developer's checkout runs it, once a slot is free; the slot is held until it exits. */
async function run(
  t: TestContext,
  script: string,
  env: Record<string, string>,
  cwd: string,
): Promise<ChildProcess & { out: string[]; err: string[] }> {
  const release = await slot();
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, script)], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { out: string[]; err: string[] };
  child.once('exit', release);
  child.once('error', release);
  t.onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  child.out = [];
  child.err = [];
  child.stdout?.on('data', (d) => child.out.push(String(d)));
  child.stderr?.on('data', (d) => child.err.push(String(d)));
  return child;
}

function exit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A fresh working folder for one test, removed when it ends. */
function workDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'remembrance-proc-'));
  t.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An emulator for one test, closed when it ends. */
async function emulatorForTest(t: TestContext) {
  const emulator = await startEmulator({ guilds: [testGuild()] });
  t.onTestFinished(() => emulator.close());
  return emulator;
}

// The cases are independent (each its own folder, emulator and process), so they run side by side; the time
// limit covers waiting for a process slot as well as the start itself.
describe.concurrent('the bot as a process', { timeout: 60_000 }, () => {
  it.for([
    [{}, /^remembrance-bot: DISCORD_TOKEN is not set: put DISCORD_TOKEN=.* in \.env/],
    [
      { DISCORD_TOKEN: 'x', DISCORD_API_URL: 'http://127.0.0.1:1/api/v10' },
      /^remembrance-bot: DISCORD_API_URL must not end with a version/,
    ],
    [
      { DISCORD_TOKEN: 'x', DATABASE_URL: 'postgres://u:secret@db/x?sslmode=on' },
      /^remembrance-bot: DATABASE_URL has sslmode "on"/,
    ],
    [
      // The run's PostgreSQL, with a wrong password: refused at once, named without the password.
      {
        DISCORD_TOKEN: 'x',
        DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${postgresServer().port}/postgres`,
      },
      /^remembrance-bot: Cannot connect to the PostgreSQL database "postgres" on 127\.0\.0\.1:\d+: the server refused the login/,
    ],
    [
      { DISCORD_TOKEN: 'x', LOG_LEVEL: 'loud' },
      /^remembrance-bot: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent\.$/,
    ],
    [
      { DISCORD_TOKEN: 'Bot secret-token-value' },
      /^remembrance-bot: DISCORD_TOKEN starts with "Bot ": remove the prefix and put the token alone\.$/,
    ],
    [
      { DISCORD_TOKEN: 'secret', DISCORD_API_URL: 'http://127.0.0.1:1/api', SHARD_COUNT: '1' },
      /^remembrance-bot: Cannot reach the Discord API at http:\/\/127\.0\.0\.1:1\/api \(ECONNREFUSED\): check the network, or DISCORD_API_URL\.$/,
    ],
    [
      { DISCORD_TOKEN: 'x', SHARD_COUNT: 'many' },
      /^remembrance-bot: SHARD_COUNT must be "auto" or a whole number/,
    ],
  ] as const)('bad configuration %j stops with one line and exit code 1', async ([env, message], t) => {
    const child = await run(t, 'src/run-main.ts', env as Record<string, string>, workDir(t));
    t.expect(await exit(child)).toBe(1);
    const stderr = child.err.join('');
    t.expect(stderr.trim().split('\n')).toHaveLength(1);
    t.expect(stderr.trim()).toMatch(message);
    t.expect(stderr).not.toContain('secret');
    t.expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("another application's SQLite file is refused untouched, in one line", async (t) => {
    const dir = workDir(t);
    const file = join(dir, 'app.sqlite');
    const other = new Database(file);
    other.exec(
      'CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL); INSERT INTO orders VALUES (1, 9.5);',
    );
    other.close();
    const before = readFileSync(file);
    const child = await run(
      t,
      'src/run-main.ts',
      { DISCORD_TOKEN: 'x', DATABASE_URL: `sqlite:${file}` },
      dir,
    );
    t.expect(await exit(child)).toBe(1);
    t.expect(child.err.join('')).toBe(
      `remembrance-bot: The database at ${file} is not this bot's (it holds tables orders); it was left untouched: point DATABASE_URL at a new file.\n`,
    );
    t.expect(readFileSync(file).equals(before)).toBe(true);
    t.expect(readdirSync(dir)).toEqual(['app.sqlite']);
  });

  it('a broken dataset stops the bot with one line naming the file and the path inside it', async (t) => {
    const dir = workDir(t);
    const file = join(dir, 'broken.json');
    const data = JSON.parse(readFileSync(join(ROOT, 'data', 'remembrance.json'), 'utf8'));
    data.events[1].figures[0].value = -289;
    writeFileSync(file, JSON.stringify(data));
    const child = await run(t, 'src/run-main.ts', { DISCORD_TOKEN: 'x', DATASET_FILE: file }, dir);
    t.expect(await exit(child)).toBe(1);
    t.expect(child.err.join('').trim()).toMatch(
      new RegExp(
        `^remembrance-bot: Dataset file ${file.replace(/[/.]/g, '\\$&')} is invalid at events\\[1\\]\\.figures\\[0\\]\\.value: `,
      ),
    );
  });

  it('a token Discord refuses stops with one line', async (t) => {
    const emulator = await emulatorForTest(t);
    const refused = await run(
      t,
      'src/run-main.ts',
      { DISCORD_TOKEN: 'wrong-token', DISCORD_API_URL: emulator.apiUrl },
      workDir(t),
    );
    t.expect(await exit(refused)).toBe(1);
    t.expect(refused.err.join('').trim()).toMatch(
      /^remembrance-bot: DISCORD_TOKEN was refused by Discord \(401\)[^\n]*$/,
    );
  });

  it('a database path that cannot be created stops with one line', async (t) => {
    const emulator = await emulatorForTest(t);
    const dir = workDir(t);
    writeFileSync(join(dir, 'file'), 'not a folder');
    const unwritable = await run(
      t,
      'src/run-main.ts',
      {
        DISCORD_TOKEN: emulator.token,
        DISCORD_API_URL: emulator.apiUrl,
        DATABASE_URL: 'sqlite:file/db.sqlite',
      },
      dir,
    );
    t.expect(await exit(unwritable)).toBe(1);
    t.expect(unwritable.err.join('').trim()).toMatch(/^remembrance-bot: [^\n]*file\/db\.sqlite[^\n]*$/);
  });

  it('npm run commands:sync registers the commands without the gateway, and skips when unchanged', async (t) => {
    const emulator = await emulatorForTest(t);
    const dir = workDir(t);
    const env = { DISCORD_TOKEN: emulator.token, DISCORD_API_URL: emulator.apiUrl };
    const first = await run(t, 'src/commands-sync.ts', env, dir);
    t.expect(await exit(first)).toBe(0);
    t.expect(first.out.join('')).toContain(`Registered ${commands.length} commands (global).`);
    const second = await run(t, 'src/commands-sync.ts', env, dir);
    t.expect(await exit(second)).toBe(0);
    t.expect(second.out.join('')).toContain(`Already up to date: ${commands.length} commands`);
    t.expect(emulator.identifies).toHaveLength(0);
  });

  // Alone, after the others: it measures how long the shutdown takes, which other starts would slow down.
  it.sequential('SIGTERM stops it within the service manager’s stop timeout with exit code 0 and the database consistent', async (t) => {
    const emulator = await emulatorForTest(t);
    const dir = workDir(t);
    const db = join(dir, 'var', 'bot.sqlite');
    const child = await run(
      t,
      'src/run-main.ts',
      {
        DISCORD_TOKEN: emulator.token,
        DISCORD_API_URL: emulator.apiUrl,
        SHARD_COUNT: '1',
        DATABASE_URL: 'sqlite:var/bot.sqlite',
      },
      dir,
    );
    await until(() => child.out.join('').includes('bot ready'));
    const started = Date.now();
    child.kill('SIGTERM');
    t.expect(await exit(child)).toBe(0);
    // The contract is the service manager's: deploy/remembrance-bot.service kills it after TimeoutStopSec=30.
    t.expect(Date.now() - started).toBeLessThan(30_000);
    t.expect(child.out.join('')).toContain('"msg":"stopped"');
    const sqlite = new Database(db, { readonly: true });
    t.expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    t.expect(sqlite.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({
      n: migrations.length,
    });
    sqlite.close();
  });
});
