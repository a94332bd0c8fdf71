import { type Kysely, sql } from 'kysely';
import { storeDialectOf } from './store-dialect.js';
import { StoreError } from './store-error.js';

export interface CopiedTable {
  table: string;
  rows: number;
}

export interface CopyOptions {
  /** Where the target is, for messages. */
  targetLocation: string;
}

/** The migration record is each database's own; every other table is data. */
const NOT_DATA = new Set(['schema_migrations']);

/**
 * Copies every table of `source` into the empty `target`, both migrated to the same schema: whatever
 * tables the schema has (so tables later migrations add are included), in one target transaction, with
 * the source held still by a transaction of its own (on SQLite an IMMEDIATE one, which keeps writers out).
 * Each table's row count is checked inside the target transaction before it commits.
 *
 * @throws StoreError when the target is not empty, the table sets differ, or a count does not match;
 * the target is then left as it was.
 */
export async function copyDatabase(
  source: Kysely<unknown>,
  target: Kysely<unknown>,
  options: CopyOptions,
): Promise<CopiedTable[]> {
  const tables = dataTables(await storeDialectOf(source).tables(source));
  const targetTables = dataTables(await storeDialectOf(target).tables(target));
  if (tables.join() !== targetTables.join()) {
    throw new StoreError(
      'copy-refused',
      `The source has the tables ${tables.join(', ')} but ${options.targetLocation} has ${targetTables.join(', ')}; both must be at the same schema version.`,
    );
  }
  return source.transaction().execute((from) =>
    target.transaction().execute(async (to) => {
      for (const table of tables) {
        const present = await countRows(to, table);
        if (present > 0) {
          throw new StoreError(
            'copy-refused',
            `${options.targetLocation} is not empty (${table} has ${present} rows); db:copy only fills an empty database.`,
          );
        }
      }
      const copied: CopiedTable[] = [];
      for (const table of tables) {
        const rows = await copyTable(from, to, table);
        const expected = await countRows(from, table);
        const landed = await countRows(to, table);
        if (rows !== expected || landed !== expected) {
          throw new StoreError(
            'copy-failed',
            `Copying ${table} went wrong: the source has ${expected} rows, ${landed} arrived; nothing was copied.`,
          );
        }
        copied.push({ table, rows: landed });
      }
      await storeDialectOf(to).followCopiedIds(to);
      return copied;
    }),
  );
}

function dataTables(names: string[]): string[] {
  return names.filter((name) => !NOT_DATA.has(name)).sort();
}

async function countRows(db: Kysely<unknown>, table: string): Promise<number> {
  const result = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/** Most bound parameters one INSERT may carry on either database (SQLite allows 32,766). */
const PARAMETERS_PER_INSERT = 30_000;
const READ_BATCH = 2_000;

async function copyTable(from: Kysely<unknown>, to: Kysely<unknown>, table: string): Promise<number> {
  let copied = 0;
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const columns = Object.keys(batch[0] ?? {}).length || 1;
    const size = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / columns));
    for (let i = 0; i < batch.length; i += size) {
      await to
        .insertInto(table as never)
        .values(batch.slice(i, i + size) as never)
        .execute();
    }
    copied += batch.length;
    batch = [];
  };
  for await (const row of readRows(from, table)) {
    batch.push(row);
    if (batch.length >= READ_BATCH) await flush();
  }
  await flush();
  return copied;
}

/**
 * Every row of a table. SQLite streams them; PostgreSQL (whose Kysely dialect streams only with a
 * cursor library) is read in pages ordered by every column, a total order since each table has a
 * primary key.
 */
async function* readRows(db: Kysely<unknown>, table: string): AsyncGenerator<Record<string, unknown>> {
  if (storeDialectOf(db).name === 'sqlite') {
    yield* db
      .selectFrom(table as never)
      .selectAll()
      .stream(READ_BATCH) as AsyncIterable<Record<string, unknown>>;
    return;
  }
  const columns = await sql<{ n: number }>`
    SELECT count(*) AS n FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table}
  `.execute(db);
  const order = Array.from({ length: Number(columns.rows[0]?.n ?? 1) }, (_, i) => i + 1).join(', ');
  for (let offset = 0; ; offset += READ_BATCH) {
    const page = await sql<Record<string, unknown>>`
      SELECT * FROM ${sql.table(table)} ORDER BY ${sql.raw(order)} LIMIT ${READ_BATCH} OFFSET ${offset}
    `.execute(db);
    yield* page.rows;
    if (page.rows.length < READ_BATCH) return;
  }
}
