import { afterEach, describe, expect, it } from 'vitest';
import { snowflakeAt } from '../../src/discord/read-back.js';
import { READBACK_MARGIN_MS } from '../../src/schedule/read-back.js';
import type { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import {
  type ConfigOption,
  GUILD_ID,
  type Harness,
  MANAGE_GUILD,
  ROLE_ID,
  runConfig,
  startHarness,
  TEXT_CHANNEL,
  visibleText,
} from './harness.js';

// Khojaly 2027: 26 Feb 09:00 in Asia/Baku (UTC+4) is 05:00Z.
const KHOJALY_2027 = Date.parse('2027-02-26T05:00:00Z');
const MINUTE = 60_000;

async function configure(h: Harness, options: { role?: boolean } = {}) {
  const run = (subcommand: string, opts: ConfigOption[]) => runConfig(h, subcommand, opts);
  await run('channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
  if (options.role) await run('role', [{ name: 'role', type: 8, value: ROLE_ID }]);
}

const ledgerRow = (h: Harness) =>
  (h.bot.scheduler as unknown as { deps: { ledger: DeliveryLedger } }).deps.ledger.get({
    guildId: GUILD_ID,
    eventId: 'khojaly',
    year: 2027,
  });

const posts = (h: Harness) => h.emulator.requests.filter((r) => r.route === 'POST /channels/:id/messages');

describe('anniversary notices through the real discord.js client and the emulator', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
    expect(h.emulator.violations).toEqual([]);
  });

  it('arrives at the configured minute with the role mention and only that role allowed', async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    await configure(h, { role: true });
    h.clock.ms = KHOJALY_2027 - MINUTE;
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(0);
    h.clock.ms = KHOJALY_2027;
    await h.bot.scheduler.tick();
    const [notice] = h.emulator.messages(TEXT_CHANNEL);
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
    expect(notice?.content).toBe(`<@&${ROLE_ID}>`);
    expect(notice?.allowed_mentions).toEqual({ parse: [], roles: [ROLE_ID] });
    const text = visibleText(notice as never);
    expect(text).toContain('35th anniversary');
    expect(text).toContain('613');
    expect(text).toContain('Ministry of Foreign Affairs of the Republic of Azerbaijan');
    // Ticks later the same day, and a restart, send nothing more.
    h.clock.ms = KHOJALY_2027 + MINUTE;
    await h.bot.scheduler.tick();
    await h.bot.stop();
    await h.start();
    h.clock.ms = KHOJALY_2027 + 30 * MINUTE;
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
    expect((await h.bot.settings.get(GUILD_ID)).nextDueAt).toBe(Date.parse('2027-04-02T05:00:00Z'));
  });

  /** The process dies after Discord accepted the message and before the ledger recorded it. */
  function crashBeforeRecording() {
    const deps = (h.bot.scheduler as unknown as { deps: { ledger: DeliveryLedger } }).deps;
    deps.ledger.markSent = async () => {
      throw new Error('simulated crash before recording');
    };
  }

  it('killed mid-send and restarted three hours later, after Discord forgot the nonce: one message', async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    await configure(h);
    h.clock.ms = KHOJALY_2027;
    crashBeforeRecording();
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
    await h.bot.stop();
    await h.start();
    h.clock.ms = KHOJALY_2027 + 3 * 60 * MINUTE;
    await h.bot.scheduler.tick();
    // The restarted bot read the channel back, found its own notice by its marker, and posted nothing.
    expect(posts(h)).toHaveLength(1);
    const reads = h.emulator.requests.filter((r) => r.route === 'GET /channels/:id/messages');
    expect(reads).toHaveLength(1);
    expect(reads[0]?.query).toEqual({
      after: snowflakeAt(KHOJALY_2027 - READBACK_MARGIN_MS),
      limit: '100',
    });
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
    const [message] = h.emulator.messages(TEXT_CHANNEL);
    expect(await ledgerRow(h)).toMatchObject({ status: 'sent', messageId: message?.id });
    expect(await h.bot.settings.recentTrouble(GUILD_ID)).toEqual([]);
  });

  it('a 500 after Discord created the message is not posted again when retried past the nonce window', async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    await configure(h);
    // discord.js retries a 5xx three times; every attempt is served and then answered 500.
    h.emulator.fail(
      { method: 'POST', route: 'POST /channels/:id/messages' },
      { status: 500, afterHandling: true },
      4,
    );
    h.clock.ms = KHOJALY_2027;
    await h.bot.scheduler.tick();
    expect(await ledgerRow(h)).toMatchObject({ status: 'failed', reason: 'transient', retryable: true });
    h.clock.ms = KHOJALY_2027 + 30 * MINUTE;
    await h.bot.scheduler.tick();
    expect(posts(h)).toHaveLength(4);
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
    expect(await ledgerRow(h)).toMatchObject({ status: 'sent' });
  });

  it('without Read Message History: resends with the nonce in the first minutes, later records uncertain', async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    await configure(h);
    h.emulator.setRolePermissions(GUILD_ID, GUILD_ID, (1024n | 2048n | 16384n).toString());
    h.clock.ms = KHOJALY_2027;
    crashBeforeRecording();
    await h.bot.scheduler.tick();
    await h.bot.stop();
    // Within the nonce's minutes: the read-back is refused (403) and the resend is deduplicated by Discord.
    await h.start({ staleClaimMs: 2 * MINUTE });
    h.clock.ms = KHOJALY_2027 + 2 * MINUTE + 1_000;
    crashBeforeRecording();
    await h.bot.scheduler.tick();
    expect(posts(h)).toHaveLength(2);
    expect(posts(h)[1]?.body).toMatchObject({
      enforce_nonce: true,
      nonce: (posts(h)[0]?.body as { nonce?: string } | undefined)?.nonce,
    });
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
    await h.bot.stop();
    // Three hours later Discord forgot the nonce; the bot cannot read back, so it does not post blindly.
    await h.start();
    h.clock.ms = KHOJALY_2027 + 3 * 60 * MINUTE;
    await h.bot.scheduler.tick();
    expect(posts(h)).toHaveLength(2);
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
    expect(await ledgerRow(h)).toMatchObject({ status: 'uncertain', reason: 'history-unreadable' });
    expect(h.logs.some((l) => l.includes('"alert":true'))).toBe(true);
    const show = visibleText(await runConfig(h, 'show'));
    expect(show).toMatch(/Khojaly 2027: uncertain — .*grant the bot Read Message History there/);
    expect(show).toMatch(/The bot lacks Read Message History in the channel/);
  });

  it('a late start posts once, the same local day', async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    await configure(h);
    await h.bot.stop();
    h.clock.ms = KHOJALY_2027 + 6 * 60 * MINUTE; // 15:00 in Baku
    await h.start();
    await h.bot.scheduler.tick();
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
    expect(h.logs.some((l) => l.includes('"lateByMs":21600000'))).toBe(true);
  });

  it('a start on the next day posts nothing and /config show reports the missed post', async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    await configure(h);
    await h.bot.stop();
    h.clock.ms = Date.parse('2027-02-26T20:30:00Z'); // 00:30 on 27 Feb in Baku
    await h.start();
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(0);
    const show = await (
      await h.emulator.interact({
        type: 'command',
        name: 'config',
        subcommand: 'show',
        guildId: GUILD_ID,
        channelId: TEXT_CHANNEL,
        user: { id: '1200000000000003001' },
        memberPermissions: MANAGE_GUILD,
      })
    ).final();
    expect(visibleText(show)).toMatch(/Khojaly 2027: missed/);
  });

  it.each([
    [{ status: 403 as const, code: 50013 as const }, 'missing-permissions'],
    [{ status: 403 as const, code: 50001 as const }, 'missing-access'],
    [{ status: 404 as const, code: 10003 as const }, 'unknown-channel'],
  ])('%j pauses the server after one request, with the reason', async (fault, reason) => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    await configure(h);
    h.emulator.fail({ method: 'POST', route: 'POST /channels/:id/messages' }, fault);
    h.clock.ms = KHOJALY_2027;
    await h.bot.scheduler.tick();
    h.clock.ms = KHOJALY_2027 + 5 * MINUTE;
    await h.bot.scheduler.tick();
    expect(posts(h)).toHaveLength(1);
    expect(await h.bot.settings.get(GUILD_ID)).toMatchObject({ paused: true, pauseReason: reason });
  });

  it('a 429 then a 500 then success delivers exactly one message', async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    await configure(h);
    h.emulator.fail(
      { method: 'POST', route: 'POST /channels/:id/messages' },
      { status: 429, retryAfter: 0.2 },
    );
    h.emulator.fail({ method: 'POST', route: 'POST /channels/:id/messages' }, { status: 500 });
    h.clock.ms = KHOJALY_2027;
    await h.bot.scheduler.tick();
    expect(posts(h).map((r) => r.status)).toEqual([429, 500, 200]);
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
  });
});
