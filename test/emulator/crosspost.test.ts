import { DiscordAPIError, RateLimitError, REST, Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleGuild } from './client-harness.js';
import { CROSSPOSTED, PUBLISHES_PER_HOUR } from './crosspost.js';
import { type Emulator, startEmulator } from './emulator.js';

const GUILD = '1100000000000000000';
const TEXT = '1100000000000001001';
const NEWS = '1100000000000001002';
const VIEW_SEND = (1024n | 2048n).toString();
const MEMBER = { id: '1100000000000003001', username: 'moderator' };
const MINUTE = 60_000;

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function setup(clock: { ms: number }, everyone = VIEW_SEND, overwrites: unknown[] = []) {
  const base = sampleGuild(GUILD);
  emulator = await startEmulator({
    now: () => clock.ms,
    guilds: [
      {
        ...base,
        channels: base.channels.map((c) =>
          c.id === NEWS ? { ...c, permission_overwrites: overwrites as never } : c,
        ),
        roles: base.roles.map((r) => (r.id === GUILD ? { ...r, permissions: everyone } : r)),
      },
    ],
  });
  // A publish limit is an answer for this client, as the bot configures its own.
  const rest = new REST({ api: emulator.apiUrl, retries: 0, rejectOnRateLimit: ['/channels'] }).setToken(
    emulator.token,
  );
  const post = async (channelId: string) =>
    (
      (await rest.post(Routes.channelMessages(channelId), {
        body: { content: 'notice', allowed_mentions: { parse: [] } },
      })) as { id: string }
    ).id;
  const publish = (channelId: string, messageId: string) =>
    rest.post(Routes.channelMessageCrosspost(channelId, messageId)) as Promise<{ id: string; flags: number }>;
  return { em: emulator, post, publish };
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof DiscordAPIError ? `${e.status}/${e.code}` : String(e)),
  );

describe('POST /channels/{id}/messages/{id}/crosspost, as Discord publishes', () => {
  it('publishes the bot’s own message with Send Messages alone, once, with the CROSSPOSTED flag', async () => {
    const clock = { ms: Date.parse('2027-02-26T05:00:00Z') };
    const { em, post, publish } = await setup(clock);
    const id = await post(NEWS);
    const published = await publish(NEWS, id);
    expect(published.id).toBe(id);
    expect(published.flags & CROSSPOSTED).toBe(CROSSPOSTED);
    expect((em.messages(NEWS)[0]?.flags ?? 0) & CROSSPOSTED).toBe(CROSSPOSTED);
    expect(await codeOf(publish(NEWS, id))).toBe('400/40033');
    expect(em.violations).toEqual([]);
  });

  it('refuses as Discord does: not an announcement channel, unknown message, hidden channel', async () => {
    const clock = { ms: Date.parse('2027-02-26T05:00:00Z') };
    const { post, publish } = await setup(clock);
    expect(await codeOf(publish(TEXT, await post(TEXT)))).toBe('400/50024');
    expect(await codeOf(publish(NEWS, '1100000000000009999'))).toBe('404/10008');
    expect(await codeOf(publish('1100000000000008888', '1100000000000009999'))).toBe('404/10003');
  });

  it('needs Manage Messages for another author’s message, and View Channel for any', async () => {
    const clock = { ms: Date.parse('2027-02-26T05:00:00Z') };
    const { em, publish } = await setup(clock);
    const theirs = em.postAs(MEMBER, NEWS, { content: 'member news' });
    expect(await codeOf(publish(NEWS, theirs.id))).toBe('403/50013');
    await emulator?.close();
    const hidden = [{ id: GUILD, type: 0, allow: '0', deny: '1024' }];
    const again = await setup(clock, VIEW_SEND, hidden);
    const mine = again.em.postAs({ id: again.em.botUserId, username: 'bot', bot: true }, NEWS, {
      content: 'x',
    });
    expect(await codeOf(again.publish(NEWS, mine.id))).toBe('403/50001');
    await emulator?.close();
    const mod = await setup(clock, (1024n | 2048n | 8192n).toString());
    const other = mod.em.postAs(MEMBER, NEWS, { content: 'member news' });
    expect(await codeOf(mod.publish(NEWS, other.id))).toBe('ok');
  });

  it('publishes 10 messages a channel an hour; the 11th is a 429 with a retry_after of many minutes', async () => {
    const clock = { ms: Date.parse('2027-02-26T05:00:00Z') };
    const { em, post, publish } = await setup(clock);
    // Others' publishes count: the channel's moderators published 9 in the last 50 minutes.
    for (let i = 0; i < PUBLISHES_PER_HOUR - 1; i++)
      em.publishes.note(NEWS, clock.ms - 50 * MINUTE + i * MINUTE);
    await publish(NEWS, await post(NEWS));
    const eleventh = await post(NEWS);
    const refused = await publish(NEWS, eleventh).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitError);
    // The oldest publish of the hour was 50 minutes ago: 10 minutes to wait.
    expect((refused as RateLimitError).retryAfter).toBeGreaterThanOrEqual(10 * MINUTE);
    expect((refused as RateLimitError).retryAfter).toBeLessThan(10 * MINUTE + 2_000);
    clock.ms += 10 * MINUTE + 1_000;
    expect(await codeOf(publish(NEWS, eleventh))).toBe('ok');
  });
});
