import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { type Client, Events, REST } from 'discord.js';
import type { Kysely } from 'kysely';
import type pino from 'pino';
import { commands } from '../commands/index.js';
import type { CommandContext } from './app/command.js';
import { GuildMembership } from './app/guild-membership.js';
import { NoticePreview } from './app/notice-preview.js';
import { ServerSettings } from './app/server-settings.js';
import { type AppServices, eventsTabRefusalOf } from './app/services.js';
import { loadDataset } from './config/dataset-file.js';
import { type BotConfig, ConfigError, readConfig } from './config/env.js';
import { projectRoot } from './config/project-root.js';
import { ensureShardCount } from './config/shard-count.js';
import { shardPlan } from './config/shard-plan.js';
import { testClock, testHolds } from './config/test-hooks.js';
import { CacheNeeds } from './discord/cache-needs.js';
import { createDiscordClient } from './discord/client.js';
import { syncCommands } from './discord/command-registration.js';
import { CachedGuildDirectory } from './discord/guild-directory.js';
import { leaseIdentifyThrottler } from './discord/identify-throttler.js';
import type { InteractionObserver } from './discord/interaction-observer.js';
import { createInteractionRouter } from './discord/interaction-router.js';
import { networkFailureCode } from './discord/network-error.js';
import { DiscordNoticeSender } from './discord/notice-sender.js';
import { DiscordPublisher } from './discord/publisher.js';
import { DiscordScheduledEvents, EVENT_REQUEST_TIMEOUT_MS } from './discord/scheduled-events.js';
import { processSendLimit, SendPacer } from './discord/send-pacer.js';
import { buildNameIndex } from './domain/name-lookup.js';
import { createLogger, type Logger } from './logger.js';
import type { MetricSources } from './ops/metrics.js';
import { SHUTDOWN_DRAIN_MS } from './ops/shutdown.js';
import type { DeliveryObserver } from './schedule/delivery-observer.js';
import { EventsTab } from './schedule/events-tab.js';
import { HostHeartbeat } from './schedule/host-heartbeat.js';
import { InvalidRequestGuard } from './schedule/invalid-request-guard.js';
import { Publishing } from './schedule/publishing.js';
import { Scheduler } from './schedule/scheduler.js';
import { startTicker } from './schedule/ticker.js';
import { ConfigAudit } from './store/config-audit.js';
import { openDatabase } from './store/database.js';
import { databaseLocation, parseDatabaseUrl } from './store/database-url.js';
import { DeliveryLedger } from './store/delivery-ledger.js';
import { GuildRetention } from './store/guild-retention.js';
import { HostRepository } from './store/host-repository.js';
import { PublicationLedger } from './store/publication-ledger.js';
import { ScheduledEventRepository } from './store/scheduled-events.js';
import type { Schema } from './store/schema.js';
import { ServerDateRepository } from './store/server-date-repository.js';
import { SettingsRepository } from './store/settings-repository.js';

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
  /**
   * The time Discord's identify window is measured in, when it is not the wall clock: an in-process test whose
   * Discord (the emulator) shares its clock. It must never run slower than real time.
   */
  identifyClock?: Clock;
  logDestination?: pino.DestinationStream;
  /** Run the minute ticker (default true); tests call `scheduler.tick()` themselves. */
  ticker?: boolean;
  waitGuildTimeoutMs?: number;
  staleClaimMs?: number;
  /** How long a scheduled-event request may take (default a minute); tests of lost answers shorten it. */
  eventRequestTimeoutMs?: number;
  /** How long a command may take before its reply is deferred (0: at once); see the interaction router. */
  deferAfterMs?: number;
  /** Observes deliveries and interactions and reads the client (metrics); nothing by default. */
  observer?: DeliveryObserver & InteractionObserver & { attach?(sources: MetricSources): void };
}

export interface RunningBot {
  config: BotConfig;
  client: Client;
  scheduler: Scheduler;
  /** The Events tab job (run every five minutes by its own ticker). */
  eventsTab: EventsTab;
  settings: ServerSettings;
  membership: GuildMembership;
  logger: Logger;
  db: Kysely<Schema>;
  /** Stops the ticker, lets sends in flight finish (bounded), closes the gateway and the database. */
  stop(): Promise<void>;
}

