import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServerSettings } from '../../src/app/server-settings.js';
import { loadDataset } from '../../src/config/dataset-file.js';
import { projectRoot } from '../../src/config/project-root.js';
import { InvalidRequestGuard } from '../../src/schedule/invalid-request-guard.js';
import type { SendOutcome } from '../../src/schedule/notice-port.js';
import { READBACK_MARGIN_MS } from '../../src/schedule/read-back.js';
import { Scheduler, type SchedulerDeps } from '../../src/schedule/scheduler.js';
import { type DeliveryKey, deliveryMarker, deliveryNonce } from '../../src/store/delivery.js';
import { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import type { GuildSettingsPatch } from '../../src/store/guild-settings.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { snowflake } from '../store/fixtures.js';
import { STORE_KINDS, useStore } from '../store/stores.js';
import { FakeDiscord, transient } from './fake-discord.js';

const dataset = loadDataset(path.join(projectRoot(), 'data/remembrance.json'));

/** An instant given as Baku wall time (UTC+4 all year). */
const baku = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+04:00`);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const STALE_CLAIM_MS = 10 * MINUTE;

const KHOJALY = baku('2027-02-26 09:00');
/** The dataset's next day after Khojaly is Kalbajar (2 April), not Shusha (8 May). */
const KALBAJAR = baku('2027-04-02 09:00');

const A = snowflake(1_000_000);
const B = snowflake(1_000_001);
const C = snowflake(1_000_002);
const D = snowflake(1_000_003);
const channelOf = (guildId: string) => (BigInt(guildId) + 1n).toString();
const keyOf = (guildId: string, eventId = 'khojaly', year = 2027): DeliveryKey => ({
  guildId,
  eventId,
  year,
});

const refused: Exclude<SendOutcome, { ok: true }> = {
  ok: false,
  kind: 'refused',
  reason: 'missing-permissions',
  detail: '50013: Missing Permissions',
};

const rejected: Exclude<SendOutcome, { ok: true }> = {
  ok: false,
  kind: 'rejected',
  detail: '50035: Invalid Form Body',
};

/** One process's view of the database file: its own connection and the repositories on it. */
interface Handle {
  repo: SettingsRepository;
  ledger: DeliveryLedger;
  settings: ServerSettings;
  close(): Promise<void>;
}

describe.each(STORE_KINDS)('Scheduler on a real database (%s)', (kind) => {
  const store = useStore(kind);
  const clock = { now: 0 };
  const now = () => clock.now;
  let handles: Handle[];
  let discord: FakeDiscord;
  let guard: InvalidRequestGuard;
  let logs: Array<Record<string, unknown>>;
  let h: Handle;

  async function open(): Promise<Handle> {
    const { db, close } = await store.openAnother({ now });
    const repo = new SettingsRepository(db);
    const ledger = new DeliveryLedger(db);
    const handle = { repo, ledger, settings: new ServerSettings(repo, ledger, dataset, now), close };
    handles.push(handle);
    return handle;
  }

  function scheduler(on: Handle, more: Partial<SchedulerDeps> = {}): Scheduler {
    return new Scheduler({
      dataset,
      settings: on.repo,
      ledger: on.ledger,
      sender: discord,
      guard,
      now,
      logger: pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line)) }),
      owner: 'scheduler-1',
      pause: async (guildId, reason, detail) => {
        await on.settings.pauseForDiscord(guildId, reason, detail);
      },
      staleClaimMs: STALE_CLAIM_MS,
      ...more,
    });
  }

  /** Sets the server up as an admin would, on 20 February unless the clock says otherwise. */
  async function configure(guildId: string, patch: GuildSettingsPatch = {}) {
    return h.settings.update(guildId, { channelId: channelOf(guildId), ...patch });
  }

  async function tickAt(s: Scheduler, instant: number) {
    clock.now = instant;
    return s.tick();
  }

  const row = (guildId: string, eventId = 'khojaly', year = 2027) =>
    h.ledger.get(keyOf(guildId, eventId, year));
  const nextDue = async (guildId: string) => (await h.repo.get(guildId))?.nextDueAt;

  beforeEach(async () => {
    handles = [];
    logs = [];
    discord = new FakeDiscord(now);
    clock.now = baku('2027-02-20 12:00');
    guard = new InvalidRequestGuard(now, 3, 10 * MINUTE);
    h = await open();
  });
  afterEach(async () => {
    for (const handle of handles) await handle.close();
  });

  describe('on the anniversary', () => {
    it('posts Khojaly once at 09:00 Baku and then waits for the next anniversary, across a restart', async () => {
      expect(await configure(A)).toMatchObject({ nextDueAt: KHOJALY });
      const s = scheduler(h);
      expect(await tickAt(s, KHOJALY - MINUTE)).toMatchObject({ servers: 0, posted: 0 });
      expect(discord.calls).toEqual([]);

      expect(await tickAt(s, KHOJALY)).toEqual({
        servers: 1,
        posted: 1,
        found: 0,
        missed: 0,
        failed: 0,
        uncertain: 0,
        skipped: 0,
      });
      expect(discord.calls).toEqual([
        {
          guildId: A,
          channelId: channelOf(A),
          eventId: 'khojaly',
          year: 2027,
          at: KHOJALY,
          nonce: deliveryNonce(keyOf(A)),
        },
      ]);
      expect(await row(A)).toMatchObject({
        status: 'sent',
        messageId: discord.messages[0]?.id,
        attempts: 1,
        dueAt: KHOJALY,
      });
      expect(await nextDue(A)).toBe(KALBAJAR);

      await tickAt(s, KHOJALY + MINUTE);
      await tickAt(s, KHOJALY + 30 * MINUTE);
      const restarted = scheduler(await open(), { owner: 'scheduler-2' });
      expect(await restarted.initialise()).toBe(0);
      await restarted.tick();
      expect(discord.calls).toHaveLength(1);
      expect(discord.messages).toHaveLength(1);
    });

    it('posts late, once, when the bot first ticks later on the anniversary day', async () => {
      await configure(A);
      const s = scheduler(h);
      expect(await tickAt(s, baku('2027-02-26 15:00'))).toMatchObject({ posted: 1 });
      await s.tick();
      expect(discord.calls).toHaveLength(1);
      const sent = await row(A);
      expect(sent).toMatchObject({ status: 'sent', dueAt: KHOJALY, updatedAt: baku('2027-02-26 15:00') });
      expect(logs.find((l) => l.msg === 'notice posted')).toMatchObject({ guildId: A, lateByMs: 6 * HOUR });
      expect(await nextDue(A)).toBe(KALBAJAR);
    });

    it('records the anniversary as missed when the bot first ticks the next day', async () => {
      await configure(A);
      expect(await tickAt(scheduler(h), baku('2027-02-27 08:00'))).toMatchObject({ posted: 0, missed: 1 });
      expect(discord.calls).toEqual([]);
      const missed = await row(A);
      expect(missed).toMatchObject({ status: 'missed', messageId: null, dueAt: KHOJALY });
      expect(await h.settings.recentTrouble(A)).toEqual([missed]);
      expect(await nextDue(A)).toBe(KALBAJAR);
    });

    it('records each anniversary of a long outage as missed, once', async () => {
      await configure(A);
      const s = scheduler(h);
      expect(await tickAt(s, baku('2027-06-01 12:00'))).toMatchObject({ missed: 4 });
      await s.tick();
      const rows = await h.ledger.listForGuild(A);
      expect(rows.map((d) => [d.eventId, d.status])).toEqual([
        ['kalbajar', 'missed'],
        ['khojaly', 'missed'],
        ['lachin', 'missed'],
        ['shusha', 'missed'],
      ]);
      expect(discord.calls).toEqual([]);
      expect(await nextDue(A)).toBe(baku('2027-07-23 09:00'));
    });

    it('posts Fizuli and Jabrayil, which share 23 August, as two messages', async () => {
      clock.now = baku('2027-08-01 12:00');
      await configure(A);
      expect(await tickAt(scheduler(h), baku('2027-08-23 09:00'))).toMatchObject({ posted: 2 });
      expect(discord.calls.map((c) => c.eventId).sort()).toEqual(['fizuli', 'jabrayil']);
      expect(new Set(discord.calls.map((c) => c.nonce)).size).toBe(2);
      expect(await row(A, 'fizuli')).toMatchObject({ status: 'sent' });
      expect(await row(A, 'jabrayil')).toMatchObject({ status: 'sent' });
      expect(await nextDue(A)).toBe(baku('2027-08-31 09:00'));
    });
  });

  describe('when a send goes wrong', () => {
    it('after a crash between send and record, finds the post by reading back and posts nothing', async () => {
      await configure(A);
      discord.script(A, 'crash', 'post');
      clock.now = KHOJALY;
      void scheduler(h, { owner: 'crashed' }).tick();
      await discord.sent(1);
      await h.close(); // the process dies: its send never answers, markSent never runs
      expect(discord.messages).toHaveLength(1);

      h = await open();
      const restarted = scheduler(h, { owner: 'restarted' });
      expect(await row(A)).toMatchObject({ status: 'claimed', claimedBy: 'crashed' });
      expect(await tickAt(restarted, KHOJALY + MINUTE)).toMatchObject({ posted: 0, skipped: 1 });
      expect(await tickAt(restarted, KHOJALY + STALE_CLAIM_MS - 1)).toMatchObject({ posted: 0 });
      expect(discord.readBacks).toEqual([]);

      expect(await tickAt(restarted, KHOJALY + STALE_CLAIM_MS + 1)).toMatchObject({ posted: 0, found: 1 });
      expect(discord.calls).toHaveLength(1);
      expect(discord.readBacks).toEqual([
        { channelId: channelOf(A), marker: deliveryMarker(keyOf(A)), since: KHOJALY - READBACK_MARGIN_MS },
      ]);
      expect(discord.messages).toHaveLength(1);
      expect(await row(A)).toMatchObject({
        status: 'sent',
        messageId: discord.messages[0]?.id,
        attempts: 2,
        claimedBy: 'restarted',
        firstAttemptAt: KHOJALY,
      });
      expect(await nextDue(A)).toBe(KALBAJAR);
    });

    it('pauses a server Discord refuses, tries it once, and still posts to the others', async () => {
      await configure(A);
      await configure(B);
      discord.script(A, refused);
      const s = scheduler(h);
      expect(await tickAt(s, KHOJALY)).toMatchObject({ servers: 2, posted: 1, failed: 1 });
      expect(await h.repo.get(A)).toMatchObject({
        paused: true,
        pauseReason: 'missing-permissions',
        pauseDetail: '50013: Missing Permissions',
        nextDueAt: null,
      });
      expect(await row(A)).toMatchObject({
        status: 'failed',
        retryable: false,
        reason: 'missing-permissions',
        detail: '50013: Missing Permissions',
      });
      expect(await row(B)).toMatchObject({ status: 'sent' });
      for (const later of [KHOJALY + MINUTE, KHOJALY + HOUR, baku('2027-02-27 09:00'), KALBAJAR]) {
        await tickAt(s, later);
      }
      expect(discord.callsFor(A)).toHaveLength(1);
      expect((await h.settings.recentTrouble(A)).map((d) => d.status)).toEqual(['failed']);
    });

    it('keeps posting to other servers while one send hangs and another throws', async () => {
      for (const g of [A, B, C, D]) await configure(g);
      discord.script(A, 'hold');
      discord.script(B, 'throw', 'post');
      const s = scheduler(h, { concurrency: 2 });
      clock.now = KHOJALY;
      const ticking = s.tick();
      await discord.sent(4); // C and D were sent while A still hangs and after B threw
      discord.release();
      expect(await ticking).toMatchObject({ servers: 4, posted: 3 });
      for (const g of [A, C, D]) expect(await row(g)).toMatchObject({ status: 'sent' });
      expect(await row(B)).toMatchObject({ status: 'claimed' });
      expect(logs.find((l) => l.msg === 'server tick failed')).toMatchObject({ guildId: B });

      // The thrown send's claim is taken over once stale, with the same nonce.
      await tickAt(s, KHOJALY + MINUTE);
      expect(discord.callsFor(B)).toHaveLength(1);
      await tickAt(s, KHOJALY + STALE_CLAIM_MS + 1);
      expect(await row(B)).toMatchObject({ status: 'sent', attempts: 2 });
      expect(discord.messages).toHaveLength(4);
    });

    it('retries a transient failure after the back-off, and posts once', async () => {
      await configure(A);
      discord.script(A, transient, 'post');
      const s = scheduler(h);
      expect(await tickAt(s, KHOJALY)).toMatchObject({ failed: 1 });
      expect(await row(A)).toMatchObject({
        status: 'failed',
        retryable: true,
        attempts: 1,
        reason: 'transient',
        detail: '503: Service Unavailable',
      });
      expect(await nextDue(A)).toBe(KHOJALY);
      await tickAt(s, KHOJALY + MINUTE - 1); // retryDelayMs(1) is one minute
      expect(discord.calls).toHaveLength(1);
      expect(await tickAt(s, KHOJALY + MINUTE)).toMatchObject({ posted: 1 });
      expect(discord.calls).toHaveLength(2);
      expect(discord.messages).toHaveLength(1);
      expect(await row(A)).toMatchObject({ status: 'sent', attempts: 2 });
      expect(await nextDue(A)).toBe(KALBAJAR);
    });

    it('gives up on a transient failure when the local day ends, recording it as missed', async () => {
      await configure(A);
      discord.script(A, transient);
      const s = scheduler(h);
      const ticks = [0, 1, 2, 3, 5, 6, 7].map((m) => KHOJALY + m * MINUTE);
      for (const t of [...ticks, baku('2027-02-26 23:59')]) await tickAt(s, t);
      // Back-off 1, 2, 4 minutes: attempts at 09:00, 09:01, 09:03, 09:07, then 23:59.
      expect(discord.calls).toHaveLength(5);
      expect(await row(A)).toMatchObject({ status: 'failed', retryable: true, attempts: 5 });
      expect(await tickAt(s, baku('2027-02-27 00:00'))).toMatchObject({ missed: 1 });
      expect(discord.calls).toHaveLength(5);
      expect(discord.messages).toEqual([]);
      expect(await row(A)).toMatchObject({ status: 'missed' });
      expect((await h.settings.recentTrouble(A)).map((d) => d.status)).toEqual(['missed']);
      expect(await nextDue(A)).toBe(KALBAJAR);
    });

    it('does not retry a post Discord rejected as malformed, and moves on', async () => {
      await configure(A);
      discord.script(A, rejected);
      const s = scheduler(h);
      expect(await tickAt(s, KHOJALY)).toMatchObject({ failed: 1 });
      await tickAt(s, KHOJALY + HOUR);
      expect(discord.calls).toHaveLength(1);
      expect(await row(A)).toMatchObject({ status: 'failed', retryable: false });
      expect(await h.repo.get(A)).toMatchObject({ paused: false, nextDueAt: KALBAJAR });
    });

    it('holds every send while Discord counts too many invalid requests, then posts', async () => {
      await configure(A);
      clock.now = KHOJALY - 5 * MINUTE;
      for (let i = 0; i < 3; i++) guard.record(403, 'user');
      const s = scheduler(h);
      expect(await tickAt(s, KHOJALY)).toMatchObject({ posted: 0, skipped: 1 });
      expect(await tickAt(s, KHOJALY + 5 * MINUTE - 1)).toMatchObject({ posted: 0, skipped: 1 });
      expect(discord.calls).toEqual([]);
      expect(await row(A)).toBeNull();
      expect(await nextDue(A)).toBe(KHOJALY);
      expect(await tickAt(s, KHOJALY + 5 * MINUTE)).toMatchObject({ posted: 1 });
      expect(discord.calls).toHaveLength(1);
    });

    it('waits while the bot is not in the server, and posts when it is back that day', async () => {
      await configure(A);
      discord.away.add(A);
      const s = scheduler(h);
      expect(await tickAt(s, KHOJALY)).toMatchObject({ skipped: 1 });
      discord.away.delete(A);
      expect(await tickAt(s, KHOJALY + MINUTE)).toMatchObject({ posted: 1 });
    });
  });

  describe('when admins change the settings', () => {
    it('does not post again when the time or zone moves later on the day of the post', async () => {
      await configure(A);
      const s = scheduler(h);
      await tickAt(s, KHOJALY);
      clock.now = baku('2027-02-26 10:00');
      expect(await h.settings.update(A, { postTime: '11:00' })).toMatchObject({
        nextDueAt: baku('2027-02-26 11:00'),
      });
      expect(await tickAt(s, baku('2027-02-26 11:00'))).toMatchObject({ posted: 0, skipped: 1 });
      const newYork = Date.parse('2027-02-26T11:00:00-05:00');
      expect(await h.settings.update(A, { timeZone: 'America/New_York' })).toMatchObject({
        nextDueAt: newYork,
      });
      expect(await tickAt(s, newYork)).toMatchObject({ posted: 0, skipped: 1 });
      expect(discord.calls).toHaveLength(1);
      expect(await nextDue(A)).toBe(Date.parse('2027-04-02T11:00:00-04:00'));
    });

    it('posts once, at the new time, when the time moves later before the post', async () => {
      await configure(A);
      clock.now = baku('2027-02-26 08:00');
      await h.settings.update(A, { postTime: '10:00' });
      const s = scheduler(h);
      expect(await tickAt(s, KHOJALY)).toMatchObject({ servers: 0 });
      expect(await tickAt(s, baku('2027-02-26 10:00'))).toMatchObject({ posted: 1 });
      await tickAt(s, baku('2027-02-26 12:00'));
      expect(discord.calls.map((c) => c.at)).toEqual([baku('2027-02-26 10:00')]);
    });

    it('never posts an event the server turned off', async () => {
      await configure(A, { disabledEvents: ['khojaly'] });
      expect(await nextDue(A)).toBe(KALBAJAR);
      await configure(B);
      await h.repo.setEventDisabled(B, 'khojaly', true, clock.now); // after its due instant was worked out
      const s = scheduler(h);
      await tickAt(s, KHOJALY);
      await tickAt(s, KALBAJAR);
      expect(discord.calls.map((c) => [c.guildId, c.eventId])).toEqual([
        [A, 'kalbajar'],
        [B, 'kalbajar'],
      ]);
      expect(await row(A)).toBeNull();
      expect(await row(B)).toBeNull();
    });

    it('never posts to a paused server', async () => {
      await configure(A);
      await h.settings.update(A, { paused: true });
      const s = scheduler(h);
      for (const t of [KHOJALY, KHOJALY + HOUR, baku('2027-02-27 09:00'), KALBAJAR]) await tickAt(s, t);
      expect(discord.calls).toEqual([]);
      expect(await h.ledger.listForGuild(A)).toEqual([]);
    });

    it('keeps an event turned on while its day was being posted', async () => {
      await configure(A, { disabledEvents: ['kalbajar'] });
      discord.script(A, 'hold', 'post');
      clock.now = KHOJALY;
      const ticking = scheduler(h).tick();
      await discord.sent(1);
      await h.settings.update(A, { disabledEvents: [] });
      discord.release();
      await ticking;
      const s = scheduler(h);
      await tickAt(s, KHOJALY + MINUTE);
      expect(await nextDue(A)).toBe(KALBAJAR);
      await tickAt(s, KALBAJAR);
      expect(discord.calls.map((c) => c.eventId)).toEqual(['khojaly', 'kalbajar']);
    });

    it('does not report the days of a pause made while a post was in flight as missed', async () => {
      await configure(A);
      discord.script(A, 'hold');
      clock.now = KHOJALY;
      const ticking = scheduler(h).tick();
      await discord.sent(1);
      await h.settings.update(A, { paused: true });
      discord.release();
      await ticking;
      clock.now = baku('2027-06-01 12:00');
      expect(await h.settings.update(A, { paused: false })).toMatchObject({
        nextDueAt: baku('2027-07-23 09:00'),
      });
      expect(await scheduler(h).tick()).toMatchObject({ missed: 0 });
      expect((await h.ledger.listForGuild(A)).map((d) => [d.eventId, d.status])).toEqual([
        ['khojaly', 'sent'],
      ]);
    });
  });
});
