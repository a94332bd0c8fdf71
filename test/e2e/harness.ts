import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { IDENTIFY_LEASE_MS } from '../../src/discord/identify-throttler.js';
import { type RunningBot, startBot } from '../../src/main.js';
import { startEmulator } from '../emulator/emulator.js';
import type { Emulator, EmulatorOptions, GuildFixture } from '../emulator/types.js';

export const GUILD_ID = '1200000000000000001';
export const TEXT_CHANNEL = '1200000000000001001';
export const NEWS_CHANNEL = '1200000000000001002';
export const VOICE_CHANNEL = '1200000000000001003';
export const LOCKED_CHANNEL = '1200000000000001005';
export const ROLE_ID = '1200000000000002001';
export const HIDDEN_ROLE_ID = '1200000000000002002';
export const ADMIN_ID = '1200000000000003001';
export const MEMBER_ID = '1200000000000003002';
/** View Channel, Send Messages, Embed Links and Read Message History: what the invite link grants. */
const INVITE_PERMISSIONS = (1024n | 2048n | 16384n | 65536n).toString();
export const MANAGE_GUILD = (1n << 5n).toString();

/** A server with a text, an announcement, a voice channel and one where the bot may not post. */
export function testGuild(id = GUILD_ID): GuildFixture {
  return {
    id,
    name: 'Remembrance test server',
    channels: [
      { id: TEXT_CHANNEL, name: 'general', type: 0 },
      { id: NEWS_CHANNEL, name: 'news', type: 5 },
      { id: VOICE_CHANNEL, name: 'voice', type: 2 },
      {
        id: LOCKED_CHANNEL,
        name: 'locked',
        type: 0,
        permission_overwrites: [{ id, type: 0, allow: '0', deny: (2048n | 16384n).toString() }],
      },
    ],
    roles: [
      { id, name: '@everyone', permissions: INVITE_PERMISSIONS },
      { id: ROLE_ID, name: 'Remembrance', permissions: '0', mentionable: true },
      { id: HIDDEN_ROLE_ID, name: 'Quiet', permissions: '0', mentionable: false },
    ],
  };
}

/** A clock tests move by hand. */
export class TestClock {
  #ms: number;
  /** How far the test has moved the clock forward, in all. */
  #skipped = 0;
  constructor(ms: number) {
    this.#ms = ms;
  }
  get ms(): number {
    return this.#ms;
  }
  set ms(value: number) {
    if (value > this.#ms) this.#skipped += value - this.#ms;
    this.#ms = value;
  }
  now = () => this.#ms;
  set(iso: string) {
    this.ms = Date.parse(iso);
  }
  /**
   * The bot's identify leases run on this: real time plus every move forward. A test that moves the clock on says
   * that the time passed for Discord (the emulator, on this clock) too, so a restart after it need not wait out
   * Discord's 5 s identify window in real time; without such a move the bot waits it out as it does in
   * production. Moves back are left out: Discord's time never runs backwards.
   */
  readonly identifyClock = { now: () => Date.now() + this.#skipped };
  /** Moves the clock past Discord's identify window: what a stop and a start take, at the least. */
  passIdentifyWindow() {
    this.ms += IDENTIFY_LEASE_MS;
  }
}

export interface Harness {
  emulator: Emulator;
  clock: TestClock;
  dir: string;
  logs: string[];
  env: Record<string, string>;
  bot: RunningBot;
  start(overrides?: Partial<Parameters<typeof startBot>[0]>): Promise<RunningBot>;
  close(): Promise<void>;
}

/** The real composition root against the emulator, with a temp database and a controlled clock. */
export async function startHarness(options: {
  now: string;
  emulator?: EmulatorOptions;
  env?: Record<string, string>;
}): Promise<Harness> {
  const clock = new TestClock(Date.parse(options.now));
  // Discord and the bot read one clock, so time-bound behaviour (the nonce window) moves with the test.
  const emulator = await startEmulator({ guilds: [testGuild()], now: clock.now, ...options.emulator });
  const dir = mkdtempSync(join(tmpdir(), 'remembrance-e2e-'));
  const logs: string[] = [];
  const env = {
    DISCORD_TOKEN: emulator.token,
    DISCORD_API_URL: emulator.apiUrl,
    DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`,
    LOG_LEVEL: 'debug',
    SHARD_COUNT: '1',
    ...options.env,
  };
  const bots: RunningBot[] = [];
  const harness: Harness = {
    emulator,
    clock,
    dir,
    logs,
    env,
    bot: undefined as unknown as RunningBot,
    async start(overrides = {}) {
      const bot = await startBot({
        env,
        clock,
        identifyClock: clock.identifyClock,
        ticker: false,
        waitGuildTimeoutMs: 2_000,
        logDestination: new Writable({
          write(chunk, _enc, cb) {
            logs.push(String(chunk));
            cb();
          },
        }),
        ...overrides,
      });
      bots.push(bot);
      harness.bot = bot;
      return bot;
    },
    async close() {
      for (const bot of bots) await bot.stop();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await harness.start();
  return harness;
}

/** Every embed's text joined, to assert on what a member reads. */
export function visibleText(message: { content?: string; embeds?: unknown[] }): string {
  const parts: string[] = [message.content ?? ''];
  type Embed = {
    title?: string;
    description?: string;
    footer?: { text: string };
    fields?: Array<{ name: string; value: string }>;
  };
  for (const e of (message.embeds ?? []) as Embed[]) {
    parts.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '');
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
  }
  return parts.join('\n');
}

/** Polls an async condition (the bot reacts to gateway events asynchronously). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false | null>,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export type ConfigOption = { name: string; type: number; value: string | number | boolean };

/** Runs `/config <subcommand>` in the test server as an admin (or as `as` says) and returns the visible reply. */
export async function runConfig(
  h: Harness,
  subcommand: string,
  options: ConfigOption[] = [],
  as: { userId?: string; username?: string; permissions?: string; locale?: string } = {},
) {
  const handle = await h.emulator.interact({
    type: 'command',
    name: 'config',
    subcommand,
    options,
    guildId: GUILD_ID,
    channelId: TEXT_CHANNEL,
    user: { id: as.userId ?? ADMIN_ID, username: as.username, locale: as.locale ?? 'en-US' },
    memberPermissions: as.permissions ?? MANAGE_GUILD,
  });
  return handle.final();
}
