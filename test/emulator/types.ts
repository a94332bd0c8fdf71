import type { StoredScheduledEvent } from './scheduled-events.js';
/** Public types of the local Discord emulator (test support). */

import type { StoredAttachment, UploadedFile } from './attachments.js';

export type { StoredAttachment, UploadedFile };

/** Free-form JSON (request bodies, gateway payloads) that tests and routes index into. */
// biome-ignore lint/suspicious/noExplicitAny: Discord payloads are open-ended; tests read them field by field.
export type AnyJson = any;

export interface ChannelFixture {
  id: string;
  name: string;
  /** 0 text, 2 voice, 4 category, 5 announcement. */
  type: number;
  permission_overwrites?: OverwriteFixture[];
  parent_id?: string | null;
  position?: number;
  topic?: string | null;
}

export interface OverwriteFixture {
  id: string;
  /** 0 role, 1 member. */
  type: 0 | 1;
  allow: string;
  deny: string;
}

export interface RoleFixture {
  id: string;
  name: string;
  /** Decimal permission bit string. */
  permissions: string;
  position?: number;
  mentionable?: boolean;
  managed?: boolean;
}

export interface MemberFixture {
  id: string;
  username?: string;
  /** Roles besides @everyone. */
  roleIds?: string[];
  nick?: string | null;
  bot?: boolean;
}

export interface GuildFixture {
  id: string;
  name?: string;
  /** Defaults to a generated user who is not the bot. */
  ownerId?: string;
  preferredLocale?: string;
  channels: ChannelFixture[];
  /** The @everyone role has id === guild id; it is created (no extra permissions) when missing. */
  roles: RoleFixture[];
  /** Roles the bot's member has, besides @everyone. */
  botRoleIds?: string[];
  members?: MemberFixture[];
}

export interface EmulatorOptions {
  /** Accepted bot token, default 'test-token'. */
  token?: string;
  applicationId?: string;
  /** Defaults to applicationId, as for every bot created since 2020. */
  botUserId?: string;
  botUsername?: string;
  /** Default 300 ms, short so that tests exercise heartbeats. */
  heartbeatIntervalMs?: number;
  /** `shards` returned by GET /gateway/bot, default 1. */
  shardCount?: number;
  /**
   * `session_start_limit.max_concurrency`, default 16. Discord gives 1 to small bots, which makes
   * discord.js wait 5 s between two identifies; tests do not want that.
   */
  maxConcurrency?: number;
  guilds?: GuildFixture[];
  /** Requests per second for non-interaction routes; default false (off); 50 is Discord's. */
  globalRateLimit?: number | false;
  /** Per-bucket limit advertised in X-RateLimit-* headers and enforced; default 50 per 1000 ms. */
  routeRateLimit?: { limit: number; windowMs: number };
  /** Default 3000 (10062 after). */
  interactionAckTimeoutMs?: number;
  /** Default 15 min. */
  interactionTokenTtlMs?: number;
  /** How long enforce_nonce dedupes, default 5 min. */
  nonceWindowMs?: number;
  /** Whether IDENTIFY may ask for privileged intents (members, presences, message content); default false. */
  privilegedIntents?: boolean;
  /** Clock for timestamps, interaction deadlines and nonce windows; default Date.now. */
  now?: () => number;
  logRequests?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Decoded path without /api/v10, e.g. '/webhooks/1/abc/messages/@original'. */
  path: string;
  /** Route template: every id is ':id', tokens are ':token', e.g. 'POST /channels/:id/messages'. */
  route: string;
  query: Record<string, string>;
  body: unknown;
  /** The `files[n]` parts of a multipart request, with their bytes. */
  files?: UploadedFile[];
  headers: Record<string, string>;
  /** 0 while in flight or when the connection was dropped by a fault. */
  status: number;
  time: number;
}

export interface Violation {
  route: string;
  message: string;
  body: unknown;
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  content: string;
  embeds: unknown[];
  allowed_mentions?: unknown;
  nonce?: string | number | null;
  components: unknown[];
  flags: number;
  timestamp: string;
  edited_timestamp: string | null;
  author: { id: string; username: string; bot: boolean };
  [key: string]: unknown;
}

export interface InteractionOptionInput {
  name: string;
  /** 3 string, 4 integer, 5 boolean, 6 user, 7 channel, 8 role, 10 number. */
  type: number;
  value: string | number | boolean;
  focused?: boolean;
}

export interface InteractionInput {
  type: 'command' | 'autocomplete';
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options?: InteractionOptionInput[];
  /** Omitted: a DM interaction with `user`. */
  guildId?: string;
  channelId: string;
  user?: { id: string; username?: string; locale?: string };
  /** Decimal string, default all permissions. */
  memberPermissions?: string;
  /** Default: the bot's permissions in the channel (all in DMs). */
  appPermissions?: string;
  guildLocale?: string;
  /** Merged over what is filled automatically for user (6), channel (7) and role (8) options. */
  resolved?: {
    users?: Record<string, unknown>;
    members?: Record<string, unknown>;
    channels?: Record<string, unknown>;
    roles?: Record<string, unknown>;
  };
}

/** A press on a button of a message the bot sent in answer to an earlier interaction. */
export interface ComponentInput {
  /** The interaction whose @original message carries the button. */
  messageOf: string;
  customId: string;
  guildId?: string;
  channelId: string;
  user?: { id: string; username?: string; locale?: string };
  /** Decimal string, default all permissions: Discord sends the presser's permissions now, not the invoker's. */
  memberPermissions?: string;
  appPermissions?: string;
  guildLocale?: string;
}

