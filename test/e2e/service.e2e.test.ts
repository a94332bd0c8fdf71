import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { startEmulator } from '../emulator/emulator.js';
import type { Emulator } from '../emulator/types.js';
import { testGuild } from './harness.js';
import { childPids, exitOf, isAlive, ROOT, type Spawned, spawnCommand, until } from './process-support.js';

/**
 * The bot started the way an operator starts it: `npm start` on the compiled output (built once, as `npm ci`
 * does through `prepare`), stopped the way `docker stop`, systemd or `kill` stop it.
 */
describe('npm start, as a service', () => {
  let emulator: Emulator;
  let dir: string;
  const children: Spawned[] = [];
  beforeAll(async () => {
    // Two builds at once (two `npm ci` in one folder): one builds, the other waits for it; dist/ is whole.
    const builds = [0, 1].map(() => spawnCommand('npm', ['run', 'build'], {}, ROOT));
    const codes = await Promise.all(builds.map(exitOf));
    expect(codes, builds.map((b) => b.err.join('')).join('\n')).toEqual([0, 0]);
    expect(builds.map((b) => b.out.join('')).join('')).toContain('another build is running; waiting for it.');
    expect(readdirSync(ROOT).filter((f) => f.startsWith('.dist-') || f === '.build.lock')).toEqual([]);
  }, 180_000);
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });
  afterEach(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function begin() {
    emulator = await startEmulator({ guilds: [testGuild()] });
    dir = mkdtempSync(join(tmpdir(), 'remembrance-service-'));
    return {
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_URL: emulator.apiUrl,
      SHARD_COUNT: '1',
      DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`,
    };
  }

  function npm(args: string[], env: Record<string, string>, cwd: string): Spawned {
    const child = spawnCommand('npm', args, env, cwd);
    children.push(child);
    return child;
  }

  const ready = (c: Spawned) => until(() => c.out.join('').includes('"msg":"bot ready"'), 'bot ready');

  it('SIGTERM to the npm process stops the bot: npm and node exit 0, nothing left running', async () => {
    const env = await begin();
    const started = npm(['start'], env, ROOT);
    await ready(started);
    const pid = started.pid as number;
    const [node] = childPids(pid);
    expect(node).toBeDefined();
    // npm runs the script with `exec`, so its child is node itself, not a shell that would swallow the signal.
    expect(readFileSync(`/proc/${node}/cmdline`, 'utf8').split('\0')).toContain('--max-semi-space-size=4');
    started.kill('SIGTERM');
    expect(await exitOf(started)).toBe(0);
    await until(() => !isAlive(node as number), 'node to exit', 15_000);
    const out = started.out.join('');
    expect(out).toContain('"signal":"SIGTERM","msg":"shutting down"');
    expect(out).toContain('"msg":"stopped"');
    expect(out).not.toMatch(/tsc|error TS/);
    expect(emulator.connectedShards()).toEqual([]);
  });

  it('if npm itself is killed outright, the bot notices it is orphaned and stops cleanly', async () => {
    const env = await begin();
    const started = npm(['start'], env, ROOT);
    await ready(started);
    const [node] = childPids(started.pid as number);
    started.kill('SIGKILL');
    await until(() => !isAlive(node as number), 'the orphaned bot to stop', 15_000);
    // node wrote into the same pipe as npm, so its last words are still read.
    await until(() => started.out.join('').includes('"msg":"stopped"'), 'its last log line', 5_000);
    expect(emulator.connectedShards()).toEqual([]);
  });

  it('a closed stdout does not stop the shutdown: SIGTERM still exits 0', async () => {
    const env = await begin();
    const node = spawnCommand(
      process.execPath,
      ['--max-semi-space-size=4', join(ROOT, 'dist', 'src', 'run-main.js')],
      env,
      dir,
    );
    children.push(node);
    await ready(node);
    // The reader goes away: every later log line is a write to a broken pipe.
    node.stdout?.destroy();
    node.stderr?.destroy();
    node.kill('SIGTERM');
    expect(await exitOf(node)).toBe(0);
  });

  it('a production install (compiled output and npm ci --omit=dev) starts and stops the same way', async () => {
    const env = await begin();
    const app = join(dir, 'app');
    mkdirSync(join(app, 'node_modules'), { recursive: true });
    for (const entry of ['package.json', 'package-lock.json', 'dist', 'data']) {
      cpSync(join(ROOT, entry), join(app, entry), { recursive: true });
    }
    // The production dependencies only, as npm ci --omit=dev lays them out at the top level.
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    for (const [path, info] of Object.entries(lock.packages)) {
      if (!path.startsWith('node_modules/') || path.lastIndexOf('node_modules/') !== 0 || info.dev) continue;
      const target = join(app, path);
      mkdirSync(join(target, '..'), { recursive: true });
      symlinkSync(join(ROOT, path), target);
    }
    expect(existsSync(join(app, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', 'tsx'))).toBe(false);
    const sync = npm(['run', 'commands:sync'], env, app);
    expect(await exitOf(sync)).toBe(0);
    expect(sync.out.join('')).toContain(`Registered ${commands.length} commands`);
    const started = npm(['start'], env, app);
    await ready(started);
    started.kill('SIGTERM');
    expect(await exitOf(started)).toBe(0);
    expect(started.err.join('')).toBe('');
  });
});
