import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { type DeliveryKey, deliveryNonce } from '../../src/store/delivery.js';
import { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import type { Schema } from '../../src/store/schema.js';
import { StoreError } from '../../src/store/store-error.js';
import { snowflake } from './fixtures.js';
import { STORE_KINDS, useStore } from './stores.js';

const KEY: DeliveryKey = { guildId: snowflake(1), eventId: 'black-january', year: 2026 };
const STALE = 60_000;
const claimAt = (owner: string, now: number) => ({ owner, now, dueAt: 500, staleAfterMs: STALE });

describe.each(STORE_KINDS)('DeliveryLedger on %s', (kind) => {
  const store = useStore(kind);
  let db: Kysely<Schema>;
  let ledger: DeliveryLedger;

  beforeEach(() => {
    db = store.db();
    ledger = new DeliveryLedger(db);
  });

  it('claims a new delivery, refuses a second claim, and records the message', async () => {
    const first = await ledger.claim(KEY, claimAt('shard-0', 1_000));
    expect(first).toEqual({
      claimed: true,
      delivery: {
        ...KEY,
        status: 'claimed',
        nonce: deliveryNonce(KEY),
        messageId: null,
        reason: null,
        retryable: false,
        attempts: 1,
        claimedBy: 'shard-0',
        claimedAt: 1_000,
        updatedAt: 1_000,
        dueAt: 500,
      },
    });
    expect(await ledger.claim(KEY, claimAt('shard-1', 2_000))).toEqual({
      claimed: false,
      delivery: first.delivery,
    });
    expect((await ledger.claim(KEY, claimAt('shard-0', 2_000))).claimed).toBe(false);

    await ledger.markSent(KEY, 'msg-1', 3_000);
    expect(await ledger.get(KEY)).toMatchObject({ status: 'sent', messageId: 'msg-1', updatedAt: 3_000 });
    const afterSent = await ledger.claim(KEY, claimAt('shard-1', 10 * STALE));
    expect(afterSent).toMatchObject({ claimed: false, delivery: { status: 'sent', messageId: 'msg-1' } });
  });

  it('keeps the first message id if a delivery is marked sent twice', async () => {
    await ledger.claim(KEY, claimAt('a', 0));
    await ledger.markSent(KEY, 'msg-1', 1);
    await ledger.markSent(KEY, 'msg-2', 2);
    expect(await ledger.get(KEY)).toMatchObject({ messageId: 'msg-1', updatedAt: 1 });
  });

  it('takes over a claim only once it is older than staleAfterMs', async () => {
    await ledger.claim(KEY, claimAt('crashed', 1_000));
    expect((await ledger.claim(KEY, claimAt('rescuer', 1_000 + STALE))).claimed).toBe(false);
    const rescued = await ledger.claim(KEY, claimAt('rescuer', 1_001 + STALE));
    expect(rescued).toMatchObject({
      claimed: true,
      delivery: {
        status: 'claimed',
        claimedBy: 'rescuer',
        claimedAt: 1_001 + STALE,
        attempts: 2,
        dueAt: 500,
      },
    });
  });

  it('lets a retryable failure be claimed again, but not a final one', async () => {
    await ledger.claim(KEY, claimAt('a', 0));
    await ledger.markFailed(KEY, 'HTTP 503', true, 10);
    expect(await ledger.get(KEY)).toMatchObject({ status: 'failed', reason: 'HTTP 503', retryable: true });
    const retry = await ledger.claim(KEY, claimAt('b', 20));
    expect(retry).toMatchObject({
      claimed: true,
      delivery: { status: 'claimed', claimedBy: 'b', attempts: 2, reason: null, retryable: false },
    });
    await ledger.markFailed(KEY, 'Missing Access (50001)', false, 30);
    expect(await ledger.claim(KEY, claimAt('c', 10 * STALE))).toMatchObject({
      claimed: false,
      delivery: { status: 'failed', reason: 'Missing Access (50001)', retryable: false },
    });
  });

  it('never turns a sent delivery into failed or missed', async () => {
    await ledger.claim(KEY, claimAt('a', 0));
    await ledger.markSent(KEY, 'msg-1', 1);
    await ledger.markFailed(KEY, 'late error', true, 2);
    await ledger.markMissed(KEY, 'bot was down', 3);
    expect(await ledger.get(KEY)).toMatchObject({
      status: 'sent',
      messageId: 'msg-1',
      reason: null,
      updatedAt: 1,
    });
  });

  it('records a miss for a delivery nobody claimed, and then refuses claims', async () => {
    await ledger.markMissed(KEY, 'bot was down all day', 9_000, 500);
    expect(await ledger.get(KEY)).toEqual({
      ...KEY,
      status: 'missed',
      nonce: deliveryNonce(KEY),
      messageId: null,
      reason: 'bot was down all day',
      retryable: false,
      attempts: 0,
      claimedBy: null,
      claimedAt: null,
      updatedAt: 9_000,
      dueAt: 500,
    });
    expect((await ledger.claim(KEY, claimAt('a', 10_000))).claimed).toBe(false);
  });

  it('marks a claimed or failed delivery missed, and a message sent after all still wins', async () => {
    await ledger.claim(KEY, claimAt('a', 0));
    await ledger.markMissed(KEY, 'window passed', 5);
    expect(await ledger.get(KEY)).toMatchObject({
      status: 'missed',
      claimedBy: 'a',
      attempts: 1,
      dueAt: 500,
    });
    await ledger.markSent(KEY, 'msg-late', 6);
    expect(await ledger.get(KEY)).toMatchObject({ status: 'sent', messageId: 'msg-late', reason: null });
  });

  it('refuses to mark a delivery that was never claimed', async () => {
    const error = await ledger.markSent(KEY, 'msg', 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('unknown-delivery');
    await expect(ledger.markFailed(KEY, 'x', true, 1)).rejects.toThrow(/was never claimed/);
  });

  it('lists one server’s deliveries by year, optionally from a year on', async () => {
    const other = snowflake(2);
    for (const [guildId, eventId, year] of [
      [KEY.guildId, 'b', 2025],
      [KEY.guildId, 'a', 2026],
      [KEY.guildId, 'a', 2024],
      [other, 'a', 2026],
    ] as const) {
      await ledger.claim({ guildId, eventId, year }, claimAt('a', 0));
    }
    const keys = async (since?: number) =>
      (await ledger.listForGuild(KEY.guildId, since)).map((d) => `${d.year}/${d.eventId}`);
    expect(await keys()).toEqual(['2024/a', '2025/b', '2026/a']);
    expect(await keys(2025)).toEqual(['2025/b', '2026/a']);
    expect(await ledger.listForGuild(snowflake(3))).toEqual([]);
  });
});

describe('deliveryNonce', () => {
  it('is deterministic, 25 base-36 characters, and distinct per key', () => {
    expect(deliveryNonce(KEY)).toBe(deliveryNonce({ ...KEY }));
    // Pinned (computed independently in Python): changing the scheme would let a retry after an
    // upgrade post a second message for a delivery claimed before it.
    expect(deliveryNonce(KEY)).toBe('6e0uddd622aegcq174yefg4xr');
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.integer({ min: 1900, max: 9999 }),
        (guildId, eventId, year) => {
          const nonce = deliveryNonce({ guildId, eventId, year });
          expect(nonce).toMatch(/^[0-9a-z]{25}$/);
          expect(nonce).not.toBe(deliveryNonce({ guildId, eventId, year: year + 1 }));
        },
      ),
    );
  });

  it('does not confuse keys whose parts run together', () => {
    expect(deliveryNonce({ guildId: '1', eventId: '2:3', year: 2026 })).not.toBe(
      deliveryNonce({ guildId: '1:2', eventId: '3', year: 2026 }),
    );
  });
});
