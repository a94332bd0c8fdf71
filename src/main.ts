import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Client, Events } from 'discord.js';
import type pino from 'pino';
import { commands } from '../commands/index.js';
import type { CommandContext } from './app/command.js';
import { ServerSettings } from './app/server-settings.js';
import type { AppServices, PreviewOutcome } from './app/services.js';
import { loadDataset } from './config/dataset-file.js';
import { type BotConfig, ConfigError, loadDotEnv, readConfig } from './config/env.js';
import { projectRoot } from './config/project-root.js';
import { ensureShardCount } from './config/shard-count.js';
import { shardPlan } from './config/shard-plan.js';
import { CacheNeeds } from './discord/cache-needs.js';
import { createDiscordClient } from './discord/client.js';
import { syncCommands } from './discord/command-registration.js';
import { CachedGuildDirectory } from './discord/guild-directory.js';
import { leaseIdentifyThrottler } from './discord/identify-throttler.js';
import { createInteractionRouter } from './discord/interaction-router.js';
import { DiscordNoticeSender } from './discord/notice-sender.js';
import { processSendLimit, SendPacer } from './discord/send-pacer.js';
import { nextOccurrence, parseLocalTime } from './domain/anniversary.js';
import { eventsWithDay } from './domain/dataset.js';
import { buildNameIndex } from './domain/name-lookup.js';
import { noticeFor } from './domain/notice.js';
import { createLogger, type Logger } from './logger.js';
import { HostHeartbeat } from './schedule/host-heartbeat.js';
import { InvalidRequestGuard } from './schedule/invalid-request-guard.js';
import { Scheduler } from './schedule/scheduler.js';
import { startTicker } from './schedule/ticker.js';
import { openDatabase } from './store/database.js';
import { databaseLocation, parseDatabaseUrl } from './store/database-url.js';
import { DeliveryLedger } from './store/delivery-ledger.js';
import { HostRepository } from './store/host-repository.js';
import { SettingsRepository } from './store/settings-repository.js';
import { StoreError } from './store/store-error.js';

/** The clock everything asks for the time; tests pass one they control. */
export interface Clock {
  /** Epoch milliseconds (fractions are dropped). */
  now(): number;
}

export interface BotOptions {
  env: Record<string, string | undefined>;
  /** Where a relative DATABASE_URL starts; the working directory by default. */
  cwd?: string;
  clock?: Clock;
  logDestination?: pino.DestinationStream;
  /** Run the minute ticker (default true); tests call `scheduler.tick()` themselves. */
  ticker?: boolean;
  waitGuildTimeoutMs?: number;
  staleClaimMs?: number;
}

export interface RunningBot {
  config: BotConfig;
  client: Client;
  scheduler: Scheduler;
  settings: ServerSettings;
  logger: Logger;
  /** Stops the ticker, lets sends in flight finish (bounded), closes the gateway and the database. */
  stop(): Promise<void>;
}

