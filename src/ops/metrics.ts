import { type Client, RESTEvents, Status } from 'discord.js';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { InteractionObservation, InteractionObserver } from '../discord/interaction-observer.js';
import type {
  DeliveryObservation,
  DeliveryObserver,
  PublishObservation,
} from '../schedule/delivery-observer.js';

/** What the metrics read on each scrape from the running bot. */
export interface MetricSources {
  client: Client;
  /** Servers with a notice channel set. */
  serversConfigured(): Promise<number>;
}

/**
 * The bot's Prometheus metrics. Every label value comes from a small fixed set (outcomes, reason codes, command
 * names, rate-limit scopes, shard ids) — never a server, channel or user id.
 */
export class BotMetrics implements DeliveryObserver, InteractionObserver {
  readonly registry = new Registry();
  private sources: MetricSources | null = null;

  private readonly notices = new Counter({
    name: 'remembrance_notices_total',
    help: 'Anniversary notices by outcome (sent, found, missed, failed, uncertain, paused) and reason code.',
    labelNames: ['outcome', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly reminders = new Counter({
    name: 'remembrance_reminders_total',
    help: 'Reminders ahead of anniversaries by outcome (as for notices) and reason code.',
    labelNames: ['outcome', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly publishes = new Counter({
    name: 'remembrance_publishes_total',
    help: 'Publishing notices to following servers by outcome (published, retrying, failed) and reason code.',
    labelNames: ['outcome', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly delay = new Histogram({
    name: 'remembrance_notice_delay_seconds',
    help: 'From the instant a notice was due to its post.',
    buckets: [1, 5, 15, 60, 300, 900, 3_600, 4 * 3_600, 12 * 3_600, 24 * 3_600],
    registers: [this.registry],
  });
  private readonly takeovers = new Counter({
    name: 'remembrance_delivery_takeovers_total',
    help: 'Delivery claims taken over from a process that stopped mid-post.',
    registers: [this.registry],
  });
  private readonly interactions = new Counter({
    name: 'remembrance_interactions_total',
    help: 'Slash commands and autocompletes by command, kind and outcome (the reply kind, or failed).',
    labelNames: ['command', 'kind', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'remembrance_interaction_duration_seconds',
    help: 'From receiving an interaction to its answer being sent.',
    labelNames: ['command', 'kind'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly rateLimits = new Counter({
    name: 'remembrance_rest_rate_limits_total',
    help: 'HTTP 429 answers from Discord by scope (user, global, shared).',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const metrics = this;
    new Gauge({
      name: 'remembrance_gateway_ping_seconds',
      help: 'Last heartbeat round trip per gateway shard (absent before the first).',
      labelNames: ['shard'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [id, shard] of metrics.sources?.client.ws.shards ?? []) {
          if (shard.ping >= 0) this.set({ shard: String(id) }, shard.ping / 1000);
        }
      },
    });
    new Gauge({
      name: 'remembrance_gateway_status',
      help: 'Gateway shard status: 1 for the current one (Ready, Connecting, Resuming, …).',
      labelNames: ['shard', 'status'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [id, shard] of metrics.sources?.client.ws.shards ?? []) {
          this.set({ shard: String(id), status: Status[shard.status] ?? 'unknown' }, 1);
        }
      },
    });
    new Gauge({
      name: 'remembrance_servers_configured',
      help: 'Servers with a notice channel set.',
      // Every shard process counts the whole database: aggregated over processes, take one, not the sum.
      aggregator: 'max',
      registers: [this.registry],
      async collect() {
        if (metrics.sources) this.set(await metrics.sources.serversConfigured());
      },
    });
  }

  /** Starts reading from the bot's client; called once it exists. */
  attach(sources: MetricSources): void {
    this.sources = sources;
    sources.client.rest.on(RESTEvents.Response, (_request, response) => {
      if (response.status !== 429) return;
      const scope = response.headers.get('x-ratelimit-scope');
      this.rateLimits.inc({ scope: scope === 'global' || scope === 'shared' ? scope : 'user' });
    });
  }

  delivery(o: DeliveryObservation): void {
    if (o.kind === 'reminder') {
      this.reminders.inc({ outcome: o.outcome, reason: o.reason ?? '' });
      return;
    }
    this.notices.inc({ outcome: o.outcome, reason: o.reason ?? '' });
    if (o.delayMs !== undefined && (o.outcome === 'sent' || o.outcome === 'found')) {
      this.delay.observe(Math.max(0, o.delayMs) / 1000);
    }
  }

  publish(o: PublishObservation): void {
    this.publishes.inc({ outcome: o.outcome, reason: o.reason ?? '' });
  }

  takeover(): void {
    this.takeovers.inc();
  }

  interaction(o: InteractionObservation): void {
    this.interactions.inc({ command: o.command, kind: o.kind, outcome: o.outcome });
    this.latency.observe({ command: o.command, kind: o.kind }, o.durationMs / 1000);
  }
}
