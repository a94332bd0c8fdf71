import { type AnyNotice, noticeEventId } from '../../src/domain/notice.js';
import type { DeliveryTag, NoticeSender, ReadBack, SendOutcome } from '../../src/schedule/notice-port.js';
import { snowflake } from '../store/fixtures.js';

const MINUTE = 60_000;

export const transient: Exclude<SendOutcome, { ok: true }> = {
  ok: false,
  kind: 'transient',
  detail: '503: Service Unavailable',
};

/**
 * What one send does. 'post' creates the message; 'crash' creates it and the process dies before it
 * hears back; 'lost' dies before the request reaches Discord; 'served-503' creates it and answers 503;
 * 'hold' answers only at `release()`; 'throw' is an adapter bug; or a failure outcome.
 */
export type Act =
  | 'post'
  | 'crash'
  | 'lost'
  | 'served-503'
  | 'hold'
  | 'throw'
  | Exclude<SendOutcome, { ok: true }>;

export interface SendCall {
  guildId: string;
  channelId: string;
  eventId: string;
  year: number;
  at: number;
  nonce: string | null;
  /** Only for a reminder: the days it says remain. */
  daysLeft?: number;
}

interface FakeMessage {
  id: string;
  channelId: string;
  nonce: string | null;
  marker: string | null;
  byBot: boolean;
  createdAt: number;
}

/** Discord's enforce_nonce window in this fake; Discord documents only "the past few minutes". */
export const NONCE_WINDOW_MS = 5 * MINUTE;

/**
 * Discord as the scheduler sees it, through the port we own, on the scheduler's clock. A resend with a
 * nonce seen in the last few minutes returns the message already created, as Discord does with
 * enforce_nonce; after that window the nonce is forgotten and a resend posts again. A read-back sees
 * messages by their marker (never the nonce, which listing does not return).
 */
export class FakeDiscord implements NoticeSender {
  readonly calls: SendCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly readBacks: Array<{ channelId: string; marker: string; since: number }> = [];
  readonly away = new Set<string>();
  /** Channels whose history the bot may not read (403 Missing Access, as without Read Message History). */
  readonly unreadable = new Set<string>();
  private readonly scripts = new Map<string, Act[]>();
  private readonly held: Array<() => void> = [];
  private readonly waiting: Array<{ count: number; resolve: () => void }> = [];

  constructor(private readonly now: () => number) {}

  /** The next sends to a server do these in turn; the last one repeats. Unscripted sends post. */
  script(guildId: string, ...acts: Act[]): void {
    this.scripts.set(guildId, acts);
  }

  inGuild(guildId: string): boolean {
    return !this.away.has(guildId);
  }

  async send(channelId: string, notice: AnyNotice, _language: string, tag: DeliveryTag | null) {
    const { guildId } = notice;
    const eventId = noticeEventId(notice);
    const nonce = tag?.nonce ?? null;
    this.calls.push({
      guildId,
      channelId,
      eventId,
      year: notice.occurrence.year,
      at: notice.occurrence.at,
      nonce,
      ...('daysLeft' in notice && notice.daysLeft !== null ? { daysLeft: notice.daysLeft } : {}),
    });
    for (const w of this.waiting.filter((w) => this.calls.length >= w.count)) w.resolve();
    const acts = this.scripts.get(guildId) ?? [];
    const act = (acts.length > 1 ? acts.shift() : acts[0]) ?? 'post';
    switch (act) {
      case 'post':
        return { ok: true as const, messageId: this.post(channelId, tag) };
      case 'crash':
        this.post(channelId, tag);
        return new Promise<SendOutcome>(() => {});
      case 'lost':
        return new Promise<SendOutcome>(() => {});
      case 'served-503':
        this.post(channelId, tag);
        return transient;
      case 'hold':
        await new Promise<void>((resolve) => this.held.push(resolve));
        return { ok: true as const, messageId: this.post(channelId, tag) };
      case 'throw':
        throw new Error('socket hang up');
      default:
        return act;
    }
  }

  async findPosted(channelId: string, marker: string, since: number): Promise<ReadBack> {
    this.readBacks.push({ channelId, marker, since });
    if (this.unreadable.has(channelId)) return { kind: 'unreadable', detail: '50001: Missing Access' };
    const found = this.messages.find(
      (m) => m.channelId === channelId && m.byBot && m.marker === marker && m.createdAt >= since,
    );
    return found ? { kind: 'found', messageId: found.id } : { kind: 'absent' };
  }

  /** A member's message, which may quote anything, even a marker. */
  memberPosts(channelId: string, marker: string): void {
    this.messages.push({
      id: snowflake(3_000_000 + this.messages.length),
      channelId,
      nonce: null,
      marker,
      byBot: false,
      createdAt: this.now(),
    });
  }

  /** Resolves once `count` sends have been asked for. */
  sent(count: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.calls.length >= count) resolve();
      else this.waiting.push({ count, resolve });
    });
  }

  /** Lets every held send answer. */
  release(): void {
    for (const resolve of this.held.splice(0)) resolve();
  }

  callsFor(guildId: string): SendCall[] {
    return this.calls.filter((c) => c.guildId === guildId);
  }

  botMessagesIn(channelId: string): FakeMessage[] {
    return this.messages.filter((m) => m.byBot && m.channelId === channelId);
  }

  private post(channelId: string, tag: DeliveryTag | null): string {
    const now = this.now();
    const same = this.messages.find(
      (m) =>
        tag !== null &&
        m.byBot &&
        m.nonce === tag.nonce &&
        m.channelId === channelId &&
        now - m.createdAt <= NONCE_WINDOW_MS,
    );
    if (same) return same.id;
    const id = snowflake(2_000_000 + this.messages.length);
    this.messages.push({
      id,
      channelId,
      nonce: tag?.nonce ?? null,
      marker: tag?.marker ?? null,
      byBot: true,
      createdAt: now,
    });
    return id;
  }
}
