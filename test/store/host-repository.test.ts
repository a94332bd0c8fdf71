import { beforeEach, describe, expect, it } from 'vitest';
import { HostRepository } from '../../src/store/host-repository.js';
import { STORE_KINDS, useStore } from './stores.js';

describe.each(STORE_KINDS)('hosts sharing one database on %s', (kind) => {
  const store = useStore(kind);
  let a: HostRepository;
  let b: HostRepository;

  beforeEach(async () => {
    // Two connections to one database stand for two hosts.
    a = new HostRepository(store.db());
    b = new HostRepository((await store.openAnother()).db);
  });

  const beat = (hostId: string, shardIds: number[], now: number, shardCount = 2) => ({
    hostId,
    hostName: 'test',
    pid: 1,
    shardIds,
    shardCount,
    startedAt: 0,
    now,
  });

  it('records the first shard count and refuses another one', async () => {
    expect(await a.checkShardCount(2, 1_000, false, 0)).toEqual({ ok: true, recorded: 2 });
    expect(await b.checkShardCount(2, 2_000, false, 0)).toEqual({ ok: true, recorded: 2 });
    expect(await b.checkShardCount(3, 2_000, false, 0)).toEqual({ ok: false, recorded: 2, liveHosts: 0 });
  });

  it('changes the count on request only while no host of the old count is live', async () => {
    await a.checkShardCount(2, 1_000, false, 0);
    await a.beat(beat('host-a', [0, 1], 10_000));
    expect(await b.checkShardCount(4, 20_000, true, 5_000)).toEqual({ ok: false, recorded: 2, liveHosts: 1 });
    expect(await b.checkShardCount(4, 200_000, true, 110_000)).toEqual({
      ok: true,
      recorded: 4,
      changedFrom: 2,
    });
    expect(await a.checkShardCount(2, 200_000, false, 110_000)).toMatchObject({ ok: false, recorded: 4 });
  });

  it('keeps each host’s latest heartbeat per shard, and forgets a host that stops', async () => {
    await a.beat(beat('host-a', [0], 1_000));
    await b.beat(beat('host-b', [0, 1], 2_000));
    await a.beat(beat('host-a', [0], 31_000));
    expect(await a.lastSeenByShard()).toEqual(
      new Map([
        [0, 31_000],
        [1, 2_000],
      ]),
    );
    await b.remove('host-b');
    expect(await a.lastSeenByShard()).toEqual(new Map([[0, 31_000]]));
    await a.pruneBefore(40_000);
    expect(await a.lastSeenByShard()).toEqual(new Map());
  });

  it('gives a bucket’s identify lease to one of many asking at once, and again once it ends', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).takeIdentifyLease(0, `holder-${i}`, 1_000, 6_500)),
    );
    expect(results.filter((r) => r.taken)).toHaveLength(1);
    expect(results.filter((r) => !r.taken)).toEqual(
      Array.from({ length: 19 }, () => ({ taken: false, until: 6_500 })),
    );
    // Another bucket is independent; the same bucket is free only when the lease has ended.
    expect(await a.takeIdentifyLease(1, 'other', 1_000, 6_500)).toEqual({ taken: true });
    expect(await b.takeIdentifyLease(0, 'late', 6_499, 12_000)).toEqual({ taken: false, until: 6_500 });
    expect(await b.takeIdentifyLease(0, 'late', 6_500, 12_000)).toEqual({ taken: true });
  });
});
