import path from 'node:path';
import { StoreError } from './store-error.js';

/** The DATABASE_URL used when none is set: a file under var/ relative to the working directory. */
export const DEFAULT_DATABASE_URL = 'sqlite:var/remembrance.sqlite';

/** Where the database lives once DATABASE_URL has been understood. */
export type DatabaseUrl = { kind: 'sqlite-file'; path: string } | { kind: 'sqlite-memory' };

const ACCEPTED =
  'use sqlite:relative/path.sqlite (relative to the working directory), sqlite:/absolute/path.sqlite or sqlite::memory:';

/**
 * Parses DATABASE_URL. Accepts `sqlite:relative/path` (resolved against `cwd`), `sqlite:/absolute/path`
 * and `sqlite::memory:`; anything else throws a {@link StoreError} with a one-line message.
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

/** The path or `:memory:` a {@link DatabaseUrl} points at, for messages and for SQLite itself. */
export function databaseLocation(url: DatabaseUrl): string {
  return url.kind === 'sqlite-memory' ? ':memory:' : url.path;
}

function describeScheme(scheme: string | undefined): string {
  if (scheme === undefined) return 'has no scheme';
  if (scheme === 'postgres' || scheme === 'postgresql') return 'uses PostgreSQL, which is not supported yet';
  return `uses the "${scheme}:" scheme, which is not supported`;
}

function invalid(message: string): StoreError {
  return new StoreError('invalid-database-url', message);
}
