import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ServerSettings } from '../../src/app/server-settings.js';
import { loadDataset } from '../../src/config/dataset-file.js';
import { projectRoot } from '../../src/config/project-root.js';
import type { AnyNotice } from '../../src/domain/notice.js';
import { InvalidRequestGuard } from '../../src/schedule/invalid-request-guard.js';
import type { DeliveryTag } from '../../src/schedule/notice-port.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { startTicker } from '../../src/schedule/ticker.js';
import { type OpenedDatabase, openDatabase } from '../../src/store/database.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import type { PostgresUrl } from '../../src/store/postgres-url.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { isStoreUnavailable } from '../../src/store/store-error.js';
import { snowflake } from '../store/fixtures.js';
import { type PostgresDatabase, postgresDatabase, postgresServer } from '../support/postgres.js';
import { type TcpProxy, tcpProxy } from '../support/tcp-proxy.js';
import { FakeDiscord } from './fake-discord.js';

const dataset = loadDataset(path.join(projectRoot(), 'data/remembrance.json'));
const KHOJALY = Date.parse('2027-02-26T09:00:00+04:00');
const MINUTE = 60_000;
const STALE = 10 * MINUTE;
const [A, B] = [snowflake(7_000_000), snowflake(7_000_001)] as [string, string];

/** Discord through the port (nonces forgotten after minutes, read-back by marker); `beforeAnswer` runs mid-send. */
class Channels extends FakeDiscord {
  beforeAnswer: ((guildId: string) => Promise<void>) | null = null;
  override async send(channelId: string, notice: AnyNotice, language: string, tag: DeliveryTag | null) {
    const outcome = await super.send(channelId, notice, language, tag);
    await this.beforeAnswer?.(notice.guildId);
    return outcome;
  }
  count(guildId: string): number {
    return this.botMessagesIn(String(BigInt(guildId) + 1n)).length;
  }
}

describe('the scheduler while PostgreSQL is away', () => {
  let database: PostgresDatabase;
  let proxy: TcpProxy;
  let direct: OpenedDatabase;
  let viaProxy: OpenedDatabase;
  let logs: Array<Record<string, unknown>>;
  const clock = { now: 0 };
  const now = () => clock.now;

  beforeAll(async () => {
    database = await postgresDatabase('outage');
  });
  afterAll(async () => {
    await database.drop();
  });
  beforeEach(async () => {
    const url = parseDatabaseUrl(database.url, '/') as PostgresUrl;
    direct = await openDatabase(url);
    await sql`TRUNCATE guild_settings, deliveries`.execute(direct.db);
    proxy = await tcpProxy(postgresServer().port);
    await proxy.open();
    viaProxy = await openDatabase({ ...url, port: proxy.port });
    logs = [];
    clock.now = Date.parse('2027-02-20T12:00:00+04:00');
    const settings = new ServerSettings(
      new SettingsRepository(direct.db),
      new DeliveryLedger(direct.db),
      dataset,
      now,
    );
    for (const guildId of [A, B]) await settings.update(guildId, { channelId: String(BigInt(guildId) + 1n) });
  });
  afterEach(async () => {
    await viaProxy.close();
    await proxy.close();
    await direct.close();
  });

  function scheduler(channels: Channels): Scheduler {
    const repo = new SettingsRepository(viaProxy.db);
    const ledger = new DeliveryLedger(viaProxy.db);
    const settings = new ServerSettings(repo, ledger, dataset, now);
    return new Scheduler({
      dataset,
      settings: repo,
      ledger,
      sender: channels,
      guard: new InvalidRequestGuard(now),
      now,
      logger: pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line)) }),
      owner: 'host-1',
      pause: async (guildId, reason, detail) => {
        await settings.pauseForDiscord(guildId, reason, detail);
      },
      staleClaimMs: STALE,
    });
  }

  it('logs a failed tick, and posts every notice once when the database returns', async () => {
    const channels = new Channels(now);
    const s = scheduler(channels);
    await proxy.cut();
    clock.now = KHOJALY;
    const ticker = startTicker(
      () => s.tick(),
      pino({ level: 'error' }, { write: (l: string) => logs.push(JSON.parse(l)) }),
    );
    await expect.poll(() => logs.find((l) => l.msg === 'tick failed')).toBeTruthy();
    ticker.stop();
    const failed = logs.find((l) => l.msg === 'tick failed') as { err: { message: string } };
    expect(failed.err.message).toMatch(/cannot be reached right now/);
    expect(JSON.stringify(logs)).not.toContain(postgresServer().password);
    expect(channels.messages.length).toBe(0);

    await proxy.open();
    clock.now = KHOJALY + MINUTE;
    expect(await s.tick()).toMatchObject({ servers: 2, posted: 2 });
    clock.now = KHOJALY + 2 * MINUTE;
    expect(await s.tick()).toMatchObject({ servers: 0, posted: 0 });
    expect([channels.count(A), channels.count(B)]).toEqual([1, 1]);
  });

  it('still gives one message per server when the database goes away between the post and its record', async () => {
    const channels = new Channels(now);
    const s = scheduler(channels);
    channels.beforeAnswer = async (guildId) => {
      if (guildId === A) await proxy.cut(); // posted, but the ledger cannot hear of it
    };
    clock.now = KHOJALY;
    await s.tick().catch((error: unknown) => expect(isStoreUnavailable(error)).toBe(true));
    channels.beforeAnswer = null;
    await proxy.open();
    for (let minute = 1; minute <= 15; minute++) {
      clock.now = KHOJALY + minute * MINUTE;
      await s.tick();
    }
    expect([channels.count(A), channels.count(B)]).toEqual([1, 1]);
    const ledger = new DeliveryLedger(direct.db);
    // A's first record was lost, so its stale claim was taken over: the read-back found the post, none was resent.
    expect(await ledger.get({ guildId: A, eventId: 'khojaly', year: 2027 })).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    expect(await ledger.get({ guildId: B, eventId: 'khojaly', year: 2027 })).toMatchObject({
      status: 'sent',
    });
  });
});
