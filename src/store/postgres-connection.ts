import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { connectionAttempts, describePostgres, type PostgresUrl } from './postgres-url.js';
import { StoreError } from './store-error.js';

/** What the store logs (a pino logger fits); nothing is logged when absent. */
export interface StoreLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface PostgresPoolOptions {
  poolSize: number;
  /** How long to keep retrying an unreachable server at start before giving up. */
  connectRetryMs: number;
  /** Server-side limit for one statement, so a stuck query cannot freeze the scheduler. */
  statementTimeoutMs: number;
  log?: StoreLog;
}

const INT8 = 20;
const JSON_OID = 114;
const JSONB = 3802;

/**
 * How values come back: `bigint` (epoch ms, shard keys, counts) as numbers — every value the bot
 * stores is below 2^53 — and JSON as its text, as SQLite returns it, so repositories parse it the same way.
 */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === JSON_OID || oid === JSONB) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/**
 * Connects to PostgreSQL: retries an unreachable server with backoff for `connectRetryMs` (logging each
 * attempt), settles what `prefer`/`allow` sslmodes mean for this server, and returns a pool configured
 * with timeouts. Failures are {@link StoreError}s naming database, host and port, never the password.
 */
export async function connectPostgres(url: PostgresUrl, options: PostgresPoolOptions): Promise<pg.Pool> {
  const ca = url.sslRootCert === undefined ? undefined : readCa(url);
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    for (const ssl of connectionAttempts(url.sslMode, ca)) {
      try {
        await probe(url, ssl);
        return createPool(url, ssl, options);
      } catch (error) {
        failure = error;
        if (!isTlsMismatch(error)) break; // only a TLS mismatch is worth the other way
      }
    }
    const reason = describePgError(failure, url.password);
    const elapsed = Date.now() - started;
    if (!isTransient(failure)) throw cannotConnect(url, reason, failure);
    if (elapsed >= options.connectRetryMs) {
      throw cannotConnect(
        url,
        `${reason} (gave up after ${attempt} attempts in ${Math.round(elapsed / 1000)} s)`,
        failure,
      );
    }
    const delayMs = Math.min(500 * 2 ** (attempt - 1), 10_000, options.connectRetryMs - elapsed);
    options.log?.warn(
      { database: describePostgres(url), attempt, retryInMs: delayMs, reason },
      'database not reachable; retrying',
    );
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

function settings(url: PostgresUrl, ssl: false | ConnectionOptions): pg.ClientConfig {
  return {
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    database: url.database,
    ssl,
    types: TYPES,
    application_name: 'remembrance-bot',
    connectionTimeoutMillis: 10_000,
  };
}

async function probe(url: PostgresUrl, ssl: false | ConnectionOptions): Promise<void> {
  const client = new pg.Client(settings(url, ssl));
  client.on('error', () => undefined); // reported through connect()'s rejection
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

function createPool(url: PostgresUrl, ssl: false | ConnectionOptions, options: PostgresPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    ...settings(url, ssl),
    max: options.poolSize,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs,
    // If the network swallows packets the server never times out anything; the client gives up too.
    query_timeout: options.statementTimeoutMs + 5_000,
    idle_in_transaction_session_timeout: 60_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle connection that dies (server restart, network) is dropped by the pool; without a listener
  // the 'error' event would crash the process.
  pool.on('error', (error) =>
    options.log?.warn(
      { database: describePostgres(url), reason: describePgError(error, url.password) },
      'database connection lost',
    ),
  );
  return pool;
}

function readCa(url: PostgresUrl): string {
  const file = url.sslRootCert ?? '';
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new StoreError(
      'cannot-open',
      `Cannot read sslrootcert ${file} for the ${describePostgres(url)}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`,
    );
  }
}

function cannotConnect(url: PostgresUrl, reason: string, cause: unknown): StoreError {
  return new StoreError('cannot-open', `Cannot connect to the ${describePostgres(url)}: ${reason}.`, {
    cause: redactedCause(cause, url.password),
  });
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
]);

/** Whether the server may answer if asked again later (down, starting, full), not a refusal. */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return TRANSIENT_CODES.has(code);
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout expired|Connection ended/i.test(message);
}

function isTlsMismatch(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  // "The server does not support SSL connections" (prefer → plain), or pg_hba refusing a plain
  // connection with "no encryption" / "SSL off" (allow → TLS).
  return /does not support SSL|no encryption|SSL off/i.test(message);
}

/** A short reason for a PostgreSQL or network error, with the password (if it ever appears) masked. */
export function describePgError(error: unknown, password: string | undefined): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  let reason: string;
  switch (code) {
    case 'ECONNREFUSED':
      reason = 'connection refused (is PostgreSQL running and listening on that port?)';
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      reason = 'the host name does not resolve';
      break;
    case '28P01':
    case '28000':
      reason = `the server refused the login (${message})`;
      break;
    case '3D000':
      reason = 'the database does not exist (create it first)';
      break;
    default:
      reason = /does not support SSL/i.test(message)
        ? 'the server does not offer TLS, which this sslmode requires'
        : message;
  }
  return redact(reason, password);
}

/** Masks the password and its %-encoded form wherever they appear in `text`. */
export function redact(text: string, password: string | undefined): string {
  if (password === undefined || password === '') return text;
  return text.split(password).join('***').split(encodeURIComponent(password)).join('***');
}

function redactedCause(error: unknown, password: string | undefined): Error {
  const message = error instanceof Error ? error.message : String(error);
  const cause = new Error(redact(message, password));
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) Object.assign(cause, { code });
  return cause;
}
