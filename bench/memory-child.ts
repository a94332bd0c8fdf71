import { once } from 'node:events';
import { Writable } from 'node:stream';
import { getHeapSpaceStatistics } from 'node:v8';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { CacheNeeds } from '../src/discord/cache-needs.js';
import { createDiscordClient } from '../src/discord/client.js';
import { startBot } from '../src/main.js';

/**
 * One configuration of the memory and start-up benchmark, in a process of its own so that nothing else
 * lives in its heap: logs in to the emulator, waits for clientReady, collects garbage, prints one JSON line.
 * Usage: node --expose-gc dist-bench/bench/memory-child.js --caches=app|bot|default --api=URL --token=T
 *   [--db=FILE --shards=auto|N] (app only)
 */

export interface ChildReport {
  caches: Caches;
  /** RSS at ready + 500 ms, before any forced gc: what an operator sees from outside. */
  rssReady: number;
  /** login() to clientReady. */
  readyMs: number;
  /** Process start to clientReady. */
  sinceStartMs: number;
  rssBefore: number;
  rssAfter: number;
  heapUsedAfter: number;
  externalAfter: number;
  heapTotalAfter: number;
  arrayBuffersAfter: number;
  /** V8's heap spaces after gc: committed (physical) bytes per space. */
  spaces: Record<string, number>;
  shards: number;
  guilds: number;
  channels: number;
  roles: number;
  members: number;
  users: number;
}

function argument(name: string): string {
  const prefix = `--${name}=`;
  const value = process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
  if (!value) throw new Error(`memory-child: --${name} is required`);
  return value;
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('memory-child: run node with --expose-gc');
  for (let i = 0; i < 3; i++) gc();
}

/** `app` = the whole bot (startBot: store, scheduler, router, lean caches); `bot` = its client alone. */
export type Caches = 'app' | 'bot' | 'default';

/** The whole bot as npm start runs it, against the emulator and a database file the parent seeded. */
async function startApp(api: string, token: string): Promise<Client> {
  const bot = await startBot({
    env: {
      DISCORD_TOKEN: token,
      DISCORD_API_URL: api,
      DATABASE_URL: `sqlite:${argument('db')}`,
      LOG_LEVEL: 'info',
      SHARD_COUNT: argument('shards'),
    },
    ticker: false,
    waitGuildTimeoutMs: 30_000,
    logDestination: new Writable({ write: (_c, _e, done) => done() }),
  });
  return bot.client;
}

/** The client alone: the bot's lean caches (told the bot's roles from raw packets), or discord.js's defaults. */
async function startClient(caches: 'bot' | 'default', api: string, token: string): Promise<Client> {
  const needs = new CacheNeeds();
  const client =
    caches === 'bot'
      ? createDiscordClient({ apiUrl: api, shards: 'auto' }, needs)
      : new Client({ intents: [GatewayIntentBits.Guilds], rest: { api }, shards: 'auto' });
  if (caches === 'bot') {
    client.on(Events.Raw, (packet: { t?: string | null; d?: unknown }) =>
      needs.observe(packet, client.user?.id),
    );
  }
  const ready = once(client, Events.ClientReady);
  await client.login(token);
  await ready;
  return client;
}

async function main(): Promise<void> {
  const caches = argument('caches');
  if (caches !== 'app' && caches !== 'bot' && caches !== 'default')
    throw new Error('memory-child: --caches=app|bot|default');
  const api = argument('api');
  const token = argument('token');
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const client = caches === 'app' ? await startApp(api, token) : await startClient(caches, api, token);
  const readyMs = performance.now() - t0;
  const sinceStartMs = performance.now();
  // Let the last frames and timers settle; read RSS as an operator would, then what the caches keep.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rssReady = process.memoryUsage().rss;
  collectGarbage();
  const usage = process.memoryUsage();
  const report: ChildReport = {
    caches,
    rssReady,
    readyMs,
    sinceStartMs,
    rssBefore,
    rssAfter: usage.rss,
    heapUsedAfter: usage.heapUsed,
    externalAfter: usage.external,
    heapTotalAfter: usage.heapTotal,
    arrayBuffersAfter: usage.arrayBuffers,
    spaces: Object.fromEntries(getHeapSpaceStatistics().map((sp) => [sp.space_name, sp.physical_space_size])),
    shards: client.ws.shards.size,
    guilds: client.guilds.cache.size,
    channels: client.channels.cache.size,
    roles: client.guilds.cache.reduce((n, g) => n + g.roles.cache.size, 0),
    members: client.guilds.cache.reduce((n, g) => n + g.members.cache.size, 0),
    users: client.users.cache.size,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  await client.destroy();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
