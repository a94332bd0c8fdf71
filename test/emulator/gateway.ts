import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { apiMember, apiUser } from './fixtures.js';
import { shardOf } from './snowflake.js';
import type { AnyJson, IdentifyRecord } from './types.js';
import type { World } from './world.js';

/** The gateway: HELLO, IDENTIFY/READY, GUILD_CREATE per guild, heartbeats, RESUME with replay. Plain JSON only. */

const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  Ack: 11,
};
const Intent = { Guilds: 1, GuildMessages: 1 << 9, DirectMessages: 1 << 12 };
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
const REPLAY_BUFFER = 1000;

interface Session {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  buffer: Array<{ s: number; frame: string }>;
  socket: WebSocket | null;
}

export interface GatewayOptions {
  token: string;
  applicationId: string;
  heartbeatIntervalMs: number;
  privilegedIntents: boolean;
  world: World;
  now: () => number;
  url: () => string;
}

/** The intent an event needs; undefined when it is always sent. */
function requiredIntent(event: string, data: unknown): number | undefined {
  if (event === 'GUILD_MEMBER_UPDATE' || event === 'INTERACTION_CREATE') return undefined;
  if (event.startsWith('GUILD_') || event.startsWith('CHANNEL_')) return Intent.Guilds;
  if (event === 'MESSAGE_CREATE') {
    return (data as { guild_id?: string }).guild_id ? Intent.GuildMessages : Intent.DirectMessages;
  }
  return undefined;
}

export class Gateway {
  readonly identifies: IdentifyRecord[] = [];
  resumes = 0;
  heartbeats = 0;
  ackHeartbeats = true;
  private readonly sessions = new Map<string, Session>();
  private readonly sockets = new Set<WebSocket>();
  private readonly wss = new WebSocketServer({ noServer: true });

  constructor(private readonly o: GatewayOptions) {}

