import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { CacheNeeds } from '../src/discord/cache-needs.js';
import { createDiscordClient } from '../src/discord/client.js';

/**
 * One configuration of the memory and start-up benchmark, in a process of its own so that nothing else
 * lives in its heap: logs in to the emulator, waits for clientReady, collects garbage, prints one JSON line.
 * Usage: node --expose-gc --import <tsx> bench/memory-child.ts --caches=bot|default --api=URL --token=T
 */

export interface ChildReport {
  caches: 'bot' | 'default';
  /** login() to clientReady. */
  readyMs: number;
  /** Process start to clientReady. */
  sinceStartMs: number;
  rssBefore: number;
  rssAfter: number;
  heapUsedAfter: number;
  externalAfter: number;
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

async function main(): Promise<void> {
  const caches = argument('caches');
  if (caches !== 'bot' && caches !== 'default') throw new Error('memory-child: --caches=bot|default');
  const api = argument('api');
  const token = argument('token');
  // The bot's client as main.ts builds it: the lean cache, told the bot's roles from the raw gateway packets.
  const needs = new CacheNeeds();
  const client =
    caches === 'bot'
      ? createDiscordClient({ apiUrl: api, shards: 'auto' }, needs)
      : new Client({ intents: [GatewayIntentBits.Guilds], rest: { api } });
  if (caches === 'bot') {
    client.on(Events.Raw, (packet: { t?: string | null; d?: unknown }) =>
      needs.observe(packet, client.user?.id),
    );
  }
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  const ready = once(client, Events.ClientReady);
  const t0 = performance.now();
  await client.login(token);
  await ready;
  const readyMs = performance.now() - t0;
  const sinceStartMs = performance.now();
  // Let the last frames and timers settle, then measure what the caches keep.
  await new Promise((resolve) => setTimeout(resolve, 500));
  collectGarbage();
  const usage = process.memoryUsage();
  const report: ChildReport = {
    caches,
    readyMs,
    sinceStartMs,
    rssBefore,
    rssAfter: usage.rss,
    heapUsedAfter: usage.heapUsed,
    externalAfter: usage.external,
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
