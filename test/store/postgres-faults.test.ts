import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type OpenDatabaseOptions, type OpenedDatabase, openDatabase } from '../../src/store/database.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import type { PostgresUrl } from '../../src/store/postgres-url.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { isStoreUnavailable, StoreError } from '../../src/store/store-error.js';
import { type PostgresDatabase, postgresDatabase, postgresServer } from '../support/postgres.js';
import { type TcpProxy, tcpProxy } from '../support/tcp-proxy.js';
import { snowflake } from './fixtures.js';

const GUILD = snowflake(42);

describe('PostgreSQL faults', () => {
  let database: PostgresDatabase;
  let url: PostgresUrl;
  let password: string;
  let proxy: TcpProxy;
  let logs: Array<{ fields: Record<string, unknown>; message: string }>;
  const opened: OpenedDatabase[] = [];

  beforeAll(async () => {
    database = await postgresDatabase('faults');
    url = parseDatabaseUrl(database.url, '/') as PostgresUrl;
    password = postgresServer().password;
  });
  afterAll(async () => {
    await database.drop();
  });
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.close();
    await proxy?.close();
  });

  async function open(target: PostgresUrl, options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
    logs = [];
    const log = (fields: object, message: string) =>
      logs.push({ fields: fields as Record<string, unknown>, message });
    const o = await openDatabase(target, { log: { info: log, warn: log }, ...options });
    opened.push(o);
    return o;
  }

  async function failure(promise: Promise<unknown>): Promise<StoreError> {
    const error = await promise.then(
      () => new Error('expected a failure'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    const text = `${(error as Error).message} ${String((error as Error).cause)} ${JSON.stringify(logs)}`;
    expect(text).not.toContain(password);
    expect((error as Error).message).not.toContain('\n');
    return error as StoreError;
  }

  const through = (p: TcpProxy): PostgresUrl => ({ ...url, port: p.port });

  it('retries an unreachable server with backoff, logging each attempt, then gives up naming host and database', async () => {
    proxy = await tcpProxy(postgresServer().port); // never opened: connections are refused
    const started = Date.now();
    const error = await failure(open(through(proxy), { connectRetryMs: 1_600 }));
    expect(error.code).toBe('cannot-open');
    expect(error.message).toMatch(
      new RegExp(
        `^Cannot connect to the PostgreSQL database "${database.name}" on 127\\.0\\.0\\.1:${proxy.port}: ` +
          'connection refused \\(is PostgreSQL running and listening on that port\\?\\) \\(gave up after [34] attempts in 2 s\\)\\.$',
      ),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(logs.map((l) => [l.message, l.fields.attempt, l.fields.retryInMs])).toEqual(
      logs.map((_, i) => ['database not reachable; retrying', i + 1, expect.any(Number)]),
    );
    expect(logs.slice(0, 2).map((l) => l.fields.retryInMs)).toEqual([500, 1_000]);
  });

  it('connects once the server comes up while it is retrying', async () => {
    proxy = await tcpProxy(postgresServer().port);
    setTimeout(() => void proxy.open(), 700);
    const { db } = await open(through(proxy), { connectRetryMs: 20_000 });
    expect(logs.length).toBeGreaterThanOrEqual(1);
    expect(await new SettingsRepository(db).get(GUILD)).toBeNull();
  });

  it('refuses a wrong password at once, without retrying or showing any password', async () => {
    const error = await failure(open({ ...url, password: 'not-the-password' }, { connectRetryMs: 30_000 }));
    expect(error.message).toBe(
      `Cannot connect to the PostgreSQL database "${database.name}" on 127.0.0.1:${url.port}: ` +
        'the server refused the login (password authentication failed for user "postgres").',
    );
    expect(error.message).not.toContain('not-the-password');
    expect(logs).toEqual([]);
  });

  it('refuses a database that does not exist', async () => {
    const error = await failure(open({ ...url, database: 'nowhere' }, { connectRetryMs: 30_000 }));
    expect(error.message).toMatch(/"nowhere" on .*: the database does not exist \(create it first\)\.$/);
  });

  it('honours sslmode against a server without TLS: require and verify-full refuse, prefer and allow fall back', async () => {
    for (const sslMode of ['require', 'verify-ca', 'verify-full'] as const) {
      const error = await failure(open({ ...url, sslMode }, { connectRetryMs: 30_000 }));
      expect(error.message).toMatch(/: the server does not offer TLS, which this sslmode requires\.$/);
    }
    for (const sslMode of ['prefer', 'allow', 'disable'] as const) {
      const { db } = await open({ ...url, sslMode });
      expect(await new SettingsRepository(db).get(GUILD)).toBeNull();
    }
  });

  it('cuts off a stuck statement, and the pool carries on', async () => {
    const { db } = await open(url, { statementTimeoutMs: 300 });
    const error = await failure(sql`SELECT pg_sleep(5)`.execute(db));
    expect(isStoreUnavailable(error)).toBe(true);
    expect(error.message).toMatch(
      /cannot be reached right now: canceling statement due to statement timeout\.$/,
    );
    expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(db)).rows).toEqual([{ one: 1 }]);
  });

  it('reports a database lost mid-run as unavailable, changes nothing, and works again when it returns', async () => {
    proxy = await tcpProxy(postgresServer().port);
    await proxy.open();
    const { db } = await open(through(proxy));
    const settings = new SettingsRepository(db);
    await settings.update(GUILD, { channelId: '1', language: 'az' }, 1);

    await proxy.cut();
    const error = await failure(settings.update(GUILD, { language: 'ru' }, 2));
    expect(isStoreUnavailable(error)).toBe(true);
    expect(error.message).toMatch(
      new RegExp(
        `^The PostgreSQL database "${database.name}" on 127\\.0\\.0\\.1:${proxy.port} cannot be reached right now: `,
      ),
    );
    expect(isStoreUnavailable(await settings.get(GUILD).catch((e: unknown) => e))).toBe(true);

    await proxy.open();
    expect(await settings.get(GUILD)).toMatchObject({ language: 'az', updatedAt: 1 });
    expect(await settings.update(GUILD, { language: 'ru' }, 3)).toMatchObject({ language: 'ru' });
  });
});