  /** While set, new gateway connections wait here (an outage) until {@link release}. */
  private held: (() => void)[] | null = null;

  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const waiting = this.held ?? [];
    this.held = null;
    for (const resume of waiting) resume();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.held) {
      this.held.push(() => this.handleUpgrade(req, socket, head));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.replace(/\/$/, '') !== '/gateway') {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url.searchParams));
  }

  private onConnection(ws: WebSocket, query: URLSearchParams): void {
    this.sockets.add(ws);
    let session: Session | undefined;
    ws.on('close', (code) => {
      this.sockets.delete(ws);
      if (session?.socket === ws) session.socket = null;
      // A client that closes with 1000/1001 ends its session; AnyJson other close keeps it resumable.
      if (session && (code === 1000 || code === 1001)) this.sessions.delete(session.id);
    });
    ws.on('error', () => {});
    if (query.get('v') !== '10') return void ws.close(4012, 'Invalid API version');
    if ((query.get('encoding') ?? 'json') !== 'json')
      return void ws.close(4002, 'Only encoding=json is emulated');
    this.send(ws, {
      op: Op.Hello,
      d: { heartbeat_interval: this.o.heartbeatIntervalMs, _trace: ['emulator'] },
    });
    ws.on('message', (raw, isBinary) => {
      let payload: { op?: number; d?: AnyJson };
      try {
        payload = JSON.parse(isBinary ? '' : raw.toString());
      } catch {
        return void ws.close(4002, 'Decode error');
      }
      switch (payload.op) {
        case Op.Heartbeat:
          this.heartbeats++;
          if (this.ackHeartbeats) this.send(ws, { op: Op.Ack });
          return;
        case Op.Identify:
          if (session) return void ws.close(4005, 'Already authenticated');
          session = this.identify(ws, payload.d);
          return;
        case Op.Resume:
          if (session) return void ws.close(4005, 'Already authenticated');
          session = this.resume(ws, payload.d);
          return;
        case Op.RequestGuildMembers:
          if (!session) return void ws.close(4003, 'Not authenticated');
          this.memberChunk(session, payload.d);
          return;
        default:
          if (!session) ws.close(4003, 'Not authenticated');
      }
    });
  }

  private tokenOk(token: unknown): boolean {
    return token === this.o.token || token === `Bot ${this.o.token}`;
  }

  private identify(ws: WebSocket, d: AnyJson): Session | undefined {
    if (!this.tokenOk(d?.token)) return void ws.close(4004, 'Authentication failed');
    const shard: [number, number] = Array.isArray(d.shard)
      ? [Number(d.shard[0]), Number(d.shard[1])]
      : [0, 1];
    if (!(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) return void ws.close(4010, 'Invalid shard');
    const intents = Number(d.intents);
    if (!Number.isInteger(intents) || intents < 0) return void ws.close(4013, 'Invalid intent(s)');
    if (intents & PRIVILEGED_INTENTS && !this.o.privilegedIntents) {
      return void ws.close(4014, 'Disallowed intent(s)');
    }
    this.identifies.push({ shard, intents, time: this.o.now() });
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      shard,
      intents,
      seq: 0,
      buffer: [],
      socket: ws,
    };
    this.sessions.set(session.id, session);
    const guilds = this.o.world.joinedGuilds().filter((g) => this.owns(session, g.id));
    const bot = this.o.world.bot;
    this.dispatchTo(session, 'READY', {
      v: 10,
      user: { ...apiUser(bot.id, bot.username, true), verified: true, mfa_enabled: false, email: null },
      user_settings: {},
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.o.url(),
      shard,
      application: { id: this.o.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      _trace: ['emulator'],
    });
    for (const g of guilds) this.dispatchTo(session, 'GUILD_CREATE', this.o.world.guildCreatePayload(g.id));
    return session;
  }

  private resume(ws: WebSocket, d: AnyJson): Session | undefined {
    if (!this.tokenOk(d?.token)) return void ws.close(4004, 'Authentication failed');
    const session = this.sessions.get(String(d.session_id));
    const after = Number(d?.seq ?? 0);
    const oldest = session?.buffer[0]?.s;
    // Like Discord, a session whose missed events no longer fit the replay buffer cannot be resumed:
    // the client is told to identify afresh (and receives every GUILD_CREATE again).
    if (!session || (oldest !== undefined && oldest > after + 1)) {
      if (session) this.sessions.delete(String(d.session_id));
      this.send(ws, { op: Op.InvalidSession, d: false });
      return undefined;
    }
    if (session.socket && session.socket !== ws) session.socket.terminate();
    session.socket = ws;
    this.resumes++;
    for (const item of session.buffer) if (item.s > after) ws.send(item.frame);
    this.dispatchTo(session, 'RESUMED', { _trace: ['emulator'] });
    return session;
  }

  /** Op 8: members by id, or by username prefix (listing everyone needs the GUILD_MEMBERS intent). */
  private memberChunk(session: Session, d: AnyJson): void {
    const guild = this.o.world.guilds.get(String(d?.guild_id));
    if (!guild) return;
    const ids: string[] | undefined = d.user_ids === undefined ? undefined : [d.user_ids].flat().map(String);
    const query = typeof d.query === 'string' ? d.query.toLowerCase() : '';
    const all = [...guild.members.values()];
    const found = ids
      ? all.filter((m) => ids.includes(m.id))
      : all.filter(
          (m) => m.username.toLowerCase().startsWith(query) && (query !== '' || session.intents & 2),
        );
    const limit = Number(d.limit) > 0 ? Number(d.limit) : found.length;
    this.dispatchTo(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members: found.slice(0, limit).map(apiMember),
      chunk_index: 0,
      chunk_count: 1,
      not_found: ids ? ids.filter((id) => !guild.members.has(id)) : [],
      ...(d.nonce === undefined ? {} : { nonce: d.nonce }),
    });
  }

  private owns(session: Session, guildId: string): boolean {
    return shardOf(guildId, session.shard[1]) === session.shard[0];
  }

  private send(ws: WebSocket, payload: unknown): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq++;
    const frame = JSON.stringify({ op: Op.Dispatch, t, s: session.seq, d });
    session.buffer.push({ s: session.seq, frame });
    if (session.buffer.length > REPLAY_BUFFER) session.buffer.shift();
    const ws = session.socket;
    if (ws && ws.readyState === ws.OPEN) ws.send(frame);
  }

  /** Sends a guild event to every session that owns the guild and subscribed to it. */
  dispatchGuild(guildId: string, t: string, d: unknown): void {
    const need = requiredIntent(t, d);
    for (const s of this.sessions.values()) {
      if (this.owns(s, guildId) && (need === undefined || s.intents & need)) this.dispatchTo(s, t, d);
    }
  }

  /** Sends an event to one session: the newest live one that owns the guild (shard 0 for DMs). */
  dispatchOne(guildId: string | undefined, t: string, d: unknown): boolean {
    const candidates = [...this.sessions.values()].filter((s) =>
      guildId ? this.owns(s, guildId) : s.shard[0] === 0,
    );
    const target = candidates.reverse().find((s) => s.socket) ?? candidates[0];
    if (!target) return false;
    const need = requiredIntent(t, d);
    if (need === undefined || target.intents & need) this.dispatchTo(target, t, d);
    return true;
  }

  connectedShards(): number[] {
    const ids = new Set<number>();
    for (const s of this.sessions.values())
      if (s.socket && s.socket.readyState === s.socket.OPEN) ids.add(s.shard[0]);
    return [...ids].sort((a, b) => a - b);
  }

  drop(resumable: boolean): void {
    if (!resumable) this.sessions.clear();
    for (const ws of this.sockets) ws.terminate();
  }

  requestReconnect(): void {
    for (const s of this.sessions.values()) if (s.socket) this.send(s.socket, { op: Op.Reconnect, d: null });
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
