import path from 'node:path';
import { describePostgres, type PostgresUrl, parsePostgresUrl } from './postgres-url.js';
import { StoreError } from './store-error.js';

/** The DATABASE_URL used when none is set: a file under var/ relative to the working directory. */
export const DEFAULT_DATABASE_URL = 'sqlite:var/remembrance.sqlite';

/** Where the database lives once DATABASE_URL has been understood. */
export type DatabaseUrl = { kind: 'sqlite-file'; path: string } | { kind: 'sqlite-memory' } | PostgresUrl;

const ACCEPTED =
  'use sqlite:relative/path.sqlite (relative to the working directory), sqlite:/absolute/path.sqlite, ' +
  'sqlite::memory: or postgres://user:password@host:port/database';

/**
 * Parses DATABASE_URL. Accepts `sqlite:relative/path` (resolved against `cwd`), `sqlite:/absolute/path`,
 * `sqlite::memory:` and `postgres://` / `postgresql://` URLs (see {@link parsePostgresUrl}); anything
 * else throws a {@link StoreError} with a one-line message.
 *
 * Values with another scheme are never echoed back, because they may carry a password
 * (`postgres://user:secret@host/db`); only the scheme is named.
 */
export function parseDatabaseUrl(value: string, cwd: string): DatabaseUrl {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw invalid(`DATABASE_URL is empty; ${ACCEPTED}.`);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return parsePostgresUrl(trimmed);
  if (scheme !== 'sqlite') {
    throw invalid(`DATABASE_URL ${describeScheme(scheme)}; ${ACCEPTED}.`);
  }
  const rest = trimmed.slice('sqlite:'.length);
  if (rest === ':memory:') {
    return { kind: 'sqlite-memory' };
  }
  if (rest === '') {
    throw invalid(`DATABASE_URL "sqlite:" names no file; ${ACCEPTED}.`);
  }
  if (rest.startsWith('//')) {
    // sqlite://host/x or sqlite:///x would silently mean different files to different readers.
    throw invalid(`DATABASE_URL "${trimmed}" uses the // form, which is not supported; ${ACCEPTED}.`);
  }
  if (rest.endsWith('/')) {
    throw invalid(`DATABASE_URL "${trimmed}" names a folder, not a file; ${ACCEPTED}.`);
  }
  return { kind: 'sqlite-file', path: path.resolve(cwd, rest) };
}

/**
 * Where a {@link DatabaseUrl} points, for messages and logs: the path, `:memory:`, or the PostgreSQL
 * database, host and port (never the password).
 */
export function databaseLocation(url: DatabaseUrl): string {
  if (url.kind === 'postgres') return describePostgres(url);
  return url.kind === 'sqlite-memory' ? ':memory:' : url.path;
}

function describeScheme(scheme: string | undefined): string {
  if (scheme === undefined) return 'has no scheme';
  return `uses the "${scheme}:" scheme, which is not supported`;
}

function invalid(message: string): StoreError {
  return new StoreError('invalid-database-url', message);
}
