import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager } from 'discord.js';
import { ConfigError, loadDotEnv, readConfig } from './config/env.js';
import { NODE_FLAGS } from './config/node-flags.js';
import { ensureShardCount } from './config/shard-count.js';
import { createLogger } from './logger.js';
import { startOpsServer } from './ops/http-server.js';
import { shardedEndpoints } from './ops/shard-ipc.js';
import { openDatabase } from './store/database.js';
import { parseDatabaseUrl } from './store/database-url.js';
import { HostRepository } from './store/host-repository.js';
import { StoreError } from './store/store-error.js';

/**
 * `npm run start:sharded`: one process per shard through discord.js's ShardingManager — every shard, or
 * those in SHARD_IDS when several hosts split the bot. Each process posts only for the servers on its
 * shard; the delivery ledger still rules out a double post while two processes overlap during a restart.
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
  // Refuse a count other than the database's before any shard process starts (each would refuse alike).
  const database = await openDatabase(parseDatabaseUrl(config.DATABASE_URL, process.cwd()));
  try {
    await ensureShardCount(
      new HostRepository(database.db),
      totalShards,
      config.SHARD_COUNT_CHANGE,
      Date.now(),
    );
  } finally {
    await database.close();
  }
  const running = fileURLToPath(import.meta.url);
  const typescript = running.endsWith('.ts');
  const manager = new ShardingManager(running.replace(/sharded\.(ts|js)$/, `run-main.$1`), {
    totalShards,
    shardList: config.SHARD_IDS ?? 'auto',
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
  // Shard processes space their IDENTIFYs through leases in the database (LeaseIdentifyThrottler), so
  // they need not be started apart; a delay can still be set.
  const delay = Number(process.env.SHARD_SPAWN_DELAY_MS ?? 0);
  if (!Number.isInteger(delay) || delay < 0)
    throw new ConfigError('SHARD_SPAWN_DELAY_MS must be a whole number of milliseconds.');
  await manager.spawn({ amount: totalShards, delay, timeout: 60_000 });
  logger.info({ totalShards, shards: manager.shardList }, 'all shards ready');
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof StoreError;
  process.stderr.write(`remembrance-bot: ${known ? err.message : String(err)}\n`);
  process.exit(1);
});
