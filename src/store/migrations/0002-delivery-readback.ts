import { type Kysely, sql } from 'kysely';
import { inPostgresBaseline, type Migration } from './migration.js';

/** The ledger's row as 0001 left it. */
interface OldDelivery {
  guild_id: string;
  event_id: string;
  year: number;
  status: string;
  nonce: string;
  message_id: string | null;
  reason: string | null;
  retryable: number;
  attempts: number;
  claimed_by: string | null;
  claimed_at: number | null;
  due_at: number;
  updated_at: number;
}

interface NewDelivery extends OldDelivery {
  detail: string | null;
  first_attempt_at: number | null;
}

interface Tables {
  deliveries: OldDelivery;
  deliveries_next: NewDelivery;
}

/** The codes 0001 wrote at the start of a reason, as `code: Discord's words` or alone. */
const KNOWN_CODES = ['day-ended', 'missing-access', 'missing-permissions', 'unknown-channel'];

/**
 * Splits a 0001 reason into a code and its detail. A reason that does not start with a known code was
 * Discord's or the network's words: its code follows from the row (retryable failure = transient).
 */
export function splitOldReason(
  reason: string | null,
  status: string,
  retryable: number,
): { reason: string | null; detail: string | null } {
  if (reason === null) return { reason: null, detail: null };
  if (KNOWN_CODES.includes(reason)) return { reason, detail: null };
  const at = reason.indexOf(': ');
  const prefix = at > 0 ? reason.slice(0, at) : '';
  if (KNOWN_CODES.includes(prefix)) return { reason: prefix, detail: reason.slice(at + 2) };
  const code = status === 'missed' ? 'day-ended' : retryable === 1 ? 'transient' : 'rejected';
  return { reason: code, detail: reason };
}

const BATCH = 500;

/**
 * The ledger learns to read back: `reason` holds only a code and `detail` Discord's words,
 * `first_attempt_at` says from when to look for an earlier post, and a delivery may be 'uncertain'.
 * A CHECK cannot be altered in SQLite, so the table is rebuilt and its rows copied (reasons split in code,
 * not with dialect-specific string functions).
 */
export const deliveryReadbackMigration: Migration = {
  id: '0002-delivery-readback',
  // PostgreSQL's first migration already has these columns and statuses.
  postgres: inPostgresBaseline,
  async sqlite(raw) {
    const db = raw as Kysely<Tables>;
    await db.schema
      .createTable('deliveries_next')
      .addColumn('guild_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sql`status IN ('claimed', 'sent', 'failed', 'missed', 'uncertain')`),
      )
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text')
      .addColumn('reason', 'text')
      .addColumn('detail', 'text')
      .addColumn('retryable', 'integer', (c) => c.notNull().defaultTo(0).check(sql`retryable IN (0, 1)`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_at', 'integer')
      .addColumn('first_attempt_at', 'integer')
      .addColumn('due_at', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('deliveries_key', ['guild_id', 'event_id', 'year'])
      .addCheckConstraint('deliveries_sent_has_message', sql`status <> 'sent' OR message_id IS NOT NULL`)
      .modifyEnd(sql`STRICT`)
      .execute();

    let after: [string, string, number] | null = null;
    for (;;) {
      let query = db
        .selectFrom('deliveries')
        .selectAll()
        .orderBy('guild_id')
        .orderBy('event_id')
        .orderBy('year')
        .limit(BATCH);
      if (after) {
        const [g, e, y] = after;
        query = query.where((eb) =>
          eb.or([
            eb('guild_id', '>', g),
            eb.and([eb('guild_id', '=', g), eb('event_id', '>', e)]),
            eb.and([eb('guild_id', '=', g), eb('event_id', '=', e), eb('year', '>', y)]),
          ]),
        );
      }
      const rows = await query.execute();
      if (rows.length === 0) break;
      await db
        .insertInto('deliveries_next')
        .values(
          rows.map((row) => ({
            ...row,
            ...splitOldReason(row.reason, row.status, row.retryable),
            // The first claim's time was not kept; it was no earlier than the due instant, so a read-back
            // from there cannot miss a post, and the nonce's few minutes look spent sooner, not later.
            first_attempt_at: row.attempts > 0 ? row.due_at : null,
          })),
        )
        .execute();
      const last = rows[rows.length - 1] as OldDelivery;
      after = [last.guild_id, last.event_id, last.year];
    }
    await db.schema.dropTable('deliveries').execute();
    await db.schema.alterTable('deliveries_next').renameTo('deliveries').execute();
  },
};
