import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/env.js';
import { shardPlan } from '../../src/config/shard-plan.js';
import { processSendLimit } from '../../src/discord/send-pacer.js';

const TOKEN = 'fake-token-for-config-tests';
const plan = (env: Record<string, string>) => shardPlan(readConfig({ DISCORD_TOKEN: TOKEN, ...env }), env);

describe('shardPlan', () => {
  it('runs every shard of a numeric count, or those in SHARD_IDS', () => {
    expect(plan({})).toBe('auto');
    expect(plan({ SHARD_COUNT: '3' })).toEqual({ ids: [0, 1, 2], count: 3 });
    expect(plan({ SHARD_COUNT: '4', SHARD_IDS: '2-3' })).toEqual({ ids: [2, 3], count: 4 });
  });

  it('in a ShardingManager child, runs the shard the manager gave it', () => {
    const env = { SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2', SHARD_IDS: '0,1' };
    expect(plan(env)).toEqual({ ids: [1], count: 2 });
    expect(plan({ ...env, SHARDS: '[0,1]' })).toEqual({ ids: [0, 1], count: 2 });
  });
});

describe('processSendLimit', () => {
  it('gives each process the fraction of the global limit its shards cover, under 50/s together', () => {
    expect(processSendLimit({ globalLimit: 50, shardsHeld: 1, shardCount: 1 })).toBe(48);
    expect(processSendLimit({ globalLimit: 50, shardsHeld: 1, shardCount: 2 })).toBe(22);
    expect(processSendLimit({ globalLimit: 50, shardsHeld: 3, shardCount: 4 })).toBe(33);
    const perProcess = Array.from({ length: 7 }, () =>
      processSendLimit({ globalLimit: 50, shardsHeld: 1, shardCount: 7 }),
    );
    expect(perProcess.reduce((a, b) => a + b)).toBeLessThanOrEqual(50);
  });

  it('follows a raised global limit, never goes below 1, and yields to a per-process override', () => {
    expect(processSendLimit({ globalLimit: 500, shardsHeld: 1, shardCount: 2 })).toBe(225);
    expect(processSendLimit({ globalLimit: 50, shardsHeld: 1, shardCount: 100 })).toBe(1);
    expect(processSendLimit({ globalLimit: 50, processLimit: 10, shardsHeld: 1, shardCount: 2 })).toBe(10);
  });
});
