import type { ConnectionOptions } from 'node:tls';
import { StoreError } from './store-error.js';

/** libpq's sslmode values, weakest first. */
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** A PostgreSQL DATABASE_URL, understood. `password` is only ever handed to the driver. */
export interface PostgresUrl {
  kind: 'postgres';
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | undefined;
  sslMode: SslMode;
  /** sslrootcert: a file of CA certificates to verify the server against (verify-ca, verify-full). */
  sslRootCert: string | undefined;
}

/**
 * What `pg` is told for one sslmode, as libpq means it: `require` encrypts without checking the
 * certificate, `verify-ca` checks it was signed by a trusted CA, `verify-full` also checks the host name.
 * `prefer` and `allow` try one way, then the other (see `connectionAttempts`). `pg`'s own parsing of
 * sslmode in a URL differs (it verifies on `require`), which is why the URL never reaches `pg` whole.
 */
export function sslOptions(mode: SslMode, ca?: string): false | ConnectionOptions {
  const trust = ca === undefined ? {} : { ca };
  switch (mode) {
    case 'disable':
    case 'allow':
      return false;
    case 'prefer':
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      // The chain is checked; the name in the certificate is not.
      return { ...trust, rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { ...trust, rejectUnauthorized: true };
  }
}

/**
 * The ssl settings to try in order: `prefer` tries TLS and falls back to plain if the server has no
 * TLS; `allow` tries plain and falls back to TLS if the server insists on it.
 */
export function connectionAttempts(mode: SslMode, ca?: string): (false | ConnectionOptions)[] {
  if (mode === 'prefer') return [sslOptions('require', ca), false];
  if (mode === 'allow') return [false, sslOptions('require', ca)];
  return [sslOptions(mode, ca)];
}

const ACCEPTED = 'use postgres://user:password@host:port/database (or postgresql://), optionally ?sslmode=';
const PARAMETERS = new Set(['sslmode', 'sslrootcert']);

/**
 * Parses `postgres://` and `postgresql://` URLs as libpq does: port 5432 and the user's name as the
 * database when left out, percent-encoded user and password, sslmode `prefer` by default. Errors are
 * one line and never repeat the URL, which may carry the password.
 */
export function parsePostgresUrl(value: string): PostgresUrl {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`DATABASE_URL is not a valid PostgreSQL URL; ${ACCEPTED}.`);
  }
  if (url.hostname === '') throw invalid(`DATABASE_URL names no host; ${ACCEPTED}.`);
  const user = decode(url.username);
  if (user === '') throw invalid(`DATABASE_URL names no user; ${ACCEPTED}.`);
  const path = decode(url.pathname.replace(/^\//, ''));
  if (path.includes('/')) throw invalid(`DATABASE_URL's database name contains "/"; ${ACCEPTED}.`);
  for (const name of url.searchParams.keys()) {
    if (!PARAMETERS.has(name)) {
      throw invalid(
        `DATABASE_URL has the parameter "${name}", which is not supported; use sslmode or sslrootcert.`,
      );
    }
  }
  const sslMode = url.searchParams.get('sslmode') ?? 'prefer';
  if (!(SSL_MODES as readonly string[]).includes(sslMode)) {
    throw invalid(`DATABASE_URL has sslmode "${sslMode}", which is not one of ${SSL_MODES.join(', ')}.`);
  }
  return {
    kind: 'postgres',
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? 5432 : Number(url.port),
    database: path === '' ? user : path,
    user,
    password: url.password === '' ? undefined : decode(url.password),
    sslMode: sslMode as SslMode,
    sslRootCert: url.searchParams.get('sslrootcert') ?? undefined,
  };
}

/** `database on host:port`, for messages and logs: never the password. */
export function describePostgres(url: PostgresUrl): string {
  const host = url.host.includes(':') ? `[${url.host}]` : url.host;
  return `PostgreSQL database "${url.database}" on ${host}:${url.port}`;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalid(`DATABASE_URL has a malformed %-escape; ${ACCEPTED}.`);
  }
}

function invalid(message: string): StoreError {
  return new StoreError('invalid-database-url', message);
}