/** The composition root: reads configuration, builds every part, wires them and starts the bot. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const config = readConfig(options.env);
  // A child process of an e2e test may run on a test clock (shared with its Discord, running at the real rate).
  const childTestClock = options.clock ? null : testClock(options.env);
  const clock = options.clock ?? childTestClock ?? { now: () => Date.now() };
  // Whole milliseconds: the ledger's timestamps are integers.
  const now = () => Math.floor(clock.now());
  const logger = createLogger({
    level: config.LOG_LEVEL,
    token: config.DISCORD_TOKEN,
    destination: options.logDestination,
  });
  const checkpoint = testHolds(options.env, (guildId, point) =>
    logger.info({ guildId, hold: point }, 'test hold reached'),
  );
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
  const publications = new PublicationLedger(database.db);
  // The Discord cache keeps only the channels and roles servers configured (and the bot's own roles).
  const needs = new CacheNeeds();
  const keep = (s: { channelId: string | null; roleId: string | null }) => {
    if (s.channelId) needs.keepChannel(s.channelId);
    if (s.roleId) needs.keepRole(s.roleId);
  };
  for (const s of await settingsRepo.listAll()) keep(s);
  const serverDates = new ServerDateRepository(database.db);
  const settings = new ServerSettings(
    settingsRepo,
    ledger,
    dataset,
    now,
    keep,
    new ConfigAudit(database.db),
    serverDates,
    publications,
  );
  const membership = new GuildMembership(
    new GuildRetention(database.db),
    settingsRepo,
    now,
    logger.child({ component: 'membership' }),
    (guildId) => settings.replan(guildId),
  );

  const identifyClock = options.identifyClock ?? childTestClock;
  const client = createDiscordClient(
    {
      apiUrl: config.DISCORD_API_URL,
      shards,
      waitGuildTimeoutMs: options.waitGuildTimeoutMs,
      // Real time: Discord's identify window is (on a test clock that runs at the real rate, its Discord's).
      identifyThrottler: leaseIdentifyThrottler({
        hosts,
        owner,
        logger,
        ...(identifyClock ? { now: () => identifyClock.now() } : {}),
      }),
    },
    needs,
  );
  options.observer?.attach?.({ client, serversConfigured: () => settingsRepo.countConfigured() });
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

  const scheduledEvents = new ScheduledEventRepository(database.db);
  const preview = new NoticePreview(dataset, settings, sender, now);
  const services: AppServices = {
    schedule: (guildId) => settings.schedule(guildId),
    settings,
    guilds,
    preview: (guildId, eventId) => preview.post(guildId, eventId),
    eventsTabRefusal: async (guildId) => eventsTabRefusalOf(await scheduledEvents.refusal(guildId)),
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
    observer: options.observer,
    serverLanguage: async (guildId) => (guildId ? (await settings.get(guildId)).language : 'en'),
    deferAfterMs: options.deferAfterMs,
  });
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));

  client.on(Events.ChannelDelete, (channel) => {
    if (channel.isDMBased()) return;
    const where = { guildId: channel.guildId, channelId: channel.id };
    settings.channelDeleted(channel.guildId, channel.id, channel.name).then(
      (paused) => paused && logger.warn(where, 'notice channel deleted; schedule paused'),
      (err: unknown) => logger.error({ err, ...where }, 'could not pause after channel delete'),
    );
  });
  // discord.js emits GuildDelete only for a removal (an outage's GUILD_DELETE is GuildUnavailable).
  client.on(Events.GuildDelete, (guild) => {
    membership
      .removed(guild.id, false)
      .catch((err: unknown) => logger.error({ err, guildId: guild.id }, 'could not record leaving'));
  });
  client.on(Events.GuildCreate, (guild) => {
    membership
      .present(guild.id)
      .catch((err: unknown) => logger.error({ err, guildId: guild.id }, 'could not record joining'));
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
    const network = networkFailureCode(err);
    if (network) {
      throw new ConfigError(
        `Cannot reach the Discord API at ${config.DISCORD_API_URL} (${network}): check the network, or DISCORD_API_URL.`,
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
    serverDates,
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
    publishing: new Publishing({
      ledger: publications,
      publisher: new DiscordPublisher(client, pacer),
      now,
      logger: logger.child({ component: 'publishing' }),
      shards: held,
      observer: options.observer,
    }),
    checkpoint,
    observer: options.observer,
  });
  await scheduler.initialise();
  // Servers missing from READY were left while the bot was down.
  await membership.reconcile(
    new Set(client.guilds.cache.keys()),
    Array.isArray(shardIds) ? { ids: shardIds, count: client.options.shardCount ?? 1 } : undefined,
  );
  const stopSweep = membership.startDailySweep();
  // Its own REST client: discord.js must never resend a create (see DiscordScheduledEvents).
  const eventsRest = new REST({
    api: config.DISCORD_API_URL,
    retries: 0,
    timeout: options.eventRequestTimeoutMs ?? EVENT_REQUEST_TIMEOUT_MS,
  }).setToken(config.DISCORD_TOKEN);
  const eventsTab = new EventsTab({
    dataset,
    settings: settingsRepo,
    serverDates,
    events: scheduledEvents,
    port: new DiscordScheduledEvents(client, eventsRest, guard, pacer, options.eventRequestTimeoutMs),
    now,
    logger: logger.child({ component: 'events-tab' }),
    owner,
    shards: held,
  });
  // The wall clock's minutes come from node-cron; a clock a test shifted needs ticks on its own minutes.
  const shiftedClock = options.clock || childTestClock ? now : undefined;
  const ticker =
    options.ticker === false
      ? null
      : startTicker(() => scheduler.tick(), logger, { name: 'anniversary-ticker', shiftedClock });
  // Every five minutes: an event is made 14 days ahead, so minutes do not matter; a changed posting time
  // reaches the Events tab within five.
  const eventsTicker =
    options.ticker === false
      ? null
      : startTicker(() => eventsTab.run(), logger, { name: 'events-tab', everyMinutes: 5, shiftedClock });
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
    eventsTab,
    settings,
    membership,
    logger,
    db: database.db,
    stop() {
      stopping ??= (async () => {
        ticker?.stop();
        eventsTicker?.stop();
        stopSweep();
        const drained = await scheduler.stop(SHUTDOWN_DRAIN_MS);
        // A pass in flight finishes (each request is bounded by its timeout) before the database closes.
        await eventsTab.idle();
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
