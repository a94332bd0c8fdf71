import type { Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { IDENTIFY_LEASE_MS, LeaseIdentifyThrottler } from '../../src/discord/identify-throttler.js';
import { HostRepository } from '../../src/store/host-repository.js';
import type { Schema } from '../../src/store/schema.js';
import { STORE_KINDS, useStore } from '../store/stores.js';

describe.each(STORE_KINDS)('identify leases across processes on %s', (kind) => {
  const store = useStore(kind);
  let first: Kysely<Schema>;
  let second: Kysely<Schema>;
  let now: number;
  /** When each shard was let through, on the shared clock. */
  let identified: Array<{ shard: number; at: number }>;

  beforeEach(async () => {
    first = store.db();
    second = (await store.openAnother()).db;
    now = 1_000_000;
    identified = [];
  });

  /** A throttler whose sleeps advance the shared clock instead of waiting. */
  const throttler = (db: Kysely<Schema>, owner: string, maxConcurrency: number) =>
    new LeaseIdentifyThrottler({
      hosts: new HostRepository(db),
      owner,
      maxConcurrency,
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });

  async function identify(t: LeaseIdentifyThrottler, shard: number) {
    await t.waitForIdentify(shard, new AbortController().signal);
    identified.push({ shard, at: now });
  }

  it('lets two processes identify in one bucket only 5 s apart', async () => {
    const a = throttler(first, 'a', 1);
    const b = throttler(second, 'b', 1);
    await Promise.all([identify(a, 0), identify(b, 1)]);
    const [x, y] = identified.sort((p, q) => p.at - q.at);
    expect(y?.at ?? 0).toBeGreaterThanOrEqual((x?.at ?? 0) + 5_000);
    await identify(a, 0);
    expect(identified.map((i) => i.at).sort((p, q) => p - q)).toEqual([
      1_000_000,
      1_000_000 + IDENTIFY_LEASE_MS,
      1_000_000 + 2 * IDENTIFY_LEASE_MS,
    ]);
  });

  it('lets shards of different buckets identify at once', async () => {
    const a = throttler(first, 'a', 2);
    const b = throttler(second, 'b', 2);
    await Promise.all([identify(a, 0), identify(b, 1)]);
    expect(identified.map((i) => i.at)).toEqual([1_000_000, 1_000_000]);
  });

  it('gives up when discord.js aborts the wait', async () => {
    const a = throttler(first, 'a', 1);
    await identify(a, 0);
    const controller = new AbortController();
    controller.abort(new Error('shard destroyed'));
    await expect(a.waitForIdentify(0, controller.signal)).rejects.toThrow('shard destroyed');
  });
});
