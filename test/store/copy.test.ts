import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyDatabase } from '../../src/store/copy.js';
import { type OpenedDatabase, openDatabase } from '../../src/store/database.js';
import { parseDatabaseUrl } from '../../src/store/database-url.js';
import { deliveryNonce } from '../../src/store/delivery.js';
import { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import { shardKey } from '../../src/store/guild-settings.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { StoreError } from '../../src/store/store-error.js';
import { type PostgresDatabase, postgresDatabase, postgresServer } from '../support/postgres.js';
import { snowflake, useTempDir } from './fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIG = '1200000000000000001';
const raw = (o: OpenedDatabase) => o.db as unknown as Kysely<unknown>;

describe('copying an installation from SQLite to PostgreSQL', () => {
  const temp = useTempDir();
  let target: PostgresDatabase;
  let opened: OpenedDatabase[];

  beforeEach(async () => {
    target = await postgresDatabase('copy');
    opened = [];
  });
  afterEach(async () => {
    for (const o of opened) await o.close();
    await target.drop();
  });

  async function open(url: string): Promise<OpenedDatabase> {
    const o = await openDatabase(parseDatabaseUrl(url, temp.dir()));
    opened.push(o);
    return o;
  }

  /** One server configured through the repositories, plus `bulk` servers and deliveries written in bulk. */
  async function seed(db: OpenedDatabase, bulk: number): Promise<void> {
    await new SettingsRepository(db.db).update(
      BIG,
      { channelId: BIG, roleId: BIG, disabledEvents: ['a', 'b'], nextDueAt: 1.8e12, reminderDays: 7 },
      1,
    );
    const ids = Array.from({ length: bulk }, (_, i) => snowflake(1_000 + i));
    for (let i = 0; i < bulk; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await db.db
        .insertInto('guild_settings')
        .values(
          chunk.map((guildId, j) => ({
            guild_id: guildId,
            shard_key: shardKey(guildId),
            channel_id: '1',
            time_zone: 'Asia/Baku',
            post_time: '09:00',
            role_id: null,
            language: 'az' as const,
            paused: ((i + j) % 7 === 0 ? 1 : 0) as 0 | 1,
            pause_reason: (i + j) % 7 === 0 ? ('admin' as const) : null,
            pause_detail: null,
            disabled_events: '[]',
            events_tab: 0 as const,
            reminder_days: (i + j) % 31,
            next_due_at: 1_000 + i + j,
            updated_at: 2,
          })),
        )
        .execute();
      await db.db
        .insertInto('deliveries')
        .values(
          chunk.map((guildId, j) => {
            const key = { guildId, eventId: 'khojaly', year: 2026 };
            const sent = (i + j) % 2 === 0;
            return {
              guild_id: guildId,
              event_id: key.eventId,
              year: key.year,
              status: sent ? ('sent' as const) : ('failed' as const),
              nonce: deliveryNonce(key),
              message_id: sent ? String(BigInt(BIG) + BigInt(i + j)) : null,
              reason: sent ? null : 'missing-access',
              retryable: 0 as const,
              attempts: 1,
              claimed_by: 'w',
              claimed_at: 3,
              due_at: 3,
              updated_at: 4,
            };
          }),
        )
        .execute();
    }
  }

  it('copies every row and table, and reads back the same through the repositories', async () => {
    const source = await open('sqlite:source.sqlite');
    await seed(source, 2_500); // more than one read batch
    // A table a later migration might add is copied too, without copy knowing it.
    for (const db of [source, await open(target.url)]) {
      await sql`CREATE TABLE later_table (id text PRIMARY KEY, at bigint NOT NULL)`.execute(raw(db));
    }
    await sql`INSERT INTO later_table (id, at) VALUES ('x', 1700000000000), ('y', 2)`.execute(raw(source));
    // An audit row keeps its id; the target's own next row must not collide with it.
    await sql`INSERT INTO config_audit (guild_id, at, user_id, user_name, setting, new_value)
      VALUES (${BIG}, 1, '1', 'admin', 'channel', '9')`.execute(raw(source));
    const destination = opened[1] as OpenedDatabase;

    const copied = await copyDatabase(raw(source), raw(destination), { targetLocation: 'target' });

    expect(copied).toEqual(
      expect.arrayContaining([
        { table: 'config_audit', rows: 1 },
        { table: 'deliveries', rows: 2_500 },
        { table: 'guild_settings', rows: 2_501 },
        { table: 'later_table', rows: 2 },
      ]),
    );
    expect(copied.map((c) => c.table)).toEqual([...copied.map((c) => c.table)].sort());
    await sql`INSERT INTO config_audit (guild_id, at, user_id, user_name, setting, new_value)
      VALUES (${BIG}, 2, '1', 'admin', 'time', '10:00')`.execute(raw(destination));
    const ids = await sql<{ id: number }>`SELECT id FROM config_audit ORDER BY id`.execute(raw(destination));
    expect(ids.rows.map((r) => Number(r.id))).toEqual([1, 2]);
    const [from, to] = [source, destination].map((o) => ({
      settings: new SettingsRepository(o.db),
      ledger: new DeliveryLedger(o.db),
    }));
    if (from === undefined || to === undefined) throw new Error('unreachable');
    expect(await to.settings.listAll()).toEqual(await from.settings.listAll());
    for (const guildId of [BIG, snowflake(1_000), snowflake(1_001)]) {
      expect(await to.ledger.listForGuild(guildId)).toEqual(await from.ledger.listForGuild(guildId));
    }
    expect(await to.settings.get(BIG)).toMatchObject({
      guildId: BIG,
      roleId: BIG,
      disabledEvents: ['a', 'b'],
    });
    expect(await to.settings.listDue(1.9e12)).toEqual(await from.settings.listDue(1.9e12));
  });

  it('reads a PostgreSQL source too, page by page', async () => {
    const source = await open('sqlite:source.sqlite');
    await seed(source, 2_100); // more than one page of PostgreSQL reads
    const middle = await open(target.url);
    await copyDatabase(raw(source), raw(middle), { targetLocation: 'middle' });
    const another = await postgresDatabase('copy');
    try {
      const last = await open(another.url);
      const copied = await copyDatabase(raw(middle), raw(last), { targetLocation: 'last' });
      expect(copied).toEqual(
        expect.arrayContaining([
          { table: 'deliveries', rows: 2_100 },
          { table: 'guild_settings', rows: 2_101 },
        ]),
      );
      const all = (o: OpenedDatabase) => new SettingsRepository(o.db).listAll();
      expect(await all(last)).toEqual(await all(source));
      const ledger = (o: OpenedDatabase) => new DeliveryLedger(o.db).listForGuild(snowflake(3_099));
      expect(await ledger(last)).toEqual(await ledger(source));
      await last.close();
    } finally {
      await another.drop();
    }
  });

  it('refuses a target that is not empty and leaves it as it was', async () => {
    const source = await open('sqlite:source.sqlite');
    await seed(source, 3);
    const destination = await open(target.url);
    await new SettingsRepository(destination.db).update(BIG, { channelId: '9' }, 1);
    const error = await copyDatabase(raw(source), raw(destination), { targetLocation: 'the target' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toBe(
      'the target is not empty (guild_settings has 1 rows); db:copy only fills an empty database.',
    );
    expect(await new SettingsRepository(destination.db).listAll()).toHaveLength(1);
    expect(await new DeliveryLedger(destination.db).listForGuild(snowflake(1_000))).toEqual([]);
  });

  it('npm run db:copy prints the counts, then refuses to copy twice without showing the password', async () => {
    const source = await open('sqlite:source.sqlite');
    await seed(source, 3);
    await source.close();
    const run = () =>
      spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/db-copy.ts',
          '--from',
          `sqlite:${temp.dir()}/source.sqlite`,
          '--to',
          target.url,
        ],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } },
      );
    const first = run();
    expect(first.stderr).toBe('');
    const where = `PostgreSQL database "${target.name}" on 127.0.0.1:${postgresServer().port}`;
    expect(first.stdout).toBe(
      `Copied ${temp.dir()}/source.sqlite to ${where}:\n${Object.entries({
        config_audit: 0,
        deliveries: 3,
        guild_settings: 4,
        host_heartbeats: 0,
        identify_leases: 0,
        publications: 0,
        scheduled_events: 0,
        server_dates: 0,
        shard_layout: 0,
      })
        .map(([table, rows]) => `  ${table.padEnd('scheduled_events'.length + 2)}${rows}\n`)
        .join('')}Row counts verified.\n`,
    );
    expect(first.status).toBe(0);

    const second = run();
    expect(second.status).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toBe(
      `db:copy: ${where} is not empty (deliveries has 3 rows); db:copy only fills an empty database.\n`,
    );
    expect(second.stderr).not.toContain(postgresServer().password);
  });
});
