import { type Client, Status } from 'discord.js';
import { type Kysely, sql } from 'kysely';

export type Readiness = { ready: true } | { ready: false; reason: string };

/** How long the database may take to answer `SELECT 1` before the bot counts as not ready. */
const DATABASE_TIMEOUT_MS = 2_000;

/**
 * Ready means every gateway shard of this process is connected and identified (or resumed), and the
 * database answers. Otherwise the first reason found, in words an operator can act on.
 */
export async function readiness(client: Client, db: Kysely<unknown>): Promise<Readiness> {
  const shards = [...client.ws.shards.values()];
  if (shards.length === 0) return { ready: false, reason: 'no gateway shard connected yet' };
  const down = shards.filter((s) => s.status !== Status.Ready);
  if (down.length > 0) {
    const list = down.map((s) => `${s.id} ${Status[s.status] ?? s.status}`).join(', ');
    return { ready: false, reason: `gateway shard not ready: ${list}` };
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sql`SELECT 1`.execute(db),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`)),
          DATABASE_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (error) {
    return {
      ready: false,
      reason: `database not answering: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    clearTimeout(timer);
  }
  return { ready: true };
}
