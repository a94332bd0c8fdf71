import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresDatabase, postgresDatabase, postgresServer } from '../support/postgres.js';
import { type TcpProxy, tcpProxy } from '../support/tcp-proxy.js';
import { GUILD_ID, type Harness, runConfig, startHarness, TEXT_CHANNEL, visibleText } from './harness.js';

const KHOJALY_2027 = Date.parse('2027-02-26T05:00:00Z');
const MINUTE = 60_000;

describe('the bot on PostgreSQL, through the real discord.js client and the emulator', () => {
  let database: PostgresDatabase;
  let proxy: TcpProxy;
  let h: Harness;

  beforeAll(async () => {
    database = await postgresDatabase('bot');
    proxy = await tcpProxy(postgresServer().port);
    await proxy.open();
  });
  afterAll(async () => {
    await proxy.close();
    await database.drop();
  });
  afterEach(async () => {
    await h.close();
    expect(h.emulator.violations).toEqual([]);
  });

  it('is configured, posts once, and answers "temporarily unavailable" while the database is away', async () => {
    const { user, password, port } = postgresServer();
    const url = `postgres://${user}:${password}@127.0.0.1:${proxy.port}/${database.name}`;
    h = await startHarness({ now: '2027-02-20T12:00:00Z', env: { DATABASE_URL: url } });
    expect(
      visibleText(await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }])),
    ).toContain(`<#${TEXT_CHANNEL}>`);

    await proxy.cut();
    const refused = await runConfig(h, 'language', [{ name: 'language', type: 3, value: 'az' }]);
    expect(visibleText(refused)).toBe(
      'Settings are temporarily unavailable: the bot cannot reach its database. Nothing was changed; please try again in a few minutes.',
    );
    h.clock.ms = KHOJALY_2027;
    await expect(h.bot.scheduler.tick()).rejects.toThrow(/cannot be reached right now/);
    await proxy.open();

    expect((await h.bot.settings.get(GUILD_ID)).language).toBe('en');
    h.clock.ms = KHOJALY_2027 + MINUTE;
    await h.bot.scheduler.tick();
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
    const logs = h.logs.join('');
    expect(logs).toContain('database unavailable');
    expect(logs).not.toContain(password);
    expect(logs).toContain(`PostgreSQL database \\"${database.name}\\" on 127.0.0.1:${proxy.port}`);
    expect(port).not.toBe(proxy.port);
  });
});
