import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServerSettings } from '../../src/app/server-settings.js';
import { loadDataset } from '../../src/config/dataset-file.js';
import { projectRoot } from '../../src/config/project-root.js';
import { serverDateId } from '../../src/domain/server-date.js';
import { InvalidRequestGuard } from '../../src/schedule/invalid-request-guard.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { deliveryMarker, deliveryNonce } from '../../src/store/delivery.js';
import { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import { ServerDateRepository } from '../../src/store/server-date-repository.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { snowflake } from '../store/fixtures.js';
import { STORE_KINDS, useStore } from '../store/stores.js';
import { FakeDiscord } from './fake-discord.js';

const dataset = loadDataset(path.join(projectRoot(), 'data/remembrance.json'));
const baku = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+04:00`);
const MINUTE = 60_000;
const KHOJALY = baku('2027-02-26 09:00');
const REMINDER = baku('2027-02-23 09:00');
const A = snowflake(2_000_000);
const CHANNEL = (BigInt(A) + 1n).toString();
const reminderKey = { guildId: A, eventId: 'reminder:khojaly', year: 2027 };
// A date the server's admins added: 25 February, reminded 3 days ahead on 22 February 2027 at 09:00 in Baku.
const OWN = { name: 'Return of Aghdam', date: { year: 2020, month: 2, day: 25 } };
const OWN_ID = serverDateId(OWN.name, OWN.date);
const OWN_DAY = baku('2027-02-25 09:00');
const OWN_REMINDER = baku('2027-02-22 09:00');
const actor = { userId: '42', userName: 'aysel' };

interface Handle {
  repo: SettingsRepository;
  ledger: DeliveryLedger;
  dates: ServerDateRepository;
  settings: ServerSettings;
  close(): Promise<void>;
}

describe.each(STORE_KINDS)('reminders ahead through the scheduler (%s)', (kind) => {
  const store = useStore(kind);
  const clock = { now: 0 };
  const now = () => clock.now;
  let handles: Handle[];
  let discord: FakeDiscord;
  let h: Handle;

  async function open(): Promise<Handle> {
    const { db, close } = await store.openAnother({ now });
    const repo = new SettingsRepository(db);
    const ledger = new DeliveryLedger(db);
    const dates = new ServerDateRepository(db);
    const settings = new ServerSettings(repo, ledger, dataset, now, undefined, null, dates);
    const handle = { repo, ledger, dates, settings, close };
    handles.push(handle);
    return handle;
  }

  function scheduler(on: Handle, owner = 'scheduler-1'): Scheduler {
    return new Scheduler({
      dataset,
      settings: on.repo,
      serverDates: on.dates,
      ledger: on.ledger,
      sender: discord,
      guard: new InvalidRequestGuard(now, 3, 10 * MINUTE),
      now,
      logger: pino({ level: 'silent' }),
      owner,
      pause: async (guildId, reason, detail) => {
        await on.settings.pauseForDiscord(guildId, reason, detail);
      },
      staleClaimMs: 10 * MINUTE,
    });
  }

  async function tickAt(s: Scheduler, instant: number) {
    clock.now = instant;
    return s.tick();
  }

  beforeEach(async () => {
    handles = [];
    discord = new FakeDiscord(now);
    clock.now = baku('2027-02-20 12:00');
    h = await open();
  });
  afterEach(async () => {
    for (const handle of handles) await handle.close();
  });

  it('posts a reminder 3 days before Khojaly at 09:00, once, then the notice on the day, across a restart', async () => {
    expect(await h.settings.update(A, { channelId: CHANNEL, reminderDays: 3 })).toMatchObject({
      nextDueAt: REMINDER,
    });
    const s = scheduler(h);
    expect(await tickAt(s, REMINDER - MINUTE)).toMatchObject({ posted: 0 });
    expect(await tickAt(s, REMINDER)).toMatchObject({ posted: 1 });
    // The reminder speaks of the anniversary (its year, day and number), and says how many days remain.
    expect(discord.calls).toEqual([
      {
        guildId: A,
        channelId: CHANNEL,
        eventId: 'khojaly',
        year: 2027,
        at: KHOJALY,
        nonce: deliveryNonce(reminderKey),
        daysLeft: 3,
      },
    ]);
    expect(deliveryNonce(reminderKey)).not.toBe(deliveryNonce({ ...reminderKey, eventId: 'khojaly' }));
    expect(await h.ledger.get(reminderKey)).toMatchObject({ status: 'sent', dueAt: REMINDER });
    expect((await h.repo.get(A))?.nextDueAt).toBe(KHOJALY);

    const restarted = scheduler(await open(), 'scheduler-2');
    await tickAt(restarted, REMINDER + 30 * MINUTE);
    expect(await tickAt(restarted, KHOJALY)).toMatchObject({ posted: 1 });
    await tickAt(restarted, KHOJALY + MINUTE);
    expect(discord.calls.map((c) => c.daysLeft ?? 0)).toEqual([3, 0]);
    expect(await h.ledger.get({ ...reminderKey, eventId: 'khojaly' })).toMatchObject({ status: 'sent' });
  });

  it('catches up later the same day, and records a reminder whose day ended as missed, not posted', async () => {
    await h.settings.update(A, { channelId: CHANNEL, reminderDays: 3 });
    const late = scheduler(h);
    expect(await tickAt(late, baku('2027-02-23 18:00'))).toMatchObject({ posted: 1 });
    expect(discord.calls).toHaveLength(1);

    const other = snowflake(2_000_001);
    await h.settings.update(other, { channelId: CHANNEL, reminderDays: 3 });
    expect(await tickAt(late, baku('2027-02-24 10:00'))).toMatchObject({ missed: 1, posted: 0 });
    expect(discord.callsFor(other)).toEqual([]);
    expect(await h.ledger.get({ ...reminderKey, guildId: other })).toMatchObject({
      status: 'missed',
      reason: 'day-ended',
    });
  });

  it('never posts a reminder twice after a crash mid-send: the taker reads the channel back for its marker', async () => {
    await h.settings.update(A, { channelId: CHANNEL, reminderDays: 3 });
    discord.script(A, 'crash', 'post');
    const crashed = scheduler(h);
    clock.now = REMINDER;
    void crashed.tick();
    await discord.sent(1);
    const taker = scheduler(await open(), 'scheduler-2');
    expect(await tickAt(taker, REMINDER + 11 * MINUTE)).toMatchObject({ found: 1, posted: 0 });
    expect(discord.readBacks.map((r) => r.marker)).toEqual([deliveryMarker(reminderKey)]);
    expect(discord.botMessagesIn(CHANNEL)).toHaveLength(1);
    expect(await h.ledger.get(reminderKey)).toMatchObject({ status: 'sent' });
  });

  it('posts no reminder while paused, nor for a day the server was paused through', async () => {
    await h.settings.update(A, { channelId: CHANNEL, reminderDays: 3, paused: true });
    const s = scheduler(h);
    await tickAt(s, REMINDER);
    await tickAt(s, REMINDER + 60 * MINUTE);
    expect(discord.calls).toEqual([]);
    expect(await h.ledger.get(reminderKey)).toBeNull();
  });

  it('reminds ahead of a server’s own date like a dataset one: once, at 09:00, in its own ledger row', async () => {
    await h.settings.update(A, { channelId: CHANNEL, reminderDays: 3 });
    const value = { ...OWN, sourceUrl: 'https://example.org/aghdam', text: 'Words', roleId: null };
    expect((await h.settings.writeDate(A, { kind: 'date-add', value }, actor)).ok).toBe(true);
    expect((await h.repo.get(A))?.nextDueAt).toBe(OWN_REMINDER);
    const s = scheduler(h);
    expect(await tickAt(s, OWN_REMINDER - MINUTE)).toMatchObject({ posted: 0 });
    expect(await tickAt(s, OWN_REMINDER)).toMatchObject({ posted: 1 });
    const ownKey = { guildId: A, eventId: `reminder:${OWN_ID}`, year: 2027 };
    // It speaks of the anniversary (its day and instant) and says how many days remain.
    expect(discord.calls).toEqual([
      {
        guildId: A,
        channelId: CHANNEL,
        eventId: OWN_ID,
        year: 2027,
        at: OWN_DAY,
        nonce: deliveryNonce(ownKey),
        daysLeft: 3,
      },
    ]);
    expect(await h.ledger.get(ownKey)).toMatchObject({ status: 'sent', dueAt: OWN_REMINDER });
    expect(await h.ledger.get({ ...ownKey, eventId: OWN_ID })).toBeNull();

    // Restarted the same day: no second reminder; then the dataset's reminder and the date's own notice.
    const restarted = scheduler(await open(), 'scheduler-2');
    expect(await tickAt(restarted, OWN_REMINDER + 30 * MINUTE)).toMatchObject({ posted: 0 });
    await tickAt(restarted, REMINDER);
    await tickAt(restarted, OWN_DAY);
    expect(discord.calls.map((c) => [c.eventId, c.daysLeft ?? 0])).toEqual([
      [OWN_ID, 3],
      ['khojaly', 3],
      [OWN_ID, 0],
    ]);
  });

  it('catches a server date’s reminder up the same day and records it missed after its day', async () => {
    const value = { ...OWN, sourceUrl: 'https://example.org/aghdam', text: '', roleId: null };
    const other = snowflake(2_000_001);
    for (const guild of [A, other]) {
      await h.settings.update(guild, { channelId: CHANNEL, reminderDays: 3 });
      await h.settings.writeDate(guild, { kind: 'date-add', value }, actor);
    }
    const s = scheduler(h);
    discord.away.add(other);
    expect(await tickAt(s, baku('2027-02-22 23:00'))).toMatchObject({ posted: 1 });
    discord.away.delete(other);
    // The next day the other server's reminder is past: recorded missed; the dataset's ones (both servers') post.
    expect(await tickAt(s, baku('2027-02-23 10:00'))).toMatchObject({ posted: 2, missed: 1 });
    expect(discord.callsFor(other).map((c) => [c.eventId, c.daysLeft])).toEqual([['khojaly', 3]]);
    expect(await h.ledger.get({ guildId: other, eventId: `reminder:${OWN_ID}`, year: 2027 })).toMatchObject({
      status: 'missed',
      reason: 'day-ended',
    });
  });
});
