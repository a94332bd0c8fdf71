import { pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { ConfigError, loadDotEnv, readConfig } from './config/env.js';
import { type RunningBot, startBot } from './main.js';
import { type OpsEndpoints, startOpsServer } from './ops/http-server.js';
import { BotMetrics } from './ops/metrics.js';
import { readiness } from './ops/readiness.js';
import { answerOverIpc } from './ops/shard-ipc.js';
import { logDestination, quietStdio } from './ops/stdio.js';
import { StoreError } from './store/store-error.js';

/**
 * The process entry (`npm start`, the container's command): loads .env if present, starts the bot, and stops
 * it cleanly on SIGINT/SIGTERM, exit 0 after the drain (a second signal exits at once). A problem at start is
 * one line on stderr and exit 1.
 */
export async function runMain(): Promise<void> {
  // Whoever reads our output may go away (a closed pipe); logging must then stop, never the shutdown.
  quietStdio();
  let bot: RunningBot | undefined;
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!bot) {
      // Still starting: nothing is being sent yet, and pending migrations roll back as a whole.
      process.stderr.write(`remembrance-bot: ${signal} while starting; stopped.\n`);
      process.exit(0);
    }
    const running = bot;
    if (signalled) {
      running.logger.warn({ signal }, 'second signal; exiting now');
      process.exit(1);
    }
    signalled = true;
    stopping = true;
    running.logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        running.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // `npm start` forwards SIGTERM, but if npm itself is killed outright the bot must not stay behind, orphaned.
  if (process.env.npm_lifecycle_event) stopWhenOrphaned(() => onSignal('SIGHUP'));
  let stopping = false;
  const metrics = new BotMetrics();
  const endpoints: OpsEndpoints = {
    readiness: async () => {
      if (stopping) return { ready: false, reason: 'shutting down' };
      return bot ? readiness(bot.client, bot.db as Kysely<unknown>) : { ready: false, reason: 'starting' };
    },
    metrics: async () => ({
      contentType: metrics.registry.contentType,
      body: await metrics.registry.metrics(),
    }),
  };
  try {
    loadDotEnv();
    const config = readConfig(process.env);
    // A shard process of start:sharded answers the manager over IPC; the manager alone listens on HTTP_PORT.
    if (process.env.SHARDING_MANAGER && process.send) {
      answerOverIpc({ metrics: () => metrics.registry.getMetricsAsJSON(), readiness: endpoints.readiness });
    } else if (config.HTTP_PORT) {
      await startOpsServer(config.HTTP_HOST, config.HTTP_PORT, endpoints);
    }
    bot = await startBot({ env: process.env, logDestination: logDestination(), observer: metrics });
  } catch (err) {
    const message =
      err instanceof ConfigError || err instanceof StoreError
        ? err.message
        : `could not start: ${err instanceof Error ? err.message : String(err)}`;
    process.stderr.write(`remembrance-bot: ${message}\n`);
    process.exit(1);
  }
}

/** Calls `stop` once if the process that started this one goes away (the parent pid changes). */
function stopWhenOrphaned(stop: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop();
  }, 1_000);
  timer.unref();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runMain();
}
