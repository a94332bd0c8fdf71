import type { Kysely } from 'kysely';
import type { DialectName } from '../store-dialect.js';

/** One migration body; it gets an untyped Kysely because the schema it sees is the one before it ran. */
export type MigrationBody = (db: Kysely<unknown>) => Promise<void>;

/**
 * One step of the schema. Ids sort in the order they run and are never renamed or reused; a migration
 * that shipped is never edited, only followed by another.
 *
 * A step is written either once for both databases (`up`, with Kysely's schema builder, `bigint` for
 * epoch milliseconds and no SQLite-only SQL), or once per database in the same file (`sqlite` and
 * `postgres`) when they must differ — a CHECK that SQLite can only change by rebuilding the table, a
 * JSON column. PostgreSQL support began after 0002, so PostgreSQL's 0001 already builds the schema as of
 * 0002 and its 0002 body is {@link inPostgresBaseline}.
 */
export type Migration =
  | { readonly id: string; up: MigrationBody }
  | { readonly id: string; sqlite: MigrationBody; postgres: MigrationBody };

/** The PostgreSQL body of a step that PostgreSQL's first migration already contains. */
export const inPostgresBaseline: MigrationBody = async () => {};

/** The body of `migration` for the given database. */
export function migrationBody(migration: Migration, dialect: DialectName): MigrationBody {
  return 'up' in migration ? migration.up : migration[dialect];
}
