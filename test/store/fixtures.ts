import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { DatabaseUrl } from '../../src/store/database-url.js';

/**
 * Gives each test a fresh folder under the OS temp dir, removed afterwards. Call at the top of a
 * describe block and read `dir()` / `fileUrl()` inside tests.
 */
export function useTempDir(): { dir: () => string; fileUrl: (name?: string) => DatabaseUrl } {
  let current: string | undefined;
  beforeEach(() => {
    current = fs.mkdtempSync(path.join(os.tmpdir(), 'store-test-'));
  });
  afterEach(() => {
    if (current !== undefined) fs.rmSync(current, { recursive: true, force: true });
    current = undefined;
  });
  const dir = (): string => {
    if (current === undefined) throw new Error('useTempDir: no test is running');
    return current;
  };
  return { dir, fileUrl: (name = 'test.sqlite') => ({ kind: 'sqlite-file', path: path.join(dir(), name) }) };
}

/** A real-looking snowflake for a server created `msAfterEpoch` ms after Discord's epoch. */
export function snowflake(msAfterEpoch: number, increment = 0): string {
  return ((BigInt(msAfterEpoch) << 22n) | BigInt(increment)).toString();
}
