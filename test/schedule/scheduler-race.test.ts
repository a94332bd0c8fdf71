import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServerSettings } from '../../src/app/server-settings.js';
import { loadDataset } from '../../src/config/dataset-file.js';
import { projectRoot } from '../../src/config/project-root.js';
import { type AnyNotice, noticeEventId } from '../../src/domain/notice.js';
import { InvalidRequestGuard } from '../../src/schedule/invalid-request-guard.js';
import type { DeliveryTag, NoticeSender, ReadBack, SendOutcome } from '../../src/schedule/notice-port.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import type { ShardSelection } from '../../src/store/settings-repository.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { snowflake } from '../store/fixtures.js';
import { STORE_KINDS, useStore } from '../store/stores.js';

const dataset = loadDataset(path.join(projectRoot(), 'data/remembrance.json'));
const baku = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+04:00`);
const FIZULI_AND_JABRAYIL = baku('2027-08-23 09:00');
const GUILDS = Array.from({ length: 6 }, (_, i) => snowflake(3_000_000 + i));
/** Discord's rule, written out independently of the store's `shardKey`. */
const shardOf = (guildId: string, count: number) => Number((BigInt(guildId) >> 22n) % BigInt(count));

/** Discord behind the port: records each send and, like enforce_nonce, never makes two messages of one nonce. */
class FakeDiscord implements NoticeSender {
  readonly calls: Array<{ owner: string; guildId: string; eventId: string; nonce: string | null }> = [];
  readonly messages = new Map<string, string>();
  /** Sends by these processes wait for the promise before answering. */
  readonly gates = new Map<string, Promise<void>>();
  private readonly waiting: Array<{ count: number; resolve: () => void }> = [];

  /** Resolves once `count` sends have been asked for. */
  sent(count: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.calls.length >= count) resolve();
      else this.waiting.push({ count, resolve });
    });
  }

  /** The same Discord as seen by one process, so each call says who sent it. */
  as(owner: string): NoticeSender {
    return {
      inGuild: () => true,
      send: (channelId, notice, language, tag) =>
        this.sendAs(owner, channelId, notice, language, tag?.nonce ?? null),
      findPosted: () => this.findPosted(),
    };
  }

  inGuild(): boolean {
    return true;
  }

  send(channelId: string, notice: AnyNotice, language: 'en', tag: DeliveryTag | null): Promise<SendOutcome> {
    return this.sendAs('', channelId, notice, language, tag?.nonce ?? null);
  }

  /** No send here is left unanswered, so no read-back is ever needed. */
  async findPosted(): Promise<ReadBack> {
    throw new Error('no read-back expected: every send in these races is answered');
  }

  private async sendAs(
    owner: string,
    channelId: string,
    notice: AnyNotice,
    _l: unknown,
    nonce: string | null,
  ) {
    this.calls.push({ owner, guildId: notice.guildId, eventId: noticeEventId(notice), nonce });
    for (const w of this.waiting.filter((w) => this.calls.length >= w.count)) w.resolve();
    await this.gates.get(owner);
    const key = `${channelId}/${nonce}`;
    const messageId = this.messages.get(key) ?? snowflake(9_000_000 + this.messages.size);
    this.messages.set(key, messageId);
    return { ok: true as const, messageId };
  }

  /** How many sends each delivery (server, event) got. */
  sendsPerDelivery(): Map<string, number> {
    const out = new Map<string, number>();
    for (const c of this.calls)
      out.set(`${c.guildId}/${c.eventId}`, (out.get(`${c.guildId}/${c.eventId}`) ?? 0) + 1);
    return out;
  }
}

describe.each(STORE_KINDS)('several schedulers on one database (%s)', (kind) => {
  const store = useStore(kind);
  const clock = { now: baku('2027-08-01 12:00') };
  const now = () => clock.now;
  let closers: Array<() => Promise<void>>;
  let discord: FakeDiscord;

  /** A process: its own connection to the file, and its scheduler. */
  async function process(owner: string, shards?: ShardSelection) {
    const { db, close } = await store.openAnother({ now });
    closers.push(close);
    const repo = new SettingsRepository(db);
    const ledger = new DeliveryLedger(db);
    const settings = new ServerSettings(repo, ledger, dataset, now);
    const scheduler = new Scheduler({
      dataset,
      settings: repo,
      ledger,
      sender: discord.as(owner),
      guard: new InvalidRequestGuard(now),
      now,
      logger: pino({ level: 'silent' }),
      owner,
      shards,
      pause: async (guildId, reason, detail) => {
        await settings.pauseForDiscord(guildId, reason, detail);
      },
    });
    return { repo, ledger, settings, scheduler };
  }

  beforeEach(async () => {
    closers = [];
    discord = new FakeDiscord();
    clock.now = baku('2027-08-01 12:00');
    const { settings } = await process('admin');
    for (const g of GUILDS) await settings.update(g, { channelId: `${g}1` });
  });
  afterEach(async () => {
    for (const close of closers) await close();
  });

  it('sends each delivery once when two processes tick at the same instant', async () => {
    const first = await process('first');
    const second = await process('second');
    clock.now = FIZULI_AND_JABRAYIL;
    const [a, b] = await Promise.all([first.scheduler.tick(), second.scheduler.tick()]);
    await Promise.all([first.scheduler.tick(), second.scheduler.tick()]);
    expect((a?.posted ?? 0) + (b?.posted ?? 0)).toBe(GUILDS.length * 2);
    expect([...discord.sendsPerDelivery().values()]).toEqual(Array(GUILDS.length * 2).fill(1));
    for (const g of GUILDS) {
      const rows = await first.ledger.listForGuild(g);
      expect(rows.map((d) => [d.eventId, d.status])).toEqual([
        ['fizuli', 'sent'],
        ['jabrayil', 'sent'],
      ]);
    }
  });

  it('leaves a delivery to the process whose send is in flight', async () => {
    const first = await process('first');
    const second = await process('second');
    let open = () => {};
    discord.gates.set(
      'first',
      new Promise((resolve) => {
        open = resolve;
      }),
    );
    clock.now = FIZULI_AND_JABRAYIL;
    const ticking = first.scheduler.tick();
    // Each server's first delivery (Fizuli) is claimed and sent by the first process, not yet answered.
    await discord.sent(GUILDS.length);
    expect(await second.scheduler.tick()).toMatchObject({ posted: GUILDS.length, skipped: GUILDS.length });
    open();
    expect(await ticking).toMatchObject({ posted: GUILDS.length, skipped: GUILDS.length });
    await Promise.all([first.scheduler.tick(), second.scheduler.tick()]);
    expect([...discord.sendsPerDelivery().values()]).toEqual(Array(GUILDS.length * 2).fill(1));
    const by = (owner: string) => discord.calls.filter((c) => c.owner === owner).map((c) => c.eventId);
    expect(by('first')).toEqual(Array(GUILDS.length).fill('fizuli'));
    expect(by('second')).toEqual(Array(GUILDS.length).fill('jabrayil'));
  });

  it('posts each server once in total from two shard processes', async () => {
    const shard0 = await process('shard-0', { ids: [0], count: 2 });
    const shard1 = await process('shard-1', { ids: [1], count: 2 });
    const inShard = (id: number) => GUILDS.filter((g) => shardOf(g, 2) === id);
    expect(inShard(0)).toHaveLength(3);

    for (const g of GUILDS) await shard0.repo.setNextDueAt(g, null); // as before the first start
    expect(await shard0.scheduler.initialise()).toBe(3);
    expect(await shard1.scheduler.initialise()).toBe(3);

    clock.now = FIZULI_AND_JABRAYIL;
    expect(await shard0.scheduler.tick()).toMatchObject({ servers: 3, posted: 6 });
    expect(new Set(discord.calls.map((c) => c.guildId))).toEqual(new Set(inShard(0)));
    expect(await shard1.scheduler.tick()).toMatchObject({ servers: 3, posted: 6 });
    await Promise.all([shard0.scheduler.tick(), shard1.scheduler.tick()]);

    expect([...discord.sendsPerDelivery().values()]).toEqual(Array(GUILDS.length * 2).fill(1));
    for (const c of discord.calls) expect(c.owner).toBe(`shard-${shardOf(c.guildId, 2)}`);
  });
});
