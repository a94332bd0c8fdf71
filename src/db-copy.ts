import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { CLI_POOL_SIZE, failed, stderrLog } from './store/cli-support.js';
import { copyDatabase } from './store/copy.js';
import { openDatabase } from './store/database.js';
import { databaseLocation, parseDatabaseUrl } from './store/database-url.js';
import { StoreError } from './store/store-error.js';

const USAGE =
  'usage: npm run db:copy -- --from sqlite:var/remembrance.sqlite --to postgres://user:password@host/db';

/**
 * `npm run db:copy -- --from <url> --to <url>`: moves an installation to another database (typically
 * SQLite to PostgreSQL). Both are migrated to this version's schema first; the target must be empty.
 * Stop the bot first: the copy holds the source still, and the bot would wait for it.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' } },
    strict: true,
  });
  if (values.from === undefined || values.to === undefined) {
    throw new StoreError('copy-refused', `both --from and --to are needed; ${USAGE}`);
  }
  const from = parseDatabaseUrl(values.from, process.cwd());
  const to = parseDatabaseUrl(values.to, process.cwd());
  if (databaseLocation(from) === databaseLocation(to)) {
    throw new StoreError('copy-refused', `--from and --to name the same database, ${databaseLocation(to)}.`);
  }
  const log = stderrLog('db:copy');
  const source = await openDatabase(from, { poolSize: CLI_POOL_SIZE, log });
  try {
    const target = await openDatabase(to, { poolSize: CLI_POOL_SIZE, log });
    try {
      const copied = await copyDatabase(
        source.db as unknown as Kysely<unknown>,
        target.db as unknown as Kysely<unknown>,
        { targetLocation: databaseLocation(to) },
      );
      const width = Math.max(...copied.map((c) => c.table.length));
      process.stdout.write(`Copied ${databaseLocation(from)} to ${databaseLocation(to)}:\n`);
      for (const { table, rows } of copied) process.stdout.write(`  ${table.padEnd(width)}  ${rows}\n`);
      process.stdout.write('Row counts verified.\n');
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    failed('db:copy', new StoreError('copy-refused', `${error.message}; ${USAGE}`));
  }
  failed('db:copy', error);
});
