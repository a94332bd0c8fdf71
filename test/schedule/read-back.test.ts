import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServerSettings } from '../../src/app/server-settings.js';
import type { DeliveryObservation } from '../../src/schedule/delivery-observer.js';
import { InvalidRequestGuard } from '../../src/schedule/invalid-request-guard.js';
import { NONCE_TRUST_MS } from '../../src/schedule/read-back.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { openDatabase } from '../../src/store/database.js';
import { deliveryMarker } from '../../src/store/delivery.js';
import { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { realDataset } from '../domain/fixtures.js';
import { snowflake, useTempDir } from '../store/fixtures.js';
import { type Act, FakeDiscord, NONCE_WINDOW_MS } from './fake-discord.js';

const dataset = realDataset();
const baku = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+04:00`);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const STALE = 2 * MINUTE;
const KHOJALY = baku('2027-02-26 09:00');
const NEXT_DAY = baku('2027-02-27 09:00');
const A = snowflake(1_000_000);
const CHANNEL = (BigInt(A) + 1n).toString();
const KEY = { guildId: A, eventId: 'khojaly', year: 2027 };

describe('reading the channel back before a takeover, a retry or a miss', () => {
  const temp = useTempDir();
  const clock = { now: baku('2027-02-20 12:00') };
  const now = () => clock.now;
  let discord: FakeDiscord;
  let observed: DeliveryObservation[];
  let takeovers: number;
  let logs: Array<Record<string, unknown>>;
  let closers: Array<() => Promise<void>>;

  async function process(owner: string, concurrency?: number) {
    const { db, close } = await openDatabase(temp.fileUrl(), { now });
    closers.push(close);
    const repo = new SettingsRepository(db);
    const ledger = new DeliveryLedger(db);
    const settings = new ServerSettings(repo, ledger, dataset, now);
    const scheduler = new Scheduler({
      dataset,
      settings: repo,
      ledger,
      sender: discord,
      guard: new InvalidRequestGuard(now),
      now,
      logger: pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line)) }),
      owner,
      pause: async (guildId, reason, detail) => {
        await settings.pauseForDiscord(guildId, reason, detail);
      },
      staleClaimMs: STALE,
      concurrency,
      observer: {
        delivery: (o) => observed.push(o),
        takeover: () => {
          takeovers++;
        },
      },
    });
    return { ledger, settings, scheduler, close };
  }

  /** A first process attempts the post at 09:00 and dies in the way `act` says. */
  async function crashWhile(act: Act) {
    const first = await process('first');
    await first.settings.update(A, { channelId: CHANNEL });
    discord.script(A, act, 'post');
    clock.now = KHOJALY;
    void first.scheduler.tick();
    await discord.sent(1);
    await first.close();
  }

  async function restartAt(instant: number) {
    clock.now = instant;
    const next = await process(`restarted-${instant}`);
    const summary = await next.scheduler.tick();
    return { ...next, summary };
  }

  beforeEach(() => {
    discord = new FakeDiscord(now);
    observed = [];
    takeovers = 0;
    logs = [];
    closers = [];
    clock.now = baku('2027-02-20 12:00');
  });
  afterEach(async () => {
    for (const close of closers) await close().catch(() => undefined);
  });

  it('killed mid-send and restarted three hours later, when Discord forgot the nonce: one post', async () => {
    await crashWhile('crash');
    const later = await restartAt(KHOJALY + 3 * HOUR);
    expect(KHOJALY + 3 * HOUR - KHOJALY).toBeGreaterThan(NONCE_WINDOW_MS);
    expect(later.summary).toMatchObject({ posted: 0, found: 1 });
    expect(discord.calls).toHaveLength(1);
    expect(discord.botMessagesIn(CHANNEL)).toHaveLength(1);
    expect(await later.ledger.get(KEY)).toMatchObject({
      status: 'sent',
      messageId: discord.messages[0]?.id,
    });
    expect(observed).toEqual([{ kind: 'notice', outcome: 'found' }]);
    expect(takeovers).toBe(1);
  });

  it('a send that never reached Discord is posted once, not lost, after the restart', async () => {
    await crashWhile('lost');
    expect(discord.messages).toHaveLength(0);
    const later = await restartAt(KHOJALY + 3 * HOUR);
    expect(later.summary).toMatchObject({ posted: 1, found: 0 });
    expect(discord.botMessagesIn(CHANNEL)).toHaveLength(1);
    expect(await later.ledger.get(KEY)).toMatchObject({
      status: 'sent',
      attempts: 2,
      firstAttemptAt: KHOJALY,
    });
    expect(observed).toMatchObject([{ kind: 'notice', outcome: 'sent', delayMs: 3 * HOUR }]);
  });

  it('the next day, a send that never reached Discord is recorded missed, and one that did is found', async () => {
    await crashWhile('lost');
    const next = await restartAt(NEXT_DAY);
    expect(next.summary).toMatchObject({ missed: 1, found: 0 });
    expect(discord.readBacks).toHaveLength(1);
    expect(discord.messages).toHaveLength(0);
    expect(await next.ledger.get(KEY)).toMatchObject({ status: 'missed', reason: 'day-ended' });
    expect(observed).toEqual([{ kind: 'notice', outcome: 'missed', reason: 'day-ended' }]);
  });

  it('the next day, a post that reached Discord before the crash is found and recorded sent', async () => {
    await crashWhile('crash');
    const next = await restartAt(NEXT_DAY);
    expect(next.summary).toMatchObject({ missed: 0, found: 1 });
    expect(await next.ledger.get(KEY)).toMatchObject({ status: 'sent', messageId: discord.messages[0]?.id });
  });

  it('a 503 that Discord had in fact served is not posted again after the back-off', async () => {
    const p = await process('only');
    await p.settings.update(A, { channelId: CHANNEL });
    discord.script(A, 'served-503', 'post');
    clock.now = KHOJALY;
    expect(await p.scheduler.tick()).toMatchObject({ failed: 1 });
    clock.now = KHOJALY + 30 * MINUTE; // long past the nonce window
    expect(await p.scheduler.tick()).toMatchObject({ found: 1, posted: 0 });
    expect(discord.calls).toHaveLength(1);
    expect(discord.botMessagesIn(CHANNEL)).toHaveLength(1);
    expect(observed.map((o) => o.outcome)).toEqual(['failed', 'found']);
    expect(takeovers).toBe(0);
  });

  it('a member’s message quoting the marker does not count as the bot’s post', async () => {
    await crashWhile('lost');
    discord.memberPosts(CHANNEL, deliveryMarker(KEY));
    const later = await restartAt(KHOJALY + 3 * HOUR);
    expect(later.summary).toMatchObject({ posted: 1, found: 0 });
    expect(discord.botMessagesIn(CHANNEL)).toHaveLength(1);
  });

  it('cannot read the channel within the nonce’s minutes: resends with the nonce, and Discord dedupes', async () => {
    await crashWhile('crash');
    discord.unreadable.add(CHANNEL);
    const soon = await restartAt(KHOJALY + STALE + 1);
    expect(KHOJALY + STALE + 1 - KHOJALY).toBeLessThan(NONCE_TRUST_MS);
    expect(soon.summary).toMatchObject({ posted: 1 });
    expect(discord.calls).toHaveLength(2);
    expect(discord.botMessagesIn(CHANNEL)).toHaveLength(1);
    expect(logs.find((l) => l.msg?.toString().startsWith('cannot read the channel back'))).toMatchObject({
      detail: '50001: Missing Access',
    });
  });

  it('cannot read the channel after those minutes: records uncertain, posts nothing, alerts, tells the admins', async () => {
    await crashWhile('crash');
    discord.unreadable.add(CHANNEL);
    const later = await restartAt(KHOJALY + 3 * HOUR);
    expect(later.summary).toMatchObject({ posted: 0, uncertain: 1 });
    expect(discord.calls).toHaveLength(1);
    expect(await later.ledger.get(KEY)).toMatchObject({
      status: 'uncertain',
      reason: 'history-unreadable',
      detail: '50001: Missing Access',
    });
    expect(observed).toEqual([{ kind: 'notice', outcome: 'uncertain', reason: 'history-unreadable' }]);
    expect(logs.find((l) => l.alert === true)).toMatchObject({
      level: 50,
      grant: 'Read Message History',
      guildId: A,
    });
    expect((await later.settings.recentTrouble(A)).map((d) => d.status)).toEqual(['uncertain']);
    // Settled: later ticks neither post nor record it missed.
    clock.now = NEXT_DAY;
    await later.scheduler.tick();
    expect(discord.calls).toHaveLength(1);
    expect(await later.ledger.get(KEY)).toMatchObject({ status: 'uncertain' });
  });

  it('a claim carries the moment it was taken, not the tick’s start', async () => {
    const p = await process('slow', 1);
    const B = snowflake(1_000_001);
    await p.settings.update(A, { channelId: CHANNEL });
    await p.settings.update(B, { channelId: (BigInt(B) + 1n).toString() });
    // The first server's send takes ten minutes of the tick.
    const slow: FakeDiscord['send'] = async (...args) => {
      clock.now += 10 * MINUTE;
      return FakeDiscord.prototype.send.apply(discord, args);
    };
    discord.send = slow;
    clock.now = KHOJALY;
    await p.scheduler.tick();
    const claimed = [await p.ledger.get(KEY), await p.ledger.get({ ...KEY, guildId: B })]
      .map((d) => d?.claimedAt)
      .sort();
    expect(claimed).toEqual([KHOJALY, KHOJALY + 10 * MINUTE]);
  });
});
