import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/migrations/index.js';
import { startEmulator } from '../emulator/emulator.js';
import type { Emulator } from '../emulator/types.js';
import { testGuild } from './harness.js';

const ROOT = join(import.meta.dirname, '..', '..');

function run(
  script: string,
  env: Record<string, string>,
  cwd: string,
): ChildProcess & { out: string[]; err: string[] } {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, script)], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { out: string[]; err: string[] };
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

describe('the bot as a process', () => {
  let dir: string;
  let emulator: Emulator | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'remembrance-proc-'));
  });
  afterEach(async () => {
    await emulator?.close();
    emulator = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [{}, /^remembrance-bot: DISCORD_TOKEN is not set: put DISCORD_TOKEN=.* in \.env/],
    [
      { DISCORD_TOKEN: 'x', DISCORD_API_URL: 'http://127.0.0.1:1/api/v10' },
      /^remembrance-bot: DISCORD_API_URL must not end with a version/,
    ],
    [{ DISCORD_TOKEN: 'x', DATABASE_URL: 'postgres://u:secret@db/x' }, /^remembrance-bot: .*DATABASE_URL/],
    [
      { DISCORD_TOKEN: 'x', SHARD_COUNT: 'many' },
      /^remembrance-bot: SHARD_COUNT must be "auto" or a whole number/,
    ],
  ])('bad configuration %j stops with one line and exit code 1', async (env, message) => {
    const child = run('src/main.ts', env as Record<string, string>, dir);
    expect(await exit(child)).toBe(1);
    const stderr = child.err.join('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain('secret');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a broken dataset stops the bot with one line naming the file and the path inside it', async () => {
    const file = join(dir, 'broken.json');
    const data = JSON.parse(
      (await import('node:fs')).readFileSync(join(ROOT, 'data', 'remembrance.json'), 'utf8'),
    );
    data.events[1].figures[0].value = -289;
    writeFileSync(file, JSON.stringify(data));
    const child = run('src/main.ts', { DISCORD_TOKEN: 'x', DATASET_FILE: file }, dir);
    expect(await exit(child)).toBe(1);
    expect(child.err.join('').trim()).toMatch(
      new RegExp(
        `^remembrance-bot: Dataset file ${file.replace(/[/.]/g, '\\$&')} is invalid at events\\[1\\]\\.figures\\[0\\]\\.value: `,
      ),
    );
  });

  it('SIGTERM stops it within a few seconds with exit code 0 and the database consistent', async () => {
    emulator = await startEmulator({ guilds: [testGuild()] });
    const db = join(dir, 'var', 'bot.sqlite');
    const child = run(
      'src/main.ts',
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
    expect(await exit(child)).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(child.out.join('')).toContain('"msg":"stopped"');
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({
      n: migrations.length,
    });
    sqlite.close();
  });

  it('a token Discord refuses, or a database path that cannot be created, stops with one line', async () => {
    emulator = await startEmulator({ guilds: [testGuild()] });
    const refused = run(
      'src/main.ts',
      { DISCORD_TOKEN: 'wrong-token', DISCORD_API_URL: emulator.apiUrl },
      dir,
    );
    expect(await exit(refused)).toBe(1);
    expect(refused.err.join('').trim()).toMatch(
      /^remembrance-bot: DISCORD_TOKEN was refused by Discord \(401\)[^\n]*$/,
    );
    writeFileSync(join(dir, 'file'), 'not a folder');
    const unwritable = run(
      'src/main.ts',
      {
        DISCORD_TOKEN: emulator.token,
        DISCORD_API_URL: emulator.apiUrl,
        DATABASE_URL: 'sqlite:file/db.sqlite',
      },
      dir,
    );
    expect(await exit(unwritable)).toBe(1);
    expect(unwritable.err.join('').trim()).toMatch(/^remembrance-bot: [^\n]*file\/db\.sqlite[^\n]*$/);
  });

  it('npm run commands:sync registers the commands without the gateway, and skips when unchanged', async () => {
    emulator = await startEmulator({ guilds: [testGuild()] });
    const env = { DISCORD_TOKEN: emulator.token, DISCORD_API_URL: emulator.apiUrl };
    const first = run('src/commands-sync.ts', env, dir);
    expect(await exit(first)).toBe(0);
    expect(first.out.join('')).toMatch(/Registered 6 commands \(global\)/);
    const second = run('src/commands-sync.ts', env, dir);
    expect(await exit(second)).toBe(0);
    expect(second.out.join('')).toMatch(/Already up to date: 6 commands/);
    expect(emulator.identifies).toHaveLength(0);
  });
});