export interface InteractionResponseRecord {
  type: number;
  data?: AnyJson;
  at: number;
}

export interface InteractionHandle {
  id: string;
  token: string;
  /** First callback (4 reply, 5 deferred, 8 autocomplete result); rejects if none within the ack timeout. */
  response(): Promise<InteractionResponseRecord>;
  /**
   * The final visible message: type 4 data, the first @original PATCH after a type 5 or 6, the updated
   * message after a type 7 (or type 8 data).
   */
  final(timeoutMs?: number): Promise<AnyJson>;
  /** Every @original PATCH body, in order. */
  readonly edits: AnyJson[];
  readonly followUps: AnyJson[];
  /** The original response's attachments, with the bytes a member would download. */
  attachments(): StoredAttachment[];
  /** Time from dispatch to first callback, by the emulator's clock. */
  ackMs(): number | undefined;
}

export type FaultMatch = { method?: string; route?: string | RegExp; channelId?: string };

export type Fault =
  | { status: 429; retryAfter?: number; global?: boolean; scope?: 'user' | 'global' | 'shared' }
  | { status: 500 | 502 | 503 }
  | { status: 403; code: 50013 | 50001 }
  | { status: 404; code: 10003 }
  | { status: 'drop' }
  /** Received, never processed and never answered: the request is in flight until the client goes away. */
  | { status: 'hold' }
  /** Processed (a message is created) but never answered, as when the response is lost on the way. */
  | { status: 'swallow' }
  /** Processed, then answered with a 5xx, as when Discord served a request and then failed. */
  | { status: 500 | 502 | 503; afterHandling: true };

export interface IdentifyRecord {
  shard: [number, number];
  intents: number;
  time: number;
}

export interface Emulator {
  readonly port: number;
  /** 'http://127.0.0.1:PORT/api' (no /v10: discord.js appends it). */
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  /** Publishes per announcement channel (Discord's hourly limit); tests note others' publishes here. */
  readonly publishes: {
    note(channelId: string, at: number): void;
    count(channelId: string, now: number): number;
  };
  readonly token: string;
  readonly requests: RecordedRequest[];
  readonly violations: Violation[];
  readonly identifies: IdentifyRecord[];
  /**
   * IDENTIFYs that came less than 5 s after another in the same `max_concurrency` bucket
   * (`shard_id % maxConcurrency`), which Discord does not allow; a bot must never cause one.
   */
  readonly identifyRateViolations: Array<{ bucket: number; shard: [number, number]; gapMs: number }>;
  readonly resumes: number;
  readonly heartbeats: number;
  /** Global 429s returned because `globalRateLimit` was exceeded (the bot must never cause one). */
  readonly globalRateLimitHits: number;
  /** Responses that count towards Discord's invalid request limit (401, 403, 429 except scope shared). */
  readonly invalidRequests: number;
  messages(channelId?: string): StoredMessage[];
  /** A message someone else (a member, another bot) wrote in a channel, stored as Discord would. */
  postAs(
    author: { id: string; username: string; bot?: boolean },
    channelId: string,
    body: Record<string, unknown>,
  ): StoredMessage;
  commands(guildId?: string): unknown[];
  /** The scheduled events Discord holds (every creator's), in creation order. */
  scheduledEvents(guildId?: string): StoredScheduledEvent[];
  /** A scheduled event someone else (a member) made, stored as Discord would. */
  addScheduledEventAs(
    creatorId: string,
    guildId: string,
    body: Record<string, unknown>,
  ): StoredScheduledEvent;
  addGuild(g: GuildFixture): void;
  removeGuild(guildId: string): void;
  /** GUILD_DELETE with unavailable: true (an outage, not a removal). */
  guildOutage(guildId: string): void;
  addChannel(guildId: string, channel: ChannelFixture): void;
  deleteChannel(guildId: string, channelId: string): void;
  setChannelOverwrites(guildId: string, channelId: string, overwrites: OverwriteFixture[]): void;
  setRolePermissions(guildId: string, roleId: string, permissions: string): void;
  /** The bot's roles besides @everyone. */
  setBotRoles(guildId: string, roleIds: string[]): void;
  /** Gives the bot's own managed role exactly these permissions (created on first use); other roles still add theirs. */
  setBotPermissions(guildId: string, permissions: string): void;
  /** The bot's effective permissions in a channel, as Discord computes them (decimal string). */
  botPermissions(guildId: string, channelId: string): string;
  interact(i: InteractionInput): Promise<InteractionHandle>;
  /** Presses a button (type 3 interaction); fails if the message has no such enabled button. */
  click(i: ComponentInput): Promise<InteractionHandle>;
  fail(match: FaultMatch, fault: Fault, times?: number): void;
  /** Abnormal close of every gateway socket; with resumable false, sessions are forgotten (op 9 on RESUME). */
  dropConnections(options?: { resumable?: boolean }): void;
  /** An outage: new gateway connections wait, unanswered, until the returned function is called. */
  holdGateway(): () => void;
  /** Whether heartbeats are acknowledged (off: discord.js declares the connection a zombie and resumes). */
  setHeartbeatAck(enabled: boolean): void;
  /** Armed fault responses not yet used. */
  readonly pendingFaults: number;
  /** Sends op 7 RECONNECT to every connected shard. */
  requestReconnect(): void;
  connectedShards(): number[];
  /** Polls every 10 ms until the predicate returns something truthy (default timeout 5 s). */
  waitFor<T>(predicate: () => T | undefined | false | null | 0 | '', timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}
