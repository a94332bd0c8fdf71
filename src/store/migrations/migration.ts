import type { Kysely } from 'kysely';

/**
 * One step of the schema. Ids sort in the order they run and are never renamed or reused; a migration
 * that shipped is never edited, only followed by another. `up` gets an untyped Kysely because the
 * schema it sees is the one before it ran, not today's `Schema`.
 */
export interface Migration {
  readonly id: string;
  up(db: Kysely<unknown>): Promise<void>;
}
