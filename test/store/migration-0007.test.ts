import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/migrations/index.js';
import { migrate } from '../../src/store/migrator.js';
import type { Schema } from '../../src/store/schema.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { snowflake, useTempDir } from './fixtures.js';

describe('migration 0007-reminders-publishing', () => {
  const temp = useTempDir();

  it('keeps every server, with reminders off, and refuses an offset outside 0–30', async () => {
    const file = path.join(temp.dir(), 'old.sqlite');
    const raw = new SqliteDatabase(file);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    const before = migrations.filter((m) => m.id < '0007');
    await migrate(db, { now: 1, location: file, migrations: before });
    const guild = snowflake(7_000);
    // Written as the older version wrote it (no reminder_days column yet).
    raw
      .prepare(
        `INSERT INTO guild_settings (guild_id, shard_key, channel_id, time_zone, post_time, role_id,
           language, paused, pause_reason, pause_detail, disabled_events, next_due_at, updated_at)
         VALUES (?, 0, ?, 'Asia/Baku', '09:00', NULL, 'en', 0, NULL, NULL, '[]', 5, 1)`,
      )
      .run(guild, snowflake(7_001));

    expect(await migrate(db, { now: 2, location: file, migrations })).toContain('0007-reminders-publishing');
    const settings = await new SettingsRepository(db as unknown as Kysely<Schema>).get(guild);
    expect(settings).toMatchObject({ channelId: snowflake(7_001), reminderDays: 0, nextDueAt: 5 });
    expect(() => raw.prepare('UPDATE guild_settings SET reminder_days = 31').run()).toThrow(/CHECK/);
    expect(() => raw.prepare('UPDATE guild_settings SET reminder_days = -1').run()).toThrow(/CHECK/);
    raw.prepare('UPDATE guild_settings SET reminder_days = 30').run();
    expect(raw.prepare('SELECT count(*) AS n FROM publications').get()).toEqual({ n: 0 });
    await db.destroy();
  });
});
