import { loadDotEnv } from '../config/env.js';
import { DEFAULT_POOL_SIZE } from './database.js';
import { DEFAULT_DATABASE_URL } from './database-url.js';
import type { StoreLog } from './postgres-connection.js';
import { StoreError } from './store-error.js';

/** DATABASE_URL (default `sqlite:var/remembrance.sqlite`), from the environment or `.env`. */
export function databaseUrlFromEnv(): string {
  loadDotEnv();
  const value = process.env.DATABASE_URL;
  return value === undefined || value.trim() === '' ? DEFAULT_DATABASE_URL : value;
}

export const CLI_POOL_SIZE = Math.min(DEFAULT_POOL_SIZE, 2);

/** Retries and lost connections as one line each on stderr. */
export function stderrLog(command: string): StoreLog {
  const write = (fields: object, message: string) => {
    const { reason, retryInMs } = fields as { reason?: string; retryInMs?: number };
    const retry = retryInMs === undefined ? '' : ` in ${Math.ceil(retryInMs / 1000)} s`;
    process.stderr.write(`${command}: ${message}${retry}${reason ? ` (${reason})` : ''}\n`);
  };
  return { info: write, warn: write };
}

/** Prints an expected failure as one line and exits 1; anything else is a bug and keeps its stack. */
export function failed(command: string, error: unknown): never {
  const expected = error instanceof StoreError || (error as Error).name === 'ConfigError';
  process.stderr.write(
    `${command}: ${expected ? (error as Error).message : String((error as Error).stack)}\n`,
  );
  process.exit(1);
}
