import { describe, expect, it } from 'vitest';
import { databaseLocation, parseDatabaseUrl } from '../../src/store/database-url.js';
import { connectionAttempts, parsePostgresUrl, sslOptions } from '../../src/store/postgres-url.js';
import { StoreError } from '../../src/store/store-error.js';

function errorOf(value: string): StoreError {
  try {
    parseDatabaseUrl(value, '/srv/bot');
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
}

describe('a PostgreSQL DATABASE_URL', () => {
  it('is read as libpq reads it', () => {
    expect(parseDatabaseUrl('postgres://bot:s3cret@db.example:6543/remembrance', '/srv/bot')).toEqual({
      kind: 'postgres',
      host: 'db.example',
      port: 6543,
      database: 'remembrance',
      user: 'bot',
      password: 's3cret',
      sslMode: 'prefer',
      sslRootCert: undefined,
    });
    // Default port, the user's name as the database, %-escapes, postgresql://, IPv6, no password.
    expect(parsePostgresUrl('postgresql://b%40t:p%40ss%2Fw%3Ard@[::1]')).toMatchObject({
      host: '::1',
      port: 5432,
      database: 'b@t',
      user: 'b@t',
      password: 'p@ss/w:rd',
    });
    expect(parsePostgresUrl('postgres://bot@db/x?sslmode=verify-full&sslrootcert=/etc/ca.pem')).toMatchObject(
      {
        password: undefined,
        sslMode: 'verify-full',
        sslRootCert: '/etc/ca.pem',
      },
    );
  });

  it('is described by database, host and port, never the password', () => {
    const url = parseDatabaseUrl('postgres://bot:hunter2@db.example/remembrance', '/');
    expect(databaseLocation(url)).toBe('PostgreSQL database "remembrance" on db.example:5432');
    expect(databaseLocation(parseDatabaseUrl('postgres://bot:x@[::1]:7/d', '/'))).toBe(
      'PostgreSQL database "d" on [::1]:7',
    );
  });

  it.each([
    ['postgres://bot:hunter2@db/x?sslmode=on', 'DATABASE_URL has sslmode "on", which is not one of '],
    ['postgres://bot:hunter2@db/x?ssl=true', 'DATABASE_URL has the parameter "ssl", which is not supported'],
    ['postgres://:hunter2@db/x', 'DATABASE_URL names no user'],
    ['postgres:///x', 'DATABASE_URL names no host'],
    ['postgres://bot:hunter2@db/a/b', 'DATABASE_URL\'s database name contains "/"'],
    ['postgres://bot:hun%zzter2@db/x', 'DATABASE_URL has a malformed %-escape'],
    ['postgres://bot:hunter2@db:99999/x', 'DATABASE_URL is not a valid PostgreSQL URL'],
  ])('refuses %j with one line that keeps the password out', (value, start) => {
    const error = errorOf(value);
    expect(error.code).toBe('invalid-database-url');
    expect(error.message.startsWith(start)).toBe(true);
    expect(error.message).not.toMatch(/hunter2|hun%zzter2|\n/);
  });
});

describe('sslmode, mapped to pg as libpq means it', () => {
  it('disable and allow start without TLS', () => {
    expect(sslOptions('disable')).toBe(false);
    expect(sslOptions('allow')).toBe(false);
  });

  it('prefer and require encrypt without verifying the certificate', () => {
    expect(sslOptions('prefer')).toEqual({ rejectUnauthorized: false });
    expect(sslOptions('require')).toEqual({ rejectUnauthorized: false });
  });

  it('verify-ca checks the chain but not the host name; verify-full checks both', () => {
    const ca = sslOptions('verify-ca', 'CA PEM');
    expect(ca).toMatchObject({ ca: 'CA PEM', rejectUnauthorized: true });
    if (ca === false) throw new Error('unreachable');
    expect(ca.checkServerIdentity?.('elsewhere.example', {} as never)).toBeUndefined();
    const full = sslOptions('verify-full');
    expect(full).toEqual({ rejectUnauthorized: true });
    if (full === false) throw new Error('unreachable');
    expect(full.checkServerIdentity).toBeUndefined(); // Node's default: the name must match
  });

  it('prefer falls back to plain, allow to TLS; the others try one way only', () => {
    expect(connectionAttempts('prefer')).toEqual([{ rejectUnauthorized: false }, false]);
    expect(connectionAttempts('allow')).toEqual([false, { rejectUnauthorized: false }]);
    expect(connectionAttempts('disable')).toEqual([false]);
    expect(connectionAttempts('require')).toEqual([{ rejectUnauthorized: false }]);
    expect(connectionAttempts('verify-full', 'PEM')).toEqual([{ ca: 'PEM', rejectUnauthorized: true }]);
  });
});
