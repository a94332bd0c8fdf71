import {
  ChannelType,
  type Client,
  DiscordAPIError,
  type RateLimitData,
  RateLimitError,
  Routes,
} from 'discord.js';
import type { Publisher, PublishOutcome } from '../schedule/publish-port.js';
import { classifySendError } from './notice-sender.js';
import type { SendPacer } from './send-pacer.js';

/** 40033: "This message has already been crossposted." — the goal is reached. */
const ALREADY_CROSSPOSTED = 40033;

/**
 * For the REST client's `rejectOnRateLimit`: the publish route's rate limits are answered, not waited out.
 * Discord limits publishing per channel per hour, so its 429 can ask for many minutes; waiting in the queue
 * would hold the request (and the tick) that long. Every other route keeps discord.js's waiting.
 */
export function rejectPublishRateLimit(data: RateLimitData): boolean {
  return data.route.endsWith('/crosspost');
}

/**
 * Maps what a publish threw to what the publishing job does: a rate limit is an answer with its wait, 40033 means
 * it is published already, and everything else is classified as a send is (a channel gone counts as rejected:
 * there is nothing left to publish).
 */
export function classifyPublishError(error: unknown): PublishOutcome {
  if (error instanceof RateLimitError) {
    return {
      ok: false,
      kind: 'rate-limited',
      retryAfterMs: error.retryAfter,
      detail: `429: retry after ${Math.ceil(error.retryAfter / 1000)} s`,
    };
  }
  if (error instanceof DiscordAPIError && error.code === ALREADY_CROSSPOSTED) return { ok: true };
  const outcome = classifySendError(error);
  if (outcome.kind !== 'refused') return outcome;
  const { reason, detail } = outcome;
  return reason === 'unknown-channel'
    ? { ok: false, kind: 'rejected', detail }
    : { ok: false, kind: 'refused', reason, detail };
}

/** Publishes the bot's notices in announcement channels through discord.js's REST client. */
export class DiscordPublisher implements Publisher {
  /** Channel types learnt by fetching, for channels the lean cache does not keep (a channel's type never changes). */
  private readonly fetchedTypes = new Map<string, ChannelType | null>();

  constructor(
    private readonly client: Client,
    private readonly pacer: SendPacer,
  ) {}

  async isAnnouncement(channelId: string): Promise<boolean> {
    // Notice channels are kept in the lean cache; one that is not (configured by another process since this one
    // started) is fetched once, paced like every other request the notices make.
    const cached = this.client.channels.cache.get(channelId);
    if (cached) return cached.type === ChannelType.GuildAnnouncement;
    if (!this.fetchedTypes.has(channelId)) {
      await this.pacer.acquire();
      const fetched = await this.client.channels.fetch(channelId).catch(() => null);
      // An unreadable channel is not remembered: the send itself will say what is wrong with it.
      if (fetched) this.fetchedTypes.set(channelId, fetched.type);
      else return false;
    }
    return this.fetchedTypes.get(channelId) === ChannelType.GuildAnnouncement;
  }

  async publish(channelId: string, messageId: string): Promise<PublishOutcome> {
    try {
      await this.pacer.acquire();
      await this.client.rest.post(Routes.channelMessageCrosspost(channelId, messageId));
      return { ok: true };
    } catch (error) {
      return classifyPublishError(error);
    }
  }
}
