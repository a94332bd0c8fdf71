import { once } from 'node:events';
import { Events } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loginClient, sampleGuild } from './client-harness.js';
import { type Emulator, startEmulator } from './emulator.js';
import type { AnyJson } from './types.js';

/** The gateway's answers to what discord.js never sends on a good day, spoken over a raw socket. */

const GUILD = '1100000000000000000';
let emulator: Emulator | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await emulator?.close();
  emulator = undefined;
});

async function connect(em: Emulator, query = '?v=10&encoding=json') {
  const ws = new WebSocket(`${em.gatewayUrl}${query}`);
  sockets.push(ws);
  const frames: AnyJson[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
  const closed = once(ws, 'close').then(([code]) => code as number);
  await once(ws, 'open');
  return { ws, frames, closed, send: (p: unknown) => ws.send(JSON.stringify(p)) };
}

const identify = (token: string, intents = 1, shard = [0, 1]) => ({
  op: 2,
  d: { token, intents, shard, properties: { os: 'linux', browser: 'test', device: 'test' } },
});

describe('gateway protocol', () => {
  it('reports two IDENTIFYs in one max_concurrency bucket within 5 s, and none across buckets', async () => {
    emulator = await startEmulator({ shardCount: 4, maxConcurrency: 2 });
    for (const shard of [0, 1, 2]) {
      const { frames, send } = await connect(emulator);
      send(identify(emulator.token, 1, [shard, 4]));
      await emulator.waitFor(() => frames.some((f) => f.t === 'READY'));
    }
    expect(emulator.identifies).toHaveLength(3);
    expect(emulator.identifyRateViolations).toEqual([
      { bucket: 0, shard: [2, 4], gapMs: expect.any(Number) },
    ]);
  });

  it('says HELLO, READY with the shard, then one GUILD_CREATE per guild, with rising sequence numbers', async () => {
    emulator = await startEmulator({ guilds: [sampleGuild(GUILD)] });
    const { frames, send } = await connect(emulator);
    send(identify(emulator.token));
    await emulator.waitFor(() => frames.length >= 3);
    expect(frames[0]).toMatchObject({ op: 10, d: { heartbeat_interval: 300 } });
    expect(frames[1]).toMatchObject({
      op: 0,
      t: 'READY',
      s: 1,
      d: {
        v: 10,
        shard: [0, 1],
        guilds: [{ id: GUILD, unavailable: true }],
        resume_gateway_url: emulator.gatewayUrl,
      },
    });
    expect(frames[2]).toMatchObject({
      t: 'GUILD_CREATE',
      s: 2,
      d: { id: GUILD, unavailable: false, member_count: 1 },
    });
    expect(frames[2].d.members[0].user.id).toBe(emulator.botUserId);
  });

  it('closes with Discord codes for a bad token, privileged intents, a bad shard and a wrong version', async () => {
    emulator = await startEmulator();
    const bad = await connect(emulator);
    bad.send(identify('nope'));
    expect(await bad.closed).toBe(4004);

    const privileged = await connect(emulator);
    privileged.send(identify(emulator.token, 1 | (1 << 15)));
    expect(await privileged.closed).toBe(4014);

    const shard = await connect(emulator);
    shard.send(identify(emulator.token, 1, [2, 2]));
    expect(await shard.closed).toBe(4010);

    const version = await connect(emulator, '?v=9&encoding=json');
    expect(await version.closed).toBe(4012);
  });

  it('answers a RESUME of an unknown session with op 9 (invalid, not resumable)', async () => {
    emulator = await startEmulator();
    const raw = await connect(emulator);
    raw.send({ op: 6, d: { token: emulator.token, session_id: 'gone', seq: 3 } });
    await emulator.waitFor(() => raw.frames.find((f) => f.op === 9));
    expect(raw.frames.find((f) => f.op === 9)?.d).toBe(false);
  });

  it('refuses to resume (op 9) when the missed events no longer fit the replay buffer', async () => {
    const guilds = Array.from({ length: 1_005 }, (_, i) =>
      sampleGuild((BigInt(GUILD) + BigInt(i)).toString()),
    );
    emulator = await startEmulator({ guilds });
    const first = await connect(emulator);
    first.send(identify(emulator.token));
    await emulator.waitFor(() => first.frames.length >= 1_007);
    const sessionId = first.frames[1].d.session_id as string;
    first.ws.terminate();
    // Resuming from READY would need 1,005 GUILD_CREATEs replayed: more than the buffer keeps.
    const late = await connect(emulator);
    late.send({ op: 6, d: { token: emulator.token, session_id: sessionId, seq: 1 } });
    await emulator.waitFor(() => late.frames.find((f) => f.op === 9));
    expect(late.frames.find((f) => f.op === 9)?.d).toBe(false);
    expect(late.frames.some((f) => f.t === 'GUILD_CREATE')).toBe(false);
  });

  it('asks the client to reconnect with op 7 and lets it resume', async () => {
    emulator = await startEmulator({ guilds: [sampleGuild(GUILD)] });
    const client = await loginClient(emulator);
    try {
      const resumed = once(client, Events.ShardResume);
      emulator.requestReconnect();
      await resumed;
      expect(emulator.resumes).toBe(1);
      expect(emulator.identifies).toHaveLength(1);
    } finally {
      await client.destroy();
    }
  });
});
