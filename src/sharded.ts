import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager } from 'discord.js';
import { ConfigError, loadDotEnv, readConfig } from './config/env.js';
import { NODE_FLAGS } from './config/node-flags.js';
import { createLogger } from './logger.js';
import { startOpsServer } from './ops/http-server.js';
import { shardedEndpoints } from './ops/shard-ipc.js';

/**
 * `npm run start:sharded`: one process per shard through discord.js's ShardingManager. Each process posts
 * only for the servers on its shard; the delivery ledger still rules out a double post while two
 * processes overlap during a restart.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const config = readConfig(process.env);
  const logger = createLogger({ level: config.LOG_LEVEL, token: config.DISCORD_TOKEN });
  // discord.js's own 'auto' asks discord.com directly; ask the configured API (or proxy) instead.
  const totalShards =
    config.SHARD_COUNT === 'auto'
      ? (
          (await new REST({ api: config.DISCORD_API_URL })
            .setToken(config.DISCORD_TOKEN)
            .get(Routes.gatewayBot())) as {
            shards: number;
          }
        ).shards
      : config.SHARD_COUNT;
  const running = fileURLToPath(import.meta.url);
  const typescript = running.endsWith('.ts');
  const manager = new ShardingManager(running.replace(/sharded\.(ts|js)$/, `run-main.$1`), {
    totalShards,
    token: config.DISCORD_TOKEN,
    mode: 'process',
    execArgv: [...NODE_FLAGS, ...(typescript ? ['--import', import.meta.resolve('tsx')] : [])],
  });
  if (config.HTTP_PORT) {
    await startOpsServer(
      config.HTTP_HOST,
      config.HTTP_PORT,
      shardedEndpoints(manager, () => totalShards),
    );
  }
  manager.on('shardCreate', (shard) => {
    logger.info({ shardId: shard.id, totalShards }, 'shard process started');
    shard.on('death', () => logger.warn({ shardId: shard.id }, 'shard process exited'));
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    manager.respawn = false;
    logger.info({ signal }, 'stopping shard processes');
    const exits = [...manager.shards.values()].map(
      (shard) =>
        new Promise<void>((resolve) => {
          if (!shard.process || shard.process.exitCode !== null) return resolve();
          shard.process.once('exit', () => resolve());
          shard.process.kill('SIGTERM');
        }),
    );
    void Promise.all(exits).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Discord allows one IDENTIFY per 5 s per concurrency bucket; processes cannot coordinate, so space them.
  const delay = Number(process.env.SHARD_SPAWN_DELAY_MS ?? 5_500);
  if (!Number.isInteger(delay) || delay < 0)
    throw new ConfigError('SHARD_SPAWN_DELAY_MS must be a whole number of milliseconds.');
  await manager.spawn({ amount: totalShards, delay, timeout: 60_000 });
  logger.info({ totalShards }, 'all shards ready');
}

main().catch((err: unknown) => {
  process.stderr.write(`remembrance-bot: ${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(1);
});
