import { type Kysely, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type OpenDatabaseOptions, type OpenedDatabase, openDatabase } from '../../src/store/database.js';
import { type DatabaseUrl, parseDatabaseUrl } from '../../src/store/database-url.js';
import type { Schema } from '../../src/store/schema.js';
import { storeDialectOf } from '../../src/store/store-dialect.js';
import { type PostgresDatabase, postgresDatabase } from '../support/postgres.js';
import { useTempDir } from './fixtures.js';

/** The databases the store's tests run against: every suite that uses this runs on both. */
export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export interface StoreUnderTest {
  /** The open, migrated, empty database of the running test. */
  db(): Kysely<Schema>;
  url(): DatabaseUrl;
  /** Opens the same database again (another process would), closed after the test. */
  openAnother(options?: OpenDatabaseOptions): Promise<OpenedDatabase>;
}

/**
 * Gives each test an empty, migrated database of `kind`: a fresh SQLite file, or on PostgreSQL one
 * database per describe block whose tables are emptied before each test (creating a database per test
 * costs more than the tests). Call at the top of a describe block.
 */
export function useStore(kind: StoreKind, options: OpenDatabaseOptions = {}): StoreUnderTest {
  const temp = kind === 'sqlite' ? useTempDir() : undefined;
  let postgres: PostgresDatabase | undefined;
  let url: DatabaseUrl | undefined;
  let opened: OpenedDatabase[] = [];
  if (kind === 'postgres') {
    beforeAll(async () => {
      postgres = await postgresDatabase('store');
    });
    afterAll(async () => {
      await postgres?.drop();
    });
  }
  beforeEach(async () => {
    url = temp !== undefined ? temp.fileUrl() : parseDatabaseUrl(postgres?.url ?? '', '/');
    const first = await openDatabase(url, options);
    opened = [first];
    if (kind === 'postgres') await emptyTables(first.db as unknown as Kysely<unknown>);
  });
  afterEach(async () => {
    for (const database of opened.reverse()) await database.close();
    opened = [];
  });
  const current = () => {
    const first = opened[0];
    if (first === undefined || url === undefined) throw new Error('useStore: no test is running');
    return { first, url };
  };
  return {
    db: () => current().first.db,
    url: () => current().url,
    async openAnother(more) {
      const database = await openDatabase(current().url, { ...options, ...more });
      opened.push(database);
      return database;
    },
  };
}

async function emptyTables(db: Kysely<unknown>): Promise<void> {
  const tables = (await storeDialectOf(db).tables(db)).filter((t) => t !== 'schema_migrations');
  if (tables.length > 0) await sql`TRUNCATE ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
}

/** What each database says when a CHECK constraint refuses a row. */
export const CHECK_FAILED = /CHECK constraint failed|violates check constraint/;
