import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type PostgresDatabase, postgresDatabase, postgresServer } from './postgres.js';

describe('the PostgreSQL test server', () => {
  const made: PostgresDatabase[] = [];
  afterAll(async () => {
    for (const database of made) await database.drop();
  });

  it('gives each caller an empty database of its own, reachable with a password', async () => {
    const [a, b] = await Promise.all([postgresDatabase(), postgresDatabase()]);
    if (a === undefined || b === undefined) throw new Error('unreachable');
    made.push(a, b);
    expect(a.name).not.toBe(b.name);
    const client = new pg.Client({ connectionString: a.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string; version: string; tables: string }>(
        `SELECT current_database() AS db, current_setting('server_version') AS version,
                (SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public') AS tables`,
      );
      expect(rows[0]).toEqual({ db: a.name, version: expect.stringMatching(/^17\./), tables: '0' });
    } finally {
      await client.end();
    }
  });

  it('refuses a wrong password', async () => {
    const { host, port, user } = postgresServer();
    const client = new pg.Client({ host, port, user, password: 'wrong', database: 'postgres' });
    await expect(client.connect()).rejects.toThrow(/password authentication failed/);
  });

  it('drops a database even while someone is connected to it', async () => {
    const database = await postgresDatabase();
    const client = new pg.Client({ connectionString: database.url });
    client.on('error', () => undefined); // the drop terminates this session
    await client.connect();
    await database.drop();
    await database.drop();
    const check = new pg.Client({ connectionString: database.url });
    await expect(check.connect()).rejects.toThrow(/does not exist/);
  });
});
