import { createHash } from 'node:crypto';
import { type Client, DiscordAPIError, type REST, RESTEvents, Routes } from 'discord.js';
import { EVENT_PERMISSION_BITS } from '../app/permissions.js';
import type {
  ChangeOutcome,
  CreateOutcome,
  EventDraft,
  ListOutcome,
  ScheduledEventsPort,
} from '../schedule/events-tab-port.js';
import type { InvalidRequestGuard } from '../schedule/invalid-request-guard.js';
import { markerOf, renderScheduledEvent } from './render/scheduled-event.js';
import type { SendPacer } from './send-pacer.js';

/** Discord's codes the Events tab acts on. */
export const EVENT_CODES = {
  unknownScheduledEvent: 10070,
  missingAccess: 50001,
  missingPermissions: 50013,
  tooManyEvents: 30038,
} as const;

/** How long one scheduled-event request may take, queue wait included (well inside the claim's staleness). */
export const EVENT_REQUEST_TIMEOUT_MS = 60_000;

interface ApiScheduledEvent {
  id: string;
  creator_id?: string | null;
  description?: string | null;
  status: number;
}

/**
 * Discord's scheduled events through a REST client that never retries (`retries: 0`): a create has no
 * nonce, so discord.js resending one after a timeout or a 5xx could make a second event. An unanswered or
 * failed create is reported `uncertain`, and the job looks for the bot's marker before creating again.
 * Every request takes its turn in the process's send pacer, as notices do: this REST client keeps its own
 * count of Discord's global limit, so unpaced it would add its requests on top of a busy minute's notices.
 */
export class DiscordScheduledEvents implements ScheduledEventsPort {
  constructor(
    private readonly client: Client,
    private readonly rest: REST,
    guard: InvalidRequestGuard,
    private readonly pacer: SendPacer,
    private readonly timeoutMs = EVENT_REQUEST_TIMEOUT_MS,
  ) {
    rest.on(RESTEvents.Response, (_request, response) => {
      guard.record(response.status, response.headers.get('x-ratelimit-scope'));
    });
  }

  canCreate(guildId: string): boolean {
    const me = this.client.guilds.cache.get(guildId)?.members.me;
    return (
      me !== null && me !== undefined && EVENT_PERMISSION_BITS.some((bit) => me.permissions.has(bit, true))
    );
  }

  digest(draft: EventDraft): string {
    const payload = this.payload(draft);
    return createHash('sha256').update(JSON.stringify(payload)).digest('base64url').slice(0, 22);
  }

  async list(guildId: string): Promise<ListOutcome> {
    try {
      const signal = await this.turn();
      const events = (await this.rest.get(Routes.guildScheduledEvents(guildId), {
        signal,
      })) as ApiScheduledEvent[];
      const botId = this.client.user?.id;
      const own = events.flatMap((e) => {
        const marker = e.creator_id === botId ? markerOf(e.description) : null;
        return marker ? [{ id: e.id, marker }] : [];
      });
      // SCHEDULED (1) and ACTIVE (2) count against the limit.
      return { ok: true, own, active: events.filter((e) => e.status === 1 || e.status === 2).length };
    } catch (error) {
      return { ok: false, detail: describe(error) };
    }
  }

  async create(guildId: string, draft: EventDraft): Promise<CreateOutcome> {
    try {
      const signal = await this.turn();
      const created = (await this.rest.post(Routes.guildScheduledEvents(guildId), {
        body: this.payload(draft),
        signal,
      })) as ApiScheduledEvent;
      return { ok: true, id: created.id };
    } catch (error) {
      if (error instanceof DiscordAPIError && error.status < 500) {
        const detail = describe(error);
        if (error.code === EVENT_CODES.missingPermissions || error.code === EVENT_CODES.missingAccess)
          return { ok: false, kind: 'refused', reason: 'missing-permissions', detail };
        if (error.code === EVENT_CODES.tooManyEvents)
          return { ok: false, kind: 'refused', reason: 'events-limit', detail };
        // A 429 is not refused for good, but nothing was made either.
        if (error.status !== 429) return { ok: false, kind: 'refused', reason: 'rejected', detail };
      }
      return { ok: false, kind: 'uncertain', detail: describe(error) };
    }
  }

  async edit(guildId: string, eventId: string, draft: EventDraft): Promise<ChangeOutcome> {
    const { entity_type: _type, ...changes } = this.payload(draft);
    return this.change((signal) =>
      this.rest.patch(Routes.guildScheduledEvent(guildId, eventId), { body: changes, signal }),
    );
  }

  async remove(guildId: string, eventId: string): Promise<ChangeOutcome> {
    const outcome = await this.change((signal) =>
      this.rest.delete(Routes.guildScheduledEvent(guildId, eventId), { signal }),
    );
    return outcome.ok || outcome.kind === 'gone' ? { ok: true } : outcome;
  }

  private async change(request: (signal: AbortSignal) => Promise<unknown>): Promise<ChangeOutcome> {
    try {
      await request(await this.turn());
      return { ok: true };
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === EVENT_CODES.unknownScheduledEvent)
        return { ok: false, kind: 'gone' };
      return { ok: false, kind: 'failed', detail: describe(error) };
    }
  }

  /**
   * Waits for the pacer's turn and returns the request's signal: one timeout covers the wait and the request,
   * so a create abandoned in the queue is never sent (it is reported `uncertain`, and the next pass looks
   * for the marker before creating), and none outlives its claim (see EVENT_CLAIM_STALE_MS).
   */
  private async turn(): Promise<AbortSignal> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    await new Promise<void>((resolve, reject) => {
      const abandon = () => reject(signal.reason);
      signal.addEventListener('abort', abandon, { once: true });
      this.pacer.acquire().then(() => {
        signal.removeEventListener('abort', abandon);
        resolve();
      }, reject);
    });
    return signal;
  }

  /**
   * The event's location: the notice channel's name, so members see where the day's notice is posted;
   * the bot's own name when no channel is set or the bot cannot see it.
   */
  private payload(draft: EventDraft) {
    const channel = draft.channelId ? this.client.channels.cache.get(draft.channelId) : undefined;
    const location =
      channel && 'name' in channel && channel.name
        ? `#${channel.name}`
        : (this.client.user?.username ?? 'Discord');
    return renderScheduledEvent(draft, location);
  }
}

function describe(error: unknown): string {
  if (error instanceof DiscordAPIError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
