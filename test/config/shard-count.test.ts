import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/env.js';
import { ensureShardCount } from '../../src/config/shard-count.js';
import { HostRepository } from '../../src/store/host-repository.js';
import { STORE_KINDS, useStore } from '../store/stores.js';

describe.each(STORE_KINDS)('the recorded shard count on %s', (kind) => {
  const store = useStore(kind);

  it('is recorded by the first host and refused in one line to a host with another', async () => {
    const hosts = new HostRepository(store.db());
    expect(await ensureShardCount(hosts, 2, undefined, 1_000)).toEqual({});
    expect(await ensureShardCount(hosts, 2, undefined, 2_000)).toEqual({});
    const refused = await ensureShardCount(hosts, 3, undefined, 3_000).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toBe(
      "SHARD_COUNT is 3 but this bot's database records 2 shards; use SHARD_COUNT=2 on every host, or to change it, start with SHARD_COUNT=3 and SHARD_COUNT_CHANGE=3 while every other host is stopped.",
    );
  });

  it('changes with SHARD_COUNT_CHANGE only once no host of the old count is live', async () => {
    const hosts = new HostRepository(store.db());
    await ensureShardCount(hosts, 2, undefined, 1_000);
    const beat = { hostId: 'a', hostName: 'a', pid: 1, shardIds: [0, 1], shardCount: 2, startedAt: 0 };
    await hosts.beat({ ...beat, now: 10_000 });
    const refused = await ensureShardCount(hosts, 4, 4, 20_000).catch((e: unknown) => e);
    expect((refused as Error).message).toMatch(/stop the 1 running host\(s\) first/);
    expect(await ensureShardCount(hosts, 4, 4, 10_000 + 90_001)).toEqual({ changedFrom: 2 });
    expect(await ensureShardCount(hosts, 4, undefined, 200_000)).toEqual({});
  });
});
