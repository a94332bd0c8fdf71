import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/emulator.js';
import type { Emulator } from '../emulator/types.js';
import { GUILD_ID, TEXT_CHANNEL, testGuild } from './harness.js';
import { dueToday, exitOf, freePort, ROOT, type Spawned, spawnCommand, until } from './process-support.js';

async function get(port: number, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: await response.text() };
}

/** Asks until the answer has `status` (30 s at most), and returns the last answer. */
async function poll(port: number, path: string, status: number): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const answer = await get(port, path);
    if (answer.status === status || Date.now() > deadline) return answer;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('HTTP_PORT: health, readiness and metrics of the running bot', { timeout: 120_000 }, () => {
  let emulator: Emulator | undefined;
  let dir: string | undefined;
  let bot: Spawned | undefined;
  afterEach(async () => {
    if (bot && bot.exitCode === null) bot.kill('SIGKILL');
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('/healthz 200, /readyz follows the gateway, /metrics counts the notice and a command', async () => {
    emulator = await startEmulator({ guilds: [testGuild()] });
    dir = mkdtempSync(join(tmpdir(), 'remembrance-http-'));
    const { datasetFile, databaseUrl } = await dueToday(dir, [{ id: GUILD_ID, channelId: TEXT_CHANNEL }]);
    const port = await freePort();
    const started = spawnCommand(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), join(ROOT, 'src', 'run-main.ts')],
      {
        DISCORD_TOKEN: emulator.token,
        DISCORD_API_URL: emulator.apiUrl,
        SHARD_COUNT: '1',
        DATABASE_URL: databaseUrl,
        DATASET_FILE: datasetFile,
        HTTP_PORT: String(port),
      },
      dir,
    );
    bot = started;
    const log = () => started.out.join('');
    await until(() => log().includes('"msg":"tick finished"'), 'the start-up tick');
    expect(emulator.messages(TEXT_CHANNEL)).toHaveLength(1);

    expect(await get(port, '/healthz')).toEqual({ status: 200, body: 'ok\n' });
    expect(await get(port, '/readyz')).toEqual({ status: 200, body: 'ready\n' });
    const handle = await emulator.interact({
      type: 'command',
      name: 'khojaly',
      guildId: GUILD_ID,
      channelId: TEXT_CHANNEL,
    });
    await handle.final();

    const metrics = (await get(port, '/metrics')).body;
    expect(metrics).toContain('remembrance_notices_total{outcome="sent",reason=""} 1');
    expect(metrics).toMatch(/^remembrance_notice_delay_seconds_count 1$/m);
    expect(metrics).toMatch(
      /^remembrance_interactions_total\{command="khojaly",kind="command",outcome="[a-z-]+"\} 1$/m,
    );
    expect(metrics).toMatch(
      /^remembrance_interaction_duration_seconds_count\{command="khojaly",kind="command"\} 1$/m,
    );
    expect(metrics).toContain('remembrance_servers_configured 1');
    expect(metrics).toContain('remembrance_gateway_status{shard="0",status="Ready"} 1');
    expect(metrics).toMatch(/^process_cpu_user_seconds_total /m);
    // Bounded labels: no server, channel or user id anywhere.
    expect(metrics).not.toMatch(/="\d{17,20}"/);

    // The gateway goes away and stays away: not ready, with the reason; back once the shard has resumed.
    const release = emulator.holdGateway();
    emulator.dropConnections();
    const down = await poll(port, '/readyz', 503);
    expect(down.status).toBe(503);
    expect(down.body).toMatch(/^not ready: gateway shard not ready: 0 \w+\n$/);
    expect((await get(port, '/healthz')).status).toBe(200);
    release();
    expect(await poll(port, '/readyz', 200)).toEqual({ status: 200, body: 'ready\n' });
    expect(emulator.resumes).toBeGreaterThan(0);

    started.kill('SIGTERM');
    expect(await exitOf(started)).toBe(0);
  });

  it('a port that cannot be opened stops the bot at start with one line', async () => {
    dir = mkdtempSync(join(tmpdir(), 'remembrance-http-'));
    const taken = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      const started = spawnCommand(
        process.execPath,
        ['--import', import.meta.resolve('tsx'), join(ROOT, 'src', 'run-main.ts')],
        { DISCORD_TOKEN: 'x', HTTP_PORT: String(port) },
        dir,
      );
      bot = started;
      expect(await exitOf(started)).toBe(1);
      expect(started.err.join('')).toBe(
        `remembrance-bot: HTTP_PORT ${port} cannot be opened on HTTP_HOST 127.0.0.1 (EADDRINUSE): choose another port or host, or unset HTTP_PORT.\n`,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
