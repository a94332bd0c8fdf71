import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { PostgresConnection } from './postgres-server.js';

/** A database of its own on the run's PostgreSQL server. */
export interface PostgresDatabase {
  /** `postgres://user:password@127.0.0.1:port/name`, usable as DATABASE_URL. */
  url: string;
  name: string;
  /** Drops the database, disconnecting whoever is still connected. Safe to call twice. */
  drop(): Promise<void>;
}

/** The run's server (started by test/support/postgres-global-setup.ts). */
export function postgresServer(): PostgresConnection {
  return inject('postgres');
}

/** `postgres://` URL for `database` on the run's server, as its superuser. */
export function postgresUrl(database: string, server: PostgresConnection = postgresServer()): string {
  const user = encodeURIComponent(server.user);
  const password = encodeURIComponent(server.password);
  return `postgres://${user}:${password}@${server.host}:${server.port}/${encodeURIComponent(database)}`;
}

/** Creates an empty database (no schema: opening it through the store migrates it). */
export async function postgresDatabase(prefix = 'test'): Promise<PostgresDatabase> {
  const server = postgresServer();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin(server, (client) =>
    client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} STRATEGY = FILE_COPY`),
  );
  let dropped = false;
  return {
    url: postgresUrl(name, server),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await admin(server, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}

async function admin<T>(server: PostgresConnection, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl('postgres', server) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
