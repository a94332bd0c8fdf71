import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { initialMigration } from '../../src/store/migrations/0001-initial.js';
import { migrations } from '../../src/store/migrations/index.js';
import { migrate } from '../../src/store/migrator.js';
import { useTempDir } from './fixtures.js';

describe('migration 0002-delivery-readback', () => {
  const temp = useTempDir();

  it('splits old "code: detail" reasons at the first ": " when the prefix is a known code, and keeps every row', async () => {
    const file = path.join(temp.dir(), 'old.sqlite');
    const raw = new SqliteDatabase(file);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    await migrate(db, { now: 1, location: file, migrations: [initialMigration] });
    const insert = raw.prepare(
      `INSERT INTO deliveries (guild_id, event_id, year, status, nonce, message_id, reason, retryable, attempts,
         claimed_by, claimed_at, due_at, updated_at) VALUES (?, ?, ?, ?, 'n', ?, ?, ?, ?, ?, ?, 100, 200)`,
    );
    insert.run(
      '1',
      'a',
      2025,
      'failed',
      null,
      'missing-permissions: 50013: Missing Permissions',
      0,
      1,
      'x',
      150,
    );
    insert.run('1', 'b', 2025, 'failed', null, '503: Service Unavailable', 1, 2, 'x', 160);
    insert.run('1', 'c', 2025, 'missed', null, 'day-ended', 0, 0, null, null);
    insert.run('1', 'd', 2025, 'failed', null, 'HTTP 400', 0, 1, 'x', 150);
    insert.run('1', 'e', 2025, 'sent', '99', null, 0, 1, 'x', 150);
    insert.run('2', 'a', 2025, 'claimed', null, null, 0, 3, 'y', 170);

    expect(await migrate(db, { now: 2, location: file, migrations })).toContain('0002-delivery-readback');
    const rows = raw
      .prepare(
        'SELECT guild_id, event_id, status, reason, detail, first_attempt_at, attempts FROM deliveries ORDER BY 1, 2',
      )
      .all();
    expect(rows).toEqual([
      {
        guild_id: '1',
        event_id: 'a',
        status: 'failed',
        reason: 'missing-permissions',
        detail: '50013: Missing Permissions',
        first_attempt_at: 100,
        attempts: 1,
      },
      {
        guild_id: '1',
        event_id: 'b',
        status: 'failed',
        reason: 'transient',
        detail: '503: Service Unavailable',
        first_attempt_at: 100,
        attempts: 2,
      },
      {
        guild_id: '1',
        event_id: 'c',
        status: 'missed',
        reason: 'day-ended',
        detail: null,
        first_attempt_at: null,
        attempts: 0,
      },
      {
        guild_id: '1',
        event_id: 'd',
        status: 'failed',
        reason: 'rejected',
        detail: 'HTTP 400',
        first_attempt_at: 100,
        attempts: 1,
      },
      {
        guild_id: '1',
        event_id: 'e',
        status: 'sent',
        reason: null,
        detail: null,
        first_attempt_at: 100,
        attempts: 1,
      },
      {
        guild_id: '2',
        event_id: 'a',
        status: 'claimed',
        reason: null,
        detail: null,
        first_attempt_at: 100,
        attempts: 3,
      },
    ]);
    // The rebuilt table accepts the new status and still refuses a 'sent' row without a message.
    raw.prepare("UPDATE deliveries SET status = 'uncertain' WHERE guild_id = '2'").run();
    expect(() => raw.prepare("UPDATE deliveries SET status = 'sent' WHERE guild_id = '2'").run()).toThrow(
      /CHECK constraint failed/,
    );
    expect(() => raw.prepare("UPDATE deliveries SET status = 'lost' WHERE guild_id = '2'").run()).toThrow(
      /CHECK constraint failed/,
    );
    await db.destroy();
  });
});
