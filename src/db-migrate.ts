import type { Kysely } from 'kysely';
import { CLI_POOL_SIZE, databaseUrlFromEnv, failed, stderrLog } from './store/cli-support.js';
import { openDatabase } from './store/database.js';
import { databaseLocation, parseDatabaseUrl } from './store/database-url.js';
import { migrate } from './store/migrator.js';

/**
 * `npm run db:migrate`: brings the database DATABASE_URL names up to this version's schema without
 * starting the bot (the bot also migrates at start; this lets a deployment do it as its own step).
 */
async function main(): Promise<void> {
  const url = parseDatabaseUrl(databaseUrlFromEnv(), process.cwd());
  const location = databaseLocation(url);
  const { db, close } = await openDatabase(url, {
    migrate: false,
    poolSize: CLI_POOL_SIZE,
    log: stderrLog('db:migrate'),
  });
  try {
    const applied = await migrate(db as unknown as Kysely<unknown>, { now: Date.now(), location });
    process.stdout.write(
      applied.length === 0
        ? `${location} is up to date.\n`
        : `Applied ${applied.join(', ')} to ${location}.\n`,
    );
  } finally {
    await close();
  }
}

main().catch((error: unknown) => failed('db:migrate', error));
