import { describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../../src/store/database-url.js';
import { StoreError } from '../../src/store/store-error.js';

const ACCEPTED =
  'use sqlite:relative/path.sqlite (relative to the working directory), sqlite:/absolute/path.sqlite, ' +
  'sqlite::memory: or postgres://user:password@host:port/database.';

function errorOf(value: string): StoreError {
  try {
    parseDatabaseUrl(value, '/srv/bot');
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
}

describe('parseDatabaseUrl', () => {
  it('resolves a relative sqlite path against the working directory', () => {
    expect(parseDatabaseUrl('sqlite:var/remembrance.sqlite', '/srv/bot')).toEqual({
      kind: 'sqlite-file',
      path: '/srv/bot/var/remembrance.sqlite',
    });
    expect(parseDatabaseUrl('sqlite:./a/../b.sqlite', '/srv/bot')).toEqual({
      kind: 'sqlite-file',
      path: '/srv/bot/b.sqlite',
    });
  });

  it('keeps an absolute sqlite path', () => {
    expect(parseDatabaseUrl('sqlite:/data/bot.sqlite', '/srv/bot')).toEqual({
      kind: 'sqlite-file',
      path: '/data/bot.sqlite',
    });
  });

  it('accepts an in-memory database, the default and surrounding whitespace', () => {
    expect(parseDatabaseUrl('sqlite::memory:', '/srv/bot')).toEqual({ kind: 'sqlite-memory' });
    expect(parseDatabaseUrl(`  ${DEFAULT_DATABASE_URL}\n`, '/srv/bot')).toEqual({
      kind: 'sqlite-file',
      path: '/srv/bot/var/remembrance.sqlite',
    });
    expect(parseDatabaseUrl('SQLite:x.sqlite', '/srv/bot')).toEqual({
      kind: 'sqlite-file',
      path: '/srv/bot/x.sqlite',
    });
  });

  it.each([
    ['mysql://db/remembrance', 'DATABASE_URL uses the "mysql:" scheme, which is not supported; '],
    ['file:var/x.sqlite', 'DATABASE_URL uses the "file:" scheme, which is not supported; '],
    ['', 'DATABASE_URL is empty; '],
    ['   ', 'DATABASE_URL is empty; '],
    ['sqlite:', 'DATABASE_URL "sqlite:" names no file; '],
    ['var/remembrance.sqlite', 'DATABASE_URL has no scheme; '],
    [
      'sqlite://host/x.sqlite',
      'DATABASE_URL "sqlite://host/x.sqlite" uses the // form, which is not supported; ',
    ],
    ['sqlite:var/', 'DATABASE_URL "sqlite:var/" names a folder, not a file; '],
  ])('rejects %j with one line naming DATABASE_URL and what is accepted', (value, start) => {
    const error = errorOf(value);
    expect(error.code).toBe('invalid-database-url');
    expect(error.message).toBe(`${start}${ACCEPTED}`);
    expect(error.message).not.toContain('\n');
  });

  it('never echoes a URL that may carry a password', () => {
    expect(errorOf('postgres://bot:hunter2@db.example/remembrance?sslmode=on').message).not.toContain(
      'hunter2',
    );
    expect(errorOf('postgres://bot:hunter2@:5432/remembrance').message).not.toContain('hunter2');
    expect(errorOf('redis://:hunter2@cache').message).not.toContain('hunter2');
  });
});
