import {
  type Client,
  DiscordAPIError,
  PermissionFlagsBits,
  REST,
  Routes,
  type TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loginClient, sampleGuild } from './client-harness.js';
import { type Emulator, startEmulator } from './emulator.js';

const GUILD = '1100000000000000000';
const TEXT = '1100000000000001001';
const VOICE = '1100000000000001003';
const NO_MENTIONS = { parse: [] };

let emulator: Emulator | undefined;
let client: Client<true> | undefined;

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await emulator?.close();
  emulator = undefined;
});

async function setup(options: Parameters<typeof startEmulator>[0] = {}) {
  emulator = await startEmulator({ guilds: [sampleGuild(GUILD)], ...options });
  client = await loginClient(emulator);
  const channel = client.channels.cache.get(TEXT) as TextChannel;
  return { em: emulator, channel };
}

function rest(em: Emulator, token = em.token) {
  return new REST({ api: em.apiUrl, retries: 1 }).setToken(token);
}

describe('REST', () => {
  it('records a sent message', async () => {
    const { em, channel } = await setup();
    const sent = await channel.send({ content: 'hello', allowedMentions: NO_MENTIONS });

    const [stored] = em.messages(TEXT);
    expect(stored).toMatchObject({
      id: sent.id,
      content: 'hello',
      allowed_mentions: NO_MENTIONS,
      guild_id: GUILD,
    });
    expect(sent.id).toMatch(/^\d{17,19}$/);
    const request = em.requests.find((r) => r.route === 'POST /channels/:id/messages');
    expect(request).toMatchObject({ method: 'POST', path: `/channels/${TEXT}/messages`, status: 200 });
    expect(request?.headers.authorization).toBe(`Bot ${em.token}`);
    expect(em.violations).toEqual([]);
  });

  it('returns the same message for a repeated enforced nonce', async () => {
    const { em, channel } = await setup();
    const a = await channel.send({
      content: 'once',
      nonce: 'n-1',
      enforceNonce: true,
      allowedMentions: NO_MENTIONS,
    });
    const b = await channel.send({
      content: 'once',
      nonce: 'n-1',
      enforceNonce: true,
      allowedMentions: NO_MENTIONS,
    });
    expect(b.id).toBe(a.id);
    expect(em.messages(TEXT)).toHaveLength(1);
  });

  it('reads the JSON part of a multipart message with a file', async () => {
    const { em, channel } = await setup();
    await channel.send({
      content: 'with file',
      files: [{ attachment: Buffer.from('a,b\n'), name: 'figures.csv' }],
      allowedMentions: NO_MENTIONS,
    });
    expect(em.messages(TEXT)[0]).toMatchObject({ content: 'with file' });
    expect(em.violations).toEqual([]);
  });

  it('delivers one message after a 429 that discord.js waits out', async () => {
    const { em, channel } = await setup();
    em.fail({ route: 'POST /channels/:id/messages' }, { status: 429, retryAfter: 0.05 });
    await channel.send({ content: 'patient', allowedMentions: NO_MENTIONS });

    expect(em.messages(TEXT)).toHaveLength(1);
    expect(em.requests.filter((r) => r.route === 'POST /channels/:id/messages').map((r) => r.status)).toEqual(
      [429, 200],
    );
    expect(em.invalidRequests).toBe(1);
  });

  it('retries a 500 and a reset connection', async () => {
    const { em, channel } = await setup();
    em.fail({ method: 'POST', channelId: TEXT }, { status: 500 });
    em.fail({ method: 'POST', channelId: TEXT }, { status: 'drop' });
    await channel.send({ content: 'eventually', allowedMentions: NO_MENTIONS });

    expect(em.messages(TEXT)).toHaveLength(1);
    expect(em.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([500, 0, 200]);
    expect(em.pendingFaults).toBe(0);
  });

  it('answers 403/50013 when the bot may not send, and 50001 when it may not view', async () => {
    const { em, channel } = await setup();
    em.setChannelOverwrites(GUILD, TEXT, [
      { id: GUILD, type: 0, allow: '0', deny: PermissionFlagsBits.SendMessages.toString() },
    ]);
    const denied = await channel
      .send({ content: 'no', allowedMentions: NO_MENTIONS })
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(DiscordAPIError);
    expect(denied).toMatchObject({ code: 50013, status: 403 });

    em.setChannelOverwrites(GUILD, TEXT, [
      { id: GUILD, type: 0, allow: '0', deny: PermissionFlagsBits.ViewChannel.toString() },
    ]);
    await expect(channel.send({ content: 'no', allowedMentions: NO_MENTIONS })).rejects.toMatchObject({
      code: 50001,
      status: 403,
    });
    expect(em.messages()).toEqual([]);
  });

  it('needs EMBED_LINKS for embeds and a text channel', async () => {
    const { em, channel } = await setup();
    em.setRolePermissions(
      GUILD,
      GUILD,
      (PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages).toString(),
    );
    await expect(
      channel.send({ embeds: [{ title: 'x' }], allowedMentions: NO_MENTIONS }),
    ).rejects.toMatchObject({
      code: 50013,
    });
    await expect(
      rest(em).post(Routes.channelMessages(VOICE), { body: { content: 'x' } }),
    ).rejects.toMatchObject({
      code: 10003,
      status: 404,
    });
  });

  it('rejects an oversized embed with 50035 and records the violation', async () => {
    const { em, channel } = await setup();
    const error = await channel
      .send({ embeds: [{ title: 't'.repeat(257) }], allowedMentions: NO_MENTIONS })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 50035, status: 400 });
    expect((error as DiscordAPIError).rawError).toMatchObject({
      errors: {
        embeds: { 0: { title: { _errors: [expect.objectContaining({ code: 'BASE_TYPE_MAX_LENGTH' })] } } },
      },
    });
    expect(em.violations).toEqual([
      expect.objectContaining({
        route: 'POST /channels/:id/messages',
        message: expect.stringContaining('title'),
      }),
    ]);

    const big = { description: 'd'.repeat(4000) };
    await expect(channel.send({ embeds: [big, big], allowedMentions: NO_MENTIONS })).rejects.toMatchObject({
      code: 50035,
    });
    await expect(channel.send({ content: '   ', allowedMentions: NO_MENTIONS })).rejects.toMatchObject({
      code: 50006,
    });
    await expect(
      channel.send({ content: 'x', allowedMentions: { parse: ['users'], users: ['1100000000000009999'] } }),
    ).rejects.toMatchObject({ code: 50035 });
    expect(em.violations).toHaveLength(4);
  });

  it('answers 401 to a wrong token and 404 to an unknown route', async () => {
    const { em } = await setup();
    await expect(rest(em, 'nope').get(Routes.user('@me'))).rejects.toMatchObject({ status: 401, code: 0 });
    await expect(rest(em).get('/nowhere/at/all')).rejects.toMatchObject({ status: 404, code: 0 });
    expect(await rest(em).get(Routes.guildMember(GUILD, em.botUserId))).toMatchObject({
      user: { id: em.botUserId },
    });
    expect(await rest(em).get(Routes.channel(TEXT))).toMatchObject({ id: TEXT, guild_id: GUILD, type: 0 });
  });

  it('sends rate-limit headers, and a global 429 when the global limit is exceeded', async () => {
    const { em } = await setup({ globalRateLimit: 5 });
    const api = rest(em);
    const results = await Promise.all(Array.from({ length: 8 }, () => api.get(Routes.guildRoles(GUILD))));
    expect(results).toHaveLength(8);
    expect(em.globalRateLimitHits).toBeGreaterThan(0);
    expect(em.violations.some((v) => v.message.includes('global rate limit'))).toBe(true);

    const res = await fetch(`${em.apiUrl}/v10/guilds/${GUILD}`, {
      headers: { Authorization: `Bot ${em.token}` },
    });
    for (const h of ['limit', 'remaining', 'reset', 'reset-after', 'bucket']) {
      expect(res.headers.get(`x-ratelimit-${h}`)).not.toBeNull();
    }
  });

  it('keeps command ids across identical bulk overwrites and rejects invalid names', async () => {
    const { em } = await setup();
    const api = rest(em);
    const body = [{ name: 'ping', description: 'Replies', type: 1, default_member_permissions: '8' }];
    const first = (await api.put(Routes.applicationCommands(em.applicationId), { body })) as Array<{
      id: string;
      version: string;
    }>;
    const second = (await api.put(Routes.applicationCommands(em.applicationId), { body })) as typeof first;
    expect(second[0]?.id).toBe(first[0]?.id);
    expect(second[0]?.version).toBe(first[0]?.version);
    expect(em.commands()).toHaveLength(1);

    await expect(
      api.put(Routes.applicationGuildCommands(em.applicationId, GUILD), {
        body: [{ name: 'Ping', description: 'x' }],
      }),
    ).rejects.toMatchObject({ code: 50035 });
    expect(em.commands(GUILD)).toEqual([]);
  });
});
