import type { Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { findOwnNotice, READBACK_MAX_PAGES, snowflakeAt } from '../../src/discord/read-back.js';
import { SendPacer } from '../../src/discord/send-pacer.js';
import { loginClient, sampleGuild } from '../emulator/client-harness.js';
import { type Emulator, startEmulator } from '../emulator/emulator.js';

const GUILD = '1100000000000000000';
const TEXT = '1100000000000001001';
const MARKER = 'Nabcdefghijkl';
const WITH_HISTORY = (1024n | 2048n | 16384n | 65536n).toString();
const T0 = Date.parse('2027-02-26T05:00:00Z');

let emulator: Emulator | undefined;
let client: Client<true> | undefined;
afterEach(async () => {
  await client?.destroy();
  await emulator?.close();
  client = undefined;
  emulator = undefined;
});

async function setup(clock: { ms: number }, permissions = WITH_HISTORY) {
  const base = sampleGuild(GUILD);
  emulator = await startEmulator({
    now: () => clock.ms,
    guilds: [{ ...base, roles: base.roles.map((r) => (r.id === GUILD ? { ...r, permissions } : r)) }],
  });
  client = await loginClient(emulator);
  const em = emulator;
  const c = client;
  const notice = (footer: string) => ({ embeds: [{ title: 'Khojaly', footer: { text: footer } }] });
  const find = () => findOwnNotice(c, new SendPacer(), { channelId: TEXT, marker: MARKER, since: T0 });
  const byBot = (footer: string) =>
    em.postAs({ id: em.botUserId, username: 'Emulated Bot', bot: true }, TEXT, notice(footer));
  const byMember = (footer: string) =>
    em.postAs({ id: '1100000000000009001', username: 'someone' }, TEXT, notice(footer));
  return { em, find, byBot, byMember };
}

describe('reading a channel back for the bot’s own notice', () => {
  it('snowflakeAt is the smallest id of that millisecond', () => {
    expect(snowflakeAt(1_420_070_400_000 + 1)).toBe((1n << 22n).toString());
    expect(snowflakeAt(0)).toBe('0');
  });

  it('finds only a message the bot authored with the marker at the end of its footer', async () => {
    const clock = { ms: T0 - 60_000 };
    const { find, byBot, byMember } = await setup(clock);
    byBot(`Remembrance day · ${MARKER}`); // before `since`: not looked at
    clock.ms = T0 + 1_000;
    byMember(`Remembrance day · ${MARKER}`);
    byBot(`${MARKER} is not at the end`);
    expect(await find()).toEqual({ kind: 'absent' });
    clock.ms += 1_000;
    const mine = byBot(`Remembrance day · ${MARKER}`);
    expect(await find()).toEqual({ kind: 'found', messageId: mine.id });
  });

  it('pages forward from the first attempt, and counts more than the bounded pages as unreadable', async () => {
    const clock = { ms: T0 + 1_000 };
    const { em, find, byMember, byBot } = await setup(clock);
    for (let i = 0; i < 250; i++) byMember(`chatter ${i}`);
    const mine = byBot(`Remembrance day · ${MARKER}`);
    expect(await find()).toEqual({ kind: 'found', messageId: mine.id });
    const reads = em.requests.filter((r) => r.route === 'GET /channels/:id/messages');
    expect(reads.map((r) => r.query.limit)).toEqual(['100', '100', '100']);
    for (let i = 0; i < READBACK_MAX_PAGES * 100; i++) byMember(`more ${i}`);
    expect(
      (
        await findOwnNotice(client as Client<true>, new SendPacer(), {
          channelId: TEXT,
          marker: 'Nother',
          since: T0,
        })
      ).kind,
    ).toBe('unreadable');
  });

  it('without Read Message History the read-back is unreadable with Discord’s code', async () => {
    const { find } = await setup({ ms: T0 }, (1024n | 2048n | 16384n).toString());
    expect(await find()).toEqual({ kind: 'unreadable', detail: '50001: Missing Access' });
  });
});
