import type { AddressInfo } from 'node:net';
import { CommandStore } from './commands.js';
import type { Core, ResolvedOptions } from './core.js';
import { crosspostRoutes, PublishLog } from './crosspost.js';
import { Faults } from './faults.js';
import { apiUser } from './fixtures.js';
import { Gateway } from './gateway.js';
import { interactionRoutes } from './interaction-routes.js';
import { InteractionRegistry } from './interactions.js';
import { MessageStore, messageRoutes } from './messages.js';
import { BucketLimiter, GlobalLimiter } from './rate-limits.js';
import { restRoutes } from './rest-routes.js';
import { Router } from './router.js';
import {
  createdEvent,
  ScheduledEventStore,
  type StoredScheduledEvent,
  scheduledEventRoutes,
} from './scheduled-events.js';
import { createRestServer, Ledger } from './server.js';
import { createSnowflakes } from './snowflake.js';
import type {
  ChannelFixture,
  ComponentInput,
  Emulator,
  EmulatorOptions,
  Fault,
  FaultMatch,
  GuildFixture,
  InteractionHandle,
  InteractionInput,
  OverwriteFixture,
  StoredMessage,
} from './types.js';
import { World } from './world.js';

export type * from './types.js';

/** A local Discord (REST under /api/v10 and the gateway on one port) that the real discord.js client talks to. */

export const DEFAULT_APPLICATION_ID = '1098765432109876543';

function resolveOptions(o: EmulatorOptions): ResolvedOptions {
  const applicationId = o.applicationId ?? DEFAULT_APPLICATION_ID;
  return {
    token: o.token ?? 'test-token',
    applicationId,
    botUserId: o.botUserId ?? applicationId,
    botUsername: o.botUsername ?? 'Emulated Bot',
    heartbeatIntervalMs: o.heartbeatIntervalMs ?? 300,
    shardCount: o.shardCount ?? 1,
    maxConcurrency: o.maxConcurrency ?? 16,
    globalRateLimit: o.globalRateLimit ?? false,
    routeRateLimit: o.routeRateLimit ?? { limit: 50, windowMs: 1000 },
    interactionAckTimeoutMs: o.interactionAckTimeoutMs ?? 3000,
    interactionTokenTtlMs: o.interactionTokenTtlMs ?? 15 * 60_000,
    nonceWindowMs: o.nonceWindowMs ?? 5 * 60_000,
    privilegedIntents: o.privilegedIntents ?? false,
    now: o.now ?? Date.now,
    logRequests: o.logRequests ?? false,
  };
}

class DiscordEmulator implements Emulator {
  port = 0;
  private readonly core: Core;
  private readonly faults = new Faults();
  private readonly events = new ScheduledEventStore();
  /** Publishes per announcement channel, for Discord's hourly limit; tests add others' publishes. */
  readonly publishes = new PublishLog();
  private readonly server;

