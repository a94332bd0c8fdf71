import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import type { StoredAttachment } from './attachments.js';
import type { Core } from './core.js';
import { buildComponentPayload, buildInteractionPayload } from './interaction-payload.js';
import type {
  AnyJson,
  ComponentInput,
  InteractionHandle,
  InteractionInput,
  InteractionResponseRecord,
  StoredMessage,
} from './types.js';

/** Interactions dispatched by tests: their tokens, deadlines, responses and messages. */

export interface InteractionRecord {
  id: string;
  token: string;
  guildId?: string;
  channelId: string;
  createdAt: number;
  response?: InteractionResponseRecord;
  original?: StoredMessage;
  /** The original response's attachments with their bytes (the message holds only their public objects). */
  originalAttachments: StoredAttachment[];
  /** For a component interaction: the message whose button was pressed (what types 6 and 7 update). */
  componentMessage?: StoredMessage;
  originalDeleted: boolean;
  edits: AnyJson[];
  followUps: AnyJson[];
  followUpMessages: StoredMessage[];
  events: EventEmitter;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  const ac = new AbortController();
  const timer = new Promise<never>((_, reject) => {
    const t = setTimeout(() => reject(new Error(`emulator: ${what} within ${ms} ms`)), Math.max(0, ms));
    ac.signal.addEventListener('abort', () => clearTimeout(t));
  });
  return Promise.race([promise, timer]).finally(() => ac.abort());
}

class Handle implements InteractionHandle {
  private readonly dispatchedReal = Date.now();

  constructor(
    private readonly rec: InteractionRecord,
    private readonly ackTimeoutMs: number,
  ) {}

  get id() {
    return this.rec.id;
  }

  get token() {
    return this.rec.token;
  }

  get edits() {
    return this.rec.edits;
  }

  get followUps() {
    return this.rec.followUps;
  }

  attachments(): StoredAttachment[] {
    return this.rec.originalAttachments;
  }

  ackMs(): number | undefined {
    return this.rec.response ? this.rec.response.at - this.rec.createdAt : undefined;
  }

  async response(): Promise<InteractionResponseRecord> {
    if (this.rec.response) return this.rec.response;
    // A little grace past the deadline: a callback arriving after it is refused with 10062 anyway.
    const left = this.ackTimeoutMs - (Date.now() - this.dispatchedReal) + 100;
    await withTimeout(once(this.rec.events, 'response'), left, `no interaction response to ${this.rec.id}`);
    return this.rec.response as unknown as InteractionResponseRecord;
  }

  async final(timeoutMs = 10_000): Promise<AnyJson> {
    const first = await this.response();
    if (first.type === 7 && this.rec.original) return { ...this.rec.original };
    if (first.type !== 5 && first.type !== 6) return first.data;
    if (this.rec.edits.length) return this.rec.edits[0];
    const [body] = await withTimeout(
      once(this.rec.events, 'edit'),
      timeoutMs,
      `no @original edit of ${this.rec.id}`,
    );
    return body;
  }
}

export class InteractionRegistry {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly commandIds = new Map<string, string>();
  private tester: string | undefined;

  constructor(private readonly core: () => Core) {}

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  byToken(token: string): InteractionRecord | undefined {
    for (const rec of this.byId.values()) if (rec.token === token) return rec;
    return undefined;
  }

  /** The user who interacts when a test names none. */
  testerId(): string {
    this.tester ??= this.core().ids();
    return this.tester;
  }

  /** A stable id for a command the tests invoke without registering it first. */
  commandId(name: string): string {
    let id = this.commandIds.get(name);
    if (!id) {
      id = this.core().ids();
      this.commandIds.set(name, id);
    }
    return id;
  }

  async interact(input: InteractionInput): Promise<InteractionHandle> {
    return this.dispatch(input, (id, token) => buildInteractionPayload(this.core(), input, id, token));
  }

  /** A button press on the message an earlier interaction answered with (or edited it into). */
  async click(input: ComponentInput): Promise<InteractionHandle> {
    const source = this.byId.get(input.messageOf);
    const message = source && !source.originalDeleted ? source.original : undefined;
    if (!message) throw new Error(`emulator: interaction ${input.messageOf} has no message to click on`);
    const buttons = (message.components as Array<{ components?: Array<Record<string, unknown>> }>).flatMap(
      (row) => row.components ?? [],
    );
    const button = buttons.find((b) => b.custom_id === input.customId);
    // Discord shows no such button, or shows it greyed out: a member cannot press it.
    if (!button) throw new Error(`emulator: the message has no button "${input.customId}"`);
    if (button.disabled === true) throw new Error(`emulator: the button "${input.customId}" is disabled`);
    return this.dispatch(
      input,
      (id, token) => buildComponentPayload(this.core(), input, message, id, token),
      message,
    );
  }

  private async dispatch(
    input: { guildId?: string; channelId: string },
    payloadOf: (id: string, token: string) => Record<string, AnyJson>,
    componentMessage?: StoredMessage,
  ): Promise<InteractionHandle> {
    const core = this.core();
    const id = core.ids();
    const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(24).toString('base64url')}`;
    const payload = payloadOf(id, token);
    const rec: InteractionRecord = {
      id,
      token,
      guildId: input.guildId,
      channelId: input.channelId,
      createdAt: core.opts.now(),
      originalAttachments: [],
      ...(componentMessage ? { componentMessage } : {}),
      originalDeleted: false,
      edits: [],
      followUps: [],
      followUpMessages: [],
      events: new EventEmitter(),
    };
    this.byId.set(id, rec);
    const handle = new Handle(rec, core.opts.interactionAckTimeoutMs);
    if (!core.gateway.dispatchOne(input.guildId, 'INTERACTION_CREATE', payload)) {
      throw new Error(
        `emulator: no gateway session owns ${input.guildId ? `guild ${input.guildId}` : 'DMs'}`,
      );
    }
    return handle;
  }
}
