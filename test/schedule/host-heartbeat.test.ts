import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { HOST_LIVE_MS, HostHeartbeat, UNHELD_ALERT_MS } from '../../src/schedule/host-heartbeat.js';
import { HostRepository } from '../../src/store/host-repository.js';
import { STORE_KINDS, useStore } from '../store/stores.js';

describe.each(STORE_KINDS)('host heartbeats on %s', (kind) => {
  const store = useStore(kind);
  let hosts: HostRepository;
  let now: number;
  let logs: Array<Record<string, unknown>>;

  beforeEach(async () => {
    hosts = new HostRepository(store.db());
    now = Date.UTC(2027, 1, 26, 5, 0);
    logs = [];
  });

  const host = (hostId: string, ids: number[]) =>
    new HostHeartbeat({
      hosts,
      hostId,
      hostName: 'test',
      pid: 1,
      shards: { ids, count: 2 },
      now: () => now,
      logger: pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) }),
    });
  const alerts = () => logs.filter((l) => l.alert === 'shards-unheld');

  it('stays quiet while every shard is held, then alerts once a shard is unheld for minutes', async () => {
    const a = host('a', [0]);
    const b = host('b', [1]);
    await a.beat();
    await b.beat();
    expect(await a.check()).toEqual([]);
    // Host b is killed: its heartbeat goes stale, but an alert waits a few minutes past liveness.
    for (let t = 30_000; t <= HOST_LIVE_MS + UNHELD_ALERT_MS; t += 30_000) {
      now += 30_000;
      await a.beat();
      expect(await a.check()).toEqual([]);
    }
    now += 30_000;
    await a.beat();
    expect(await a.check()).toEqual([1]);
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0]).toMatchObject({ level: 50, shardIds: [1], shardCount: 2 });
    // A host takes shard 1 again: the alert stops.
    await host('c', [1]).beat();
    now += 30_000;
    await a.beat();
    expect(await a.check()).toEqual([]);
    expect(alerts()).toHaveLength(1);
  });

  it('counts a shard nobody ever held from when a host first saw it unheld', async () => {
    const a = host('a', [0]);
    await a.beat();
    expect(await a.check()).toEqual([]);
    now += UNHELD_ALERT_MS;
    await a.beat();
    expect(await a.check()).toEqual([]);
    now += 1;
    await a.beat();
    expect(await a.check()).toEqual([1]);
  });

  it('removes its heartbeat on a clean stop, so another host sees the shard free', async () => {
    const a = host('a', [0]);
    const b = host('b', [1]);
    await a.beat();
    await b.beat();
    await b.stop();
    expect(await hosts.lastSeenByShard()).toEqual(new Map([[0, now]]));
    expect(await a.check()).toEqual([]);
    now += UNHELD_ALERT_MS;
    await a.beat();
    expect(await a.check()).toEqual([]);
    now += 1;
    expect(await a.check()).toEqual([1]);
  });
});