  constructor(options: EmulatorOptions) {
    const opts = resolveOptions(options);
    const ids = createSnowflakes(opts.now);
    const timestamp = () => new Date(opts.now()).toISOString();
    const ledger = new Ledger();
    const getCore = () => this.core;
    const world = new World({ id: opts.botUserId, username: opts.botUsername }, ids, timestamp, (g, t, d) =>
      this.core.gateway.dispatchGuild(g, t, d),
    );
    const gateway = new Gateway({
      token: opts.token,
      applicationId: opts.applicationId,
      heartbeatIntervalMs: opts.heartbeatIntervalMs,
      privilegedIntents: opts.privilegedIntents,
      world,
      now: opts.now,
      url: () => this.gatewayUrl,
    });
    this.core = {
      opts,
      world,
      gateway,
      ledger,
      ids,
      timestamp,
      commands: new CommandStore(opts.applicationId, ids, opts.now),
      messages: new MessageStore(getCore),
      interactions: new InteractionRegistry(getCore),
      gatewayUrl: () => this.gatewayUrl,
    };
    const router = new Router();
    restRoutes(router, getCore);
    messageRoutes(router, getCore);
    crosspostRoutes(router, getCore, this.publishes);
    interactionRoutes(router, getCore);
    scheduledEventRoutes(router, getCore, this.events);
    this.server = createRestServer({
      token: opts.token,
      router,
      faults: this.faults,
      buckets: new BucketLimiter(opts.routeRateLimit.limit, opts.routeRateLimit.windowMs),
      global: opts.globalRateLimit === false ? undefined : new GlobalLimiter(opts.globalRateLimit),
      ledger,
      now: opts.now,
      logRequests: opts.logRequests,
    });
    this.server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
    for (const g of options.guilds ?? []) world.addGuild(g);
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get apiUrl() {
    return `http://127.0.0.1:${this.port}/api`;
  }
  get gatewayUrl() {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }
  get applicationId() {
    return this.core.opts.applicationId;
  }
  get botUserId() {
    return this.core.opts.botUserId;
  }
  get token() {
    return this.core.opts.token;
  }
  get requests() {
    return this.core.ledger.requests;
  }
  get violations() {
    return this.core.ledger.violations;
  }
  get globalRateLimitHits() {
    return this.core.ledger.globalRateLimitHits;
  }
  get invalidRequests() {
    return this.core.ledger.invalidRequests;
  }
  get identifies() {
    return this.core.gateway.identifies;
  }
  get identifyRateViolations() {
    const last = new Map<number, number>();
    const found: Array<{ bucket: number; shard: [number, number]; gapMs: number }> = [];
    for (const i of [...this.identifies].sort((x, y) => x.time - y.time)) {
      const bucket = i.shard[0] % this.core.opts.maxConcurrency;
      const previous = last.get(bucket);
      if (previous !== undefined && i.time - previous < 5_000)
        found.push({ bucket, shard: i.shard, gapMs: i.time - previous });
      last.set(bucket, i.time);
    }
    return found;
  }
  get resumes() {
    return this.core.gateway.resumes;
  }
  get heartbeats() {
    return this.core.gateway.heartbeats;
  }

  messages(channelId?: string): StoredMessage[] {
    return this.core.messages.list(channelId);
  }
  postAs(
    author: { id: string; username: string; bot?: boolean },
    channelId: string,
    body: Record<string, unknown>,
  ): StoredMessage {
    const channel = this.core.world.channel(channelId);
    if (!channel) throw new Error(`postAs: unknown channel ${channelId}`);
    return this.core.messages.create({
      channelId,
      guildId: channel.guildId,
      body: body as never,
      extra: { author: apiUser(author.id, author.username, author.bot ?? false) },
    }).message;
  }
  scheduledEvents(guildId?: string): StoredScheduledEvent[] {
    return this.events.list(guildId);
  }
  addScheduledEventAs(
    creatorId: string,
    guildId: string,
    body: Record<string, unknown>,
  ): StoredScheduledEvent {
    const event = createdEvent(() => this.core, guildId, creatorId, body as never);
    this.events.add(event);
    return event;
  }
  commands(guildId?: string): unknown[] {
    return this.core.commands.list(guildId);
  }
  addGuild(g: GuildFixture): void {
    this.core.world.addGuild(g);
  }
  removeGuild(guildId: string): void {
    this.core.world.removeGuild(guildId);
  }
  guildOutage(guildId: string): void {
    this.core.world.guildOutage(guildId);
  }
  addChannel(guildId: string, channel: ChannelFixture): void {
    this.core.world.addChannel(guildId, channel);
  }
  deleteChannel(guildId: string, channelId: string): void {
    this.core.world.deleteChannel(guildId, channelId);
  }
  setChannelOverwrites(guildId: string, channelId: string, overwrites: OverwriteFixture[]): void {
    this.core.world.setChannelOverwrites(guildId, channelId, overwrites);
  }
  setRolePermissions(guildId: string, roleId: string, permissions: string): void {
    this.core.world.setRolePermissions(guildId, roleId, permissions);
  }
  setBotRoles(guildId: string, roleIds: string[]): void {
    this.core.world.setBotRoles(guildId, roleIds);
  }
  setBotPermissions(guildId: string, permissions: string): void {
    this.core.world.setBotPermissions(guildId, permissions);
  }
  botPermissions(guildId: string, channelId: string): string {
    this.core.world.requireGuild(guildId);
    return this.core.world.permissionsIn(channelId).toString();
  }
  setHeartbeatAck(enabled: boolean): void {
    this.core.gateway.ackHeartbeats = enabled;
  }
  interact(i: InteractionInput): Promise<InteractionHandle> {
    return this.core.interactions.interact(i);
  }

  click(i: ComponentInput): Promise<InteractionHandle> {
    return this.core.interactions.click(i);
  }
  fail(match: FaultMatch, fault: Fault, times = 1): void {
    this.faults.arm(match, fault, times);
  }
  get pendingFaults(): number {
    return this.faults.pending;
  }
  dropConnections(options: { resumable?: boolean } = {}): void {
    this.core.gateway.drop(options.resumable ?? true);
  }
  holdGateway(): () => void {
    this.core.gateway.hold();
    return () => this.core.gateway.release();
  }
  requestReconnect(): void {
    this.core.gateway.requestReconnect();
  }
  connectedShards(): number[] {
    return this.core.gateway.connectedShards();
  }

  async waitFor<T>(predicate: () => T | undefined | false | null | 0 | '', timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline)
        throw new Error(`emulator.waitFor: condition not met within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    await this.core.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return new DiscordEmulator(options).listen();
}