/** The composition root: reads configuration, builds every part, wires them and starts the bot. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const config = readConfig(options.env);
  const clock = options.clock ?? { now: () => Date.now() };
  // Whole milliseconds: the ledger's timestamps are integers.
  const now = () => Math.floor(clock.now());
  const logger = createLogger({
    level: config.LOG_LEVEL,
    token: config.DISCORD_TOKEN,
    destination: options.logDestination,
  });
  const cwd = options.cwd ?? process.cwd();
  // The dataset ships with the code, so a relative DATASET_FILE is read from the project folder.
  const datasetFile = isAbsolute(config.DATASET_FILE)
    ? config.DATASET_FILE
    : resolve(projectRoot(), config.DATASET_FILE);
  const dataset = loadDataset(datasetFile);
  const databaseUrl = parseDatabaseUrl(config.DATABASE_URL, cwd);
  const database = await openDatabase(databaseUrl, {
    now,
    poolSize: config.DATABASE_POOL_SIZE,
    log: logger.child({ component: 'store' }),
  });
  logger.info(
    { database: databaseLocation(databaseUrl), dataset: datasetFile, events: dataset.events.length },
    'starting',
  );
  const hosts = new HostRepository(database.db);
  const shards = shardPlan(config, options.env);
  if (shards !== 'auto') {
    await ensureShardCount(hosts, shards.count, config.SHARD_COUNT_CHANGE, now()).catch(async (err) => {
      await database.close();
      throw err;
    });
  }
  // This process's name in the ledger, the heartbeats and the identify leases.
  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const settingsRepo = new SettingsRepository(database.db);
  const ledger = new DeliveryLedger(database.db);
  // The Discord cache keeps only the channels and roles servers configured (and the bot's own roles).
  const needs = new CacheNeeds();
  const keep = (s: { channelId: string | null; roleId: string | null }) => {
    if (s.channelId) needs.keepChannel(s.channelId);
    if (s.roleId) needs.keepRole(s.roleId);
  };
  for (const s of await settingsRepo.listAll()) keep(s);
  const settings = new ServerSettings(settingsRepo, ledger, dataset, now, keep);

  const client = createDiscordClient(
    {
      apiUrl: config.DISCORD_API_URL,
      shards,
      waitGuildTimeoutMs: options.waitGuildTimeoutMs,
      // Real time: Discord's identify window is.
      identifyThrottler: leaseIdentifyThrottler({ hosts, owner, logger }),
    },
    needs,
  );
  client.on(Events.Raw, (packet: { t?: string | null; d?: unknown }) =>
    needs.observe(packet, client.user?.id),
  );
  const guard = new InvalidRequestGuard(now);
  const sendLimit = processSendLimit({
    globalLimit: config.DISCORD_GLOBAL_RATE_LIMIT,
    processLimit: config.DISCORD_PROCESS_RATE_LIMIT,
    shardsHeld: shards === 'auto' ? 1 : shards.ids.length,
    shardCount: shards === 'auto' ? 1 : shards.count,
  });
  // Evenly spaced, not a burst per second: processes sharing the limit then never stack their bursts.
  const pacer = new SendPacer({ limit: sendLimit, minGapMs: Math.floor(1000 / sendLimit) });
  const sender = new DiscordNoticeSender(client, guard, pacer);
  const guilds = new CachedGuildDirectory(client, needs);

  const preview = async (guildId: string, eventId: string): Promise<PreviewOutcome> => {
    const s = await settings.get(guildId);
    const event = eventsWithDay(dataset).find((e) => e.id === eventId);
    const time = parseLocalTime(s.postTime);
    if (!event || !s.channelId || !time)
      return { ok: false, code: 'send-failed', detail: 'nothing to preview' };
    const occurrence = nextOccurrence(event.date, now(), time, s.timeZone);
    const notice = noticeFor(dataset, event, occurrence, { guildId, roleId: s.roleId, preview: true });
    const outcome = await sender.send(s.channelId, notice, s.language, null);
    if (outcome.ok) return outcome;
    return {
      ok: false,
      code: outcome.kind === 'refused' ? outcome.reason : 'send-failed',
      detail: outcome.detail,
    };
  };

  const services: AppServices = {
    async schedule(guildId) {
      const s = guildId ? await settings.get(guildId) : null;
      return {
        timeZone: s?.timeZone ?? 'Asia/Baku',
        postTime: parseLocalTime(s?.postTime ?? '09:00') ?? { hour: 9, minute: 0 },
      };
    },
    settings,
    guilds,
    preview,
  };
  const context: CommandContext<AppServices> = {
    dataset,
    names: buildNameIndex(dataset.events),
    now,
    services,
  };
  const route = createInteractionRouter({
    commands,
    context,
    logger,
    serverLanguage: async (guildId) => (guildId ? (await settings.get(guildId)).language : 'en'),
  });
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));

  client.on(Events.ChannelDelete, (channel) => {
    if (channel.isDMBased()) return;
    void (async () => {
      const s = await settingsRepo.get(channel.guildId);
      if (s?.channelId !== channel.id || s.paused) return;
      await settings.pauseForDiscord(channel.guildId, 'channel-deleted', `#${channel.name}`);
      logger.warn(
        { guildId: channel.guildId, channelId: channel.id },
        'notice channel deleted; schedule paused',
      );
    })().catch((err: unknown) =>
      logger.error({ err, guildId: channel.guildId }, 'could not pause after channel delete'),
    );
  });
  client.on(Events.GuildDelete, (guild) => {
    // Removed from a server (or it went unavailable): settings stay, so a re-invite restores them.
    logger.info({ guildId: guild.id, available: guild.available }, 'left server; settings kept');
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (_event, shardId) => logger.warn({ shardId }, 'shard disconnected'));

  const ready = new Promise<void>((resolveReady) => client.once(Events.ClientReady, () => resolveReady()));
  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (err) {
    await client.destroy();
    await database.close();
    if ((err as { code?: string }).code === 'TokenInvalid') {
      throw new ConfigError(
        'DISCORD_TOKEN was refused by Discord (401): reset the token in the Developer Portal and update .env.',
      );
    }
    throw err;
  }
  await ready;
  const application = client.application;
  if (!application) throw new Error('Discord sent READY without the application');
  await syncCommands({
    rest: client.rest,
    applicationId: application.id,
    definitions: commands.map((c) => c.definition),
    devGuildId: config.DISCORD_DEV_GUILD_ID,
    logger,
  });

  const shardIds = client.options.shards;
  const held = { ids: Array.isArray(shardIds) ? shardIds : [0], count: client.options.shardCount ?? 1 };
  if (shards === 'auto') {
    await ensureShardCount(hosts, held.count, config.SHARD_COUNT_CHANGE, now()).catch(async (err) => {
      await client.destroy();
      await database.close();
      throw err;
    });
  }
  const heartbeat = new HostHeartbeat({
    hosts,
    hostId: owner,
    hostName: hostname(),
    pid: process.pid,
    shards: held,
    now,
    logger: logger.child({ component: 'hosts' }),
  });
  await heartbeat.beat();
  heartbeat.start();
  const scheduler = new Scheduler({
    dataset,
    settings: settingsRepo,
    ledger,
    sender,
    guard,
    now,
    logger: logger.child({ component: 'scheduler' }),
    owner,
    shards: held,
    pause: async (guildId, reason, detail) => {
      await settings.pauseForDiscord(guildId, reason, detail);
    },
    staleClaimMs: options.staleClaimMs,
  });
  await scheduler.initialise();
  const ticker = options.ticker === false ? null : startTicker(() => scheduler.tick(), logger);
  logger.info(
    {
      user: client.user?.tag,
      guilds: client.guilds.cache.size,
      shards: shardIds,
      shardCount: held.count,
      sendLimit,
      commands: commands.length,
    },
    'bot ready',
  );

  let stopping: Promise<void> | null = null;
  return {
    config,
    client,
    scheduler,
    settings,
    logger,
    stop() {
      stopping ??= (async () => {
        ticker?.stop();
        const drained = await scheduler.stop(10_000);
        if (!drained)
          logger.warn('sends still in flight at shutdown; their claims will be retried after restart');
        await heartbeat
          .stop()
          .catch((err: unknown) => logger.warn({ err }, 'could not remove the host heartbeat'));
        await client.destroy();
        await database.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}

/** Loads .env if present, starts the bot, and stops it cleanly on SIGINT/SIGTERM (a second signal exits at once). */
export async function runMain(): Promise<void> {
  // discord.js warns once that limiting channel and role caches is unsupported; the bot does so on purpose
  // (see createDiscordClient), so that warning is not shown to whoever runs it. Other warnings still are.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name !== 'UnsupportedCacheOverwriteWarning')
      process.stderr.write(`${warning.name}: ${warning.message}\n`);
  });
  let bot: RunningBot;
  try {
    loadDotEnv();
    bot = await startBot({ env: process.env });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof StoreError) {
      process.stderr.write(`remembrance-bot: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      bot.logger.warn({ signal }, 'second signal; exiting now');
      process.exit(1);
    }
    signalled = true;
    bot.logger.info({ signal }, 'shutting down');
    bot.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        bot.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runMain();
}
