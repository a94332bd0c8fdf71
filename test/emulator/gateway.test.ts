import { once } from 'node:events';
import { type Client, Events, GatewayIntentBits, PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loginClient, sampleGuild } from './client-harness.js';
import { type Emulator, startEmulator } from './emulator.js';
import { shardOf } from './snowflake.js';

const GUILD = '1100000000000000000';
const OTHER_SHARD_GUILD = (BigInt(GUILD) + (1n << 22n)).toString();
const TEXT = '1100000000000001001';

let emulator: Emulator | undefined;
let clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.map((c) => c.destroy()));
  clients = [];
  await emulator?.close();
  emulator = undefined;
});

async function start(options: Parameters<typeof startEmulator>[0] = {}) {
  emulator = await startEmulator({ guilds: [sampleGuild(GUILD)], ...options });
  return emulator;
}

async function login(em: Emulator, options: Parameters<typeof loginClient>[1] = {}) {
  const client = await loginClient(em, options);
  clients.push(client);
  return client;
}

describe('gateway', () => {
  it('logs the real client in and caches guilds with their channels, roles and the bot member', async () => {
    const em = await start();
    const client = await login(em);

    expect(client.user.id).toBe(em.botUserId);
    expect(client.application?.id).toBe(em.applicationId);
    const guild = client.guilds.cache.get(GUILD);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(TEXT)?.name).toBe('general');
    expect(guild?.roles.everyone.id).toBe(GUILD);
    expect(guild?.roles.cache.size).toBe(2);
    expect(guild?.members.me?.permissionsIn(TEXT).has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(em.identifies).toEqual([
      { shard: [0, 1], intents: GatewayIntentBits.Guilds, time: expect.any(Number) },
    ]);
    expect(em.requests.map((r) => r.route)).toEqual(['GET /gateway/bot']);
  });

  it('acknowledges heartbeats', async () => {
    const em = await start({ heartbeatIntervalMs: 100 });
    const client = await login(em);
    await em.waitFor(() => em.heartbeats >= 2);
    await em.waitFor(() => client.ws.ping >= 0);
  });

  it('resumes after the connection drops and replays what was missed', async () => {
    const em = await start();
    const client = await login(em);
    const resumed = once(client, Events.ShardResume);

    em.dropConnections();
    // Sent while no socket is open: must arrive through the RESUME replay.
    em.addGuild(sampleGuild(OTHER_SHARD_GUILD));
    await resumed;

    expect(em.resumes).toBe(1);
    expect(em.identifies).toHaveLength(1);
    expect(em.connectedShards()).toEqual([0]);
    await em.waitFor(() => client.guilds.cache.get(OTHER_SHARD_GUILD));
  });

  it('resumes after a heartbeat goes unanswered', async () => {
    const em = await start({ heartbeatIntervalMs: 100 });
    const client = await login(em);
    em.setHeartbeatAck(false);
    const resumed = once(client, Events.ShardResume);
    await resumed;
    expect(em.resumes).toBe(1);
  });

  it('splits guilds between two shards', async () => {
    const em = await start({ shardCount: 2, guilds: [sampleGuild(GUILD), sampleGuild(OTHER_SHARD_GUILD)] });
    const client = await login(em, { shards: 'auto' });

    expect(em.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(em.connectedShards()).toEqual([0, 1]);
    expect(client.guilds.cache.get(GUILD)?.shardId).toBe(shardOf(GUILD, 2));
    expect(client.guilds.cache.get(OTHER_SHARD_GUILD)?.shardId).toBe(shardOf(OTHER_SHARD_GUILD, 2));
    expect(shardOf(GUILD, 2)).not.toBe(shardOf(OTHER_SHARD_GUILD, 2));
  });

  it('serves two processes that each hold one shard', async () => {
    const em = await start({ shardCount: 2, guilds: [sampleGuild(GUILD), sampleGuild(OTHER_SHARD_GUILD)] });
    const [a, b] = await Promise.all([
      login(em, { shards: [0], shardCount: 2 }),
      login(em, { shards: [1], shardCount: 2 }),
    ]);
    const onA = [...a.guilds.cache.keys()];
    const onB = [...b.guilds.cache.keys()];
    expect([...onA, ...onB].sort()).toEqual([GUILD, OTHER_SHARD_GUILD].sort());
    expect(onA).toHaveLength(1);
  });

  it('keeps the client cache in step with guild changes', async () => {
    const em = await start();
    const client = await login(em);
    const guild = client.guilds.cache.get(GUILD);

    em.setChannelOverwrites(GUILD, TEXT, [
      { id: GUILD, type: 0, allow: '0', deny: PermissionFlagsBits.SendMessages.toString() },
    ]);
    await em.waitFor(() => !guild?.members.me?.permissionsIn(TEXT).has(PermissionFlagsBits.SendMessages));
    expect(em.botPermissions(GUILD, TEXT)).toBe(guild?.members.me?.permissionsIn(TEXT).bitfield.toString());

    em.setBotPermissions(GUILD, PermissionFlagsBits.Administrator.toString());
    await em.waitFor(() => guild?.members.me?.permissions.has(PermissionFlagsBits.Administrator));

    const deleted = once(client, Events.ChannelDelete);
    em.deleteChannel(GUILD, TEXT);
    await deleted;
    expect(guild?.channels.cache.has(TEXT)).toBe(false);

    const left = once(client, Events.GuildDelete);
    em.removeGuild(GUILD);
    await left;
    expect(client.guilds.cache.has(GUILD)).toBe(false);
  });

  it('answers member requests over the gateway', async () => {
    const guild = { ...sampleGuild(GUILD), members: [{ id: '1100000000000003001', username: 'ann' }] };
    const em = await start({ guilds: [guild] });
    const client = await login(em);
    const found = await client.guilds.cache.get(GUILD)?.members.fetch({ query: 'an', limit: 5 });
    expect([...(found?.keys() ?? [])]).toEqual(['1100000000000003001']);
  });

  it('refuses a wrong token', async () => {
    const em = await start();
    const client = new (await import('discord.js')).Client({ intents: [], rest: { api: em.apiUrl } });
    clients.push(client);
    await expect(client.login('wrong')).rejects.toMatchObject({ code: 'TokenInvalid' });
  });
});
