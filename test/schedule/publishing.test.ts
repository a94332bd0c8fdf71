import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishObservation } from '../../src/schedule/delivery-observer.js';
import type { Publisher, PublishOutcome } from '../../src/schedule/publish-port.js';
import { dayEnd, Publishing, REFUSED_RETRY_MS } from '../../src/schedule/publishing.js';
import { GuildRetention } from '../../src/store/guild-retention.js';
import { PublicationLedger } from '../../src/store/publication-ledger.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { snowflake } from '../store/fixtures.js';
import { STORE_KINDS, useStore } from '../store/stores.js';

const MINUTE = 60_000;
const POSTED = Date.parse('2027-02-26T05:00:00Z');
/** Midnight at the end of 26 February in Baku. */
const DAY_ENDS = Date.parse('2027-02-26T20:00:00Z');
const A = snowflake(3_000_000);
const NEWS = snowflake(3_000_001);
const TEXT = snowflake(3_000_002);
const KEY = { guildId: A, eventId: 'khojaly', year: 2027 };

/** Publishes as scripted; the last outcome repeats. */
class ScriptedPublisher implements Publisher {
  readonly calls: string[] = [];
  constructor(private readonly outcomes: PublishOutcome[]) {}
  async isAnnouncement(channelId: string) {
    return channelId === NEWS;
  }
  async publish(_channelId: string, messageId: string) {
    this.calls.push(messageId);
    return (this.outcomes.length > 1 ? this.outcomes.shift() : this.outcomes[0]) ?? { ok: true as const };
  }
}

const refused: PublishOutcome = {
  ok: false,
  kind: 'refused',
  reason: 'missing-permissions',
  detail: '50013: Missing Permissions',
};

describe('the day a publish is retried within', () => {
  it('ends at the next local midnight, following the clocks', () => {
    expect(new Date(dayEnd({ year: 2027, month: 2, day: 26 }, 'Asia/Baku')).toISOString()).toBe(
      new Date(DAY_ENDS).toISOString(),
    );
    // 29 Oct 2028 in Berlin lasts 25 hours: it ends at 00:00 CET, 23:00 UTC.
    expect(new Date(dayEnd({ year: 2028, month: 10, day: 29 }, 'Europe/Berlin')).toISOString()).toBe(
      '2028-10-29T23:00:00.000Z',
    );
  });
});

