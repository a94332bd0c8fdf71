import type { Core } from './core.js';
import { ApiError, Errors } from './errors.js';
import { publicMessage } from './messages.js';
import { Permission } from './permissions.js';
import type { Router } from './router.js';

/**
 * Publishing (crossposting) a message of an announcement channel to the servers that follow it:
 * `POST /channels/{id}/messages/{message_id}/crosspost`, no body, answered with the message (flag
 * CROSSPOSTED set). The bot's own message needs Send Messages, another author's Manage Messages; View Channel
 * is needed first (403/50001). Only announcement channels (type 5) publish (400/50024 otherwise), a message
 * publishes once (400/40033), and a channel publishes at most 10 messages an hour, whoever publishes them
 * (as reported in MonitoRSS#184 and discord.js#4956): the 11th is a 429 whose retry_after runs until the oldest
 * publish of the hour is an hour old — many minutes.
 */

export const PUBLISHES_PER_HOUR = 10;
const HOUR_MS = 3_600_000;
/** MessageFlags.Crossposted. */
export const CROSSPOSTED = 1;

/** When each channel published, on the emulator's clock. */
export class PublishLog {
  private readonly stamps = new Map<string, number[]>();

  /** Records a publish; `at` defaults to now. For tests: others' publishes count towards the limit too. */
  note(channelId: string, at: number): void {
    this.stamps.set(channelId, [...this.recent(channelId, at), at]);
  }

  /** Milliseconds until the channel may publish again, or undefined when it may now. */
  wait(channelId: string, now: number): number | undefined {
    const recent = this.recent(channelId, now);
    if (recent.length < PUBLISHES_PER_HOUR) return undefined;
    return (recent[recent.length - PUBLISHES_PER_HOUR] as number) + HOUR_MS - now;
  }

  count(channelId: string, now: number): number {
    return this.recent(channelId, now).length;
  }

  private recent(channelId: string, now: number): number[] {
    return (this.stamps.get(channelId) ?? []).filter((t) => t > now - HOUR_MS);
  }
}

export function crosspostRoutes(router: Router, core: () => Core, log: PublishLog): void {
  router.add('POST /channels/:id/messages/:id/crosspost', ({ params }) => {
    const { world, messages, gateway, opts } = core();
    const [channelId, messageId] = params as [string, string];
    const channel = world.channel(channelId);
    if (!channel) throw Errors.unknownChannel();
    if (!world.guilds.get(channel.guildId)?.botIsMember) throw Errors.missingAccess();
    const perms = world.permissionsIn(channelId);
    if (!(perms & Permission.ViewChannel)) throw Errors.missingAccess();
    if (channel.type !== 5) throw Errors.wrongChannelType();
    const message = messages.list(channelId).find((m) => m.id === messageId);
    if (!message) throw Errors.unknownMessage();
    const own = message.author.id === opts.botUserId;
    if (!(perms & (own ? Permission.SendMessages : Permission.ManageMessages))) {
      throw Errors.missingPermissions();
    }
    if (message.flags & CROSSPOSTED) throw Errors.alreadyCrossposted();
    const now = opts.now();
    const waitMs = log.wait(channelId, now);
    if (waitMs !== undefined) {
      throw new ApiError(429, 0, 'You are being rate limited.', undefined, {
        retry_after: Math.ceil(waitMs / 1000),
        global: false,
      });
    }
    log.note(channelId, now);
    message.flags |= CROSSPOSTED;
    gateway.dispatchGuild(channel.guildId, 'MESSAGE_UPDATE', publicMessage(message));
    return { status: 200, body: publicMessage(message) };
  });
}
