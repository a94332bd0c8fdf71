import { randomUUID } from 'node:crypto';
import type { Shard, ShardingManager } from 'discord.js';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { OpsEndpoints } from './http-server.js';
import type { Readiness } from './readiness.js';

type Metrics = MetricObjectWithValues<MetricValue<string>>[];

const ASK = 'remembrance:ops?';
const ANSWER = 'remembrance:ops';
interface Ask {
  type: typeof ASK;
  id: string;
}
interface Answer {
  type: typeof ANSWER;
  id: string;
  metrics: Metrics;
  readiness: Readiness;
}

/** In a shard process: answers the manager's requests for this process's metrics and readiness. */
export function answerOverIpc(read: { metrics(): Promise<Metrics>; readiness(): Promise<Readiness> }): void {
  process.on('message', (message: Partial<Ask>) => {
    if (message?.type !== ASK || typeof message.id !== 'string') return;
    const id = message.id;
    void (async () => {
      const answer: Answer = {
        type: ANSWER,
        id,
        metrics: await read.metrics(),
        readiness: await read.readiness(),
      };
      process.send?.(answer);
    })().catch(() => undefined);
  });
}

/** How long the manager waits for one shard process to answer. */
const ANSWER_TIMEOUT_MS = 5_000;

function ask(shard: Shard): Promise<Answer | null> {
  if (!shard.process || shard.process.exitCode !== null) return Promise.resolve(null);
  const id = randomUUID();
  return new Promise((resolve) => {
    const onMessage = (message: Partial<Answer>) => {
      if (message?.type !== ANSWER || message.id !== id) return;
      finish(message as Answer);
    };
    const timer = setTimeout(() => finish(null), ANSWER_TIMEOUT_MS);
    function finish(answer: Answer | null) {
      clearTimeout(timer);
      shard.off('message', onMessage);
      resolve(answer);
    }
    shard.on('message', onMessage);
    shard.send({ type: ASK, id } satisfies Ask).catch(() => finish(null));
  });
}

/**
 * For `npm run start:sharded`: the manager's /metrics adds up every shard process's metrics (prom-client's
 * aggregator, fed over the ShardingManager's IPC instead of cluster's), and /readyz is ready when every shard
 * process is.
 */
export function shardedEndpoints(manager: ShardingManager, totalShards: () => number): OpsEndpoints {
  const collect = async () => Promise.all([...manager.shards.values()].map(ask));
  return {
    async readiness() {
      const answers = await collect();
      if (answers.length < totalShards()) {
        return { ready: false, reason: `${answers.length} of ${totalShards()} shard processes started` };
      }
      for (const [index, answer] of answers.entries()) {
        if (!answer) return { ready: false, reason: `shard process ${index} did not answer` };
        if (!answer.readiness.ready)
          return { ready: false, reason: `shard process ${index}: ${answer.readiness.reason}` };
      }
      return { ready: true };
    },
    async metrics() {
      const answers = (await collect()).filter((a): a is Answer => a !== null);
      const registry = AggregatorRegistry.aggregate(answers.map((a) => a.metrics));
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