describe.each(STORE_KINDS)('publishing notices in announcement channels (%s)', (kind) => {
  const store = useStore(kind);
  const clock = { now: POSTED };
  let ledger: PublicationLedger;
  let settings: SettingsRepository;
  let retention: GuildRetention;
  let close: () => Promise<void>;

  /** What the metrics are told of each attempt. */
  let observed: PublishObservation[] = [];
  function publishing(publisher: Publisher) {
    observed = [];
    return new Publishing({
      ledger,
      publisher,
      now: () => clock.now,
      logger: pino({ level: 'silent' }),
      observer: { delivery() {}, takeover() {}, publish: (o) => observed.push(o) },
    });
  }

  beforeEach(async () => {
    clock.now = POSTED;
    const opened = await store.openAnother({ now: () => clock.now });
    const { db } = opened;
    close = opened.close;
    ledger = new PublicationLedger(db);
    settings = new SettingsRepository(db);
    retention = new GuildRetention(db);
    await settings.update(A, { channelId: NEWS }, POSTED);
  });
  afterEach(async () => {
    await close();
  });

  it('publishes once in an announcement channel and never in a text channel', async () => {
    const publisher = new ScriptedPublisher([{ ok: true }]);
    const p = publishing(publisher);
    await p.posted(KEY, NEWS, 'm1', DAY_ENDS);
    await p.posted(KEY, NEWS, 'm1', DAY_ENDS);
    await p.posted({ ...KEY, eventId: 'shusha' }, TEXT, 'm2', DAY_ENDS);
    expect(publisher.calls).toEqual(['m1']);
    expect(await ledger.get(KEY)).toMatchObject({ status: 'published', attempts: 0 });
    expect(await ledger.get({ ...KEY, eventId: 'shusha' })).toBeNull();
  });

  it('publishes on the next tick a notice recorded for publishing by a process that died before trying', async () => {
    const publisher = new ScriptedPublisher([{ ok: true }]);
    const p = publishing(publisher);
    expect(await p.record(KEY, NEWS, 'm1', DAY_ENDS)).toMatchObject({ status: 'pending', attempts: 0 });
    clock.now = POSTED + MINUTE;
    expect(await p.retryDue()).toBe(1);
    expect(publisher.calls).toEqual(['m1']);
    expect(await ledger.get(KEY)).toMatchObject({ status: 'published' });
  });

  it('retries a refused publish every 15 minutes while the day lasts, then publishes once granted', async () => {
    const publisher = new ScriptedPublisher([refused, refused, { ok: true }]);
    const p = publishing(publisher);
    await p.posted(KEY, NEWS, 'm1', DAY_ENDS);
    expect(await ledger.get(KEY)).toMatchObject({
      status: 'pending',
      reason: 'missing-permissions',
      attempts: 1,
      nextAt: POSTED + REFUSED_RETRY_MS,
    });
    clock.now = POSTED + REFUSED_RETRY_MS - 1;
    expect(await p.retryDue()).toBe(0);
    clock.now = POSTED + REFUSED_RETRY_MS;
    await p.retryDue();
    clock.now += REFUSED_RETRY_MS;
    await p.retryDue();
    expect(publisher.calls).toEqual(['m1', 'm1', 'm1']);
    expect(await ledger.get(KEY)).toMatchObject({ status: 'published', reason: null });
    expect(observed).toEqual([
      { outcome: 'retrying', reason: 'missing-permissions' },
      { outcome: 'retrying', reason: 'missing-permissions' },
      { outcome: 'published' },
    ]);
  });

  it('waits out a rate limit’s retry_after, and gives up when the wait runs past the day', async () => {
    const limited = (minutes: number): PublishOutcome => ({
      ok: false,
      kind: 'rate-limited',
      retryAfterMs: minutes * MINUTE,
      detail: '429',
    });
    const p = publishing(new ScriptedPublisher([limited(40)]));
    await p.posted(KEY, NEWS, 'm1', DAY_ENDS);
    const pending = await ledger.get(KEY);
    expect(pending?.nextAt).toBeGreaterThanOrEqual(POSTED + 40 * MINUTE);
    expect(pending?.nextAt).toBeLessThan(POSTED + 41 * MINUTE);

    const late = { ...KEY, eventId: 'shusha' };
    clock.now = DAY_ENDS - 30 * MINUTE;
    await p.posted(late, NEWS, 'm2', DAY_ENDS);
    expect(await ledger.get(late)).toMatchObject({ status: 'failed', reason: 'rate-limited', nextAt: null });
  });

  it('records a publish pending at the day’s end as failed without trying, and a rejected one at once', async () => {
    const publisher = new ScriptedPublisher([refused]);
    const p = publishing(publisher);
    await p.posted(KEY, NEWS, 'm1', DAY_ENDS);
    clock.now = DAY_ENDS + MINUTE;
    await p.retryDue();
    expect(publisher.calls).toEqual(['m1']);
    expect(await ledger.get(KEY)).toMatchObject({ status: 'failed', reason: 'day-ended' });

    const gone = { ...KEY, eventId: 'shusha' };
    const rejecting = publishing(
      new ScriptedPublisher([{ ok: false, kind: 'rejected', detail: '10008: Unknown Message' }]),
    );
    clock.now = POSTED;
    await rejecting.posted(gone, NEWS, 'm2', DAY_ENDS);
    expect(await ledger.get(gone)).toMatchObject({ status: 'failed', reason: 'rejected' });
  });

  it('retries nothing while the server is paused, and carries on once it is resumed', async () => {
    const publisher = new ScriptedPublisher([refused, { ok: true }]);
    const p = publishing(publisher);
    await p.posted(KEY, NEWS, 'm1', DAY_ENDS);
    await settings.update(A, { paused: true, pauseReason: 'admin' }, POSTED);
    clock.now = POSTED + REFUSED_RETRY_MS;
    expect(await p.retryDue()).toBe(0);
    await settings.update(A, { paused: false }, clock.now);
    expect(await p.retryDue()).toBe(1);
    expect(await ledger.get(KEY)).toMatchObject({ status: 'published' });
  });

  it('deletes a removed server’s publications with the rest of its data after the grace period', async () => {
    await publishing(new ScriptedPublisher([refused])).posted(KEY, NEWS, 'm1', DAY_ENDS);
    await retention.markLeft(A, POSTED);
    expect(await retention.deleteLeftBefore(POSTED + 1)).toEqual([A]);
    expect(await ledger.get(KEY)).toBeNull();
  });
});
