import { DiscordAPIError, REST, Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleGuild } from './client-harness.js';
import { type Emulator, startEmulator } from './emulator.js';

const GUILD = '1100000000000000000';
const TEXT = '1100000000000001001';
const VIEW_SEND_EMBED_HISTORY = (1024n | 2048n | 16384n | 65536n).toString();

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function setup(clock: { ms: number }) {
  const base = sampleGuild(GUILD);
  emulator = await startEmulator({
    now: () => clock.ms,
    guilds: [
      {
        ...base,
        roles: base.roles.map((r) => (r.id === GUILD ? { ...r, permissions: VIEW_SEND_EMBED_HISTORY } : r)),
      },
    ],
  });
  const rest = new REST({ api: emulator.apiUrl, retries: 0 }).setToken(emulator.token);
  const post = (content: string, nonce?: string) =>
    rest.post(Routes.channelMessages(TEXT), {
      body: { content, allowed_mentions: { parse: [] }, ...(nonce ? { nonce, enforce_nonce: true } : {}) },
    }) as Promise<{ id: string; nonce?: string }>;
  const list = (query: Record<string, string>) =>
    rest.get(Routes.channelMessages(TEXT), { query: new URLSearchParams(query) }) as Promise<
      Array<{ id: string; content: string; nonce?: string }>
    >;
  return { em: emulator, rest, post, list };
}

describe('GET /channels/{id}/messages, as Discord lists messages', () => {
  it('lists newest first with before/after/around and limit (default 50), without nonces', async () => {
    const clock = { ms: Date.parse('2027-02-26T05:00:00Z') };
    const { post, list } = await setup(clock);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      clock.ms += 1_000;
      ids.push((await post(`m${i}`, `nonce-${i}`)).id);
    }
    const newest = await list({});
    expect(newest).toHaveLength(50);
    expect(newest[0]?.content).toBe('m59');
    expect(newest.every((m) => !('nonce' in m))).toBe(true);
    expect((await list({ limit: '3', before: ids[10] as string })).map((m) => m.content)).toEqual([
      'm9',
      'm8',
      'm7',
    ]);
    // `after` gives the messages right after the anchor (the oldest ones), newest first.
    expect((await list({ limit: '3', after: ids[10] as string })).map((m) => m.content)).toEqual([
      'm13',
      'm12',
      'm11',
    ]);
    expect((await list({ limit: '3', around: ids[10] as string })).map((m) => m.content)).toEqual([
      'm11',
      'm10',
      'm9',
    ]);
  });

  it('refuses a limit outside 1–100 with 50035, and needs Read Message History (403/50001)', async () => {
    const clock = { ms: Date.parse('2027-02-26T05:00:00Z') };
    const { em, list } = await setup(clock);
    for (const limit of ['0', '101']) {
      const error = await list({ limit }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DiscordAPIError);
      expect((error as DiscordAPIError).code).toBe(50035);
    }
    em.setRolePermissions(GUILD, GUILD, (1024n | 2048n | 16384n).toString());
    const error = await list({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).status).toBe(403);
    expect((error as DiscordAPIError).code).toBe(50001);
  });

  it('forgets an enforced nonce once its window has passed on the emulator’s clock', async () => {
    const clock = { ms: Date.parse('2027-02-26T05:00:00Z') };
    const { em, post } = await setup(clock);
    const first = await post('once', 'n-1');
    clock.ms += 4 * 60_000;
    expect((await post('once', 'n-1')).id).toBe(first.id);
    clock.ms += 3 * 60 * 60_000;
    expect((await post('once', 'n-1')).id).not.toBe(first.id);
    expect(em.messages(TEXT)).toHaveLength(2);
  });
});
