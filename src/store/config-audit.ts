import type { Kysely, Selectable } from 'kysely';
import type { ConfigAuditTable, Schema } from './schema.js';

/** One setting changed by one /config command: a code, what it is about, and its value before and after. */
export interface SettingChange {
  /** channel, timezone, time, role, language, paused or event. */
  setting: string;
  /** The event id for `event`; null otherwise. */
  subject: string | null;
  from: string | null;
  to: string | null;
}

/** A recorded change: who (as named then), when, and what. */
export interface AuditEntry extends SettingChange {
  id: number;
  guildId: string;
  at: number;
  userId: string;
  userName: string;
}

/** Kept for a year or the last 500 changes of a server, whichever is less. */
export const AUDIT_RETENTION = { maxAgeMs: 365 * 24 * 60 * 60 * 1000, maxPerGuild: 500 } as const;

/** The audit trail of /config changes; written only inside a settings write's transaction. */
export class ConfigAudit {
  constructor(private readonly db: Kysely<Schema>) {}

  /**
   * Records the changes of one command in `trx` (the transaction that writes them) and prunes the server's
   * trail to the retention, so it never grows past it.
   */
  async record(
    trx: Kysely<Schema>,
    entry: { guildId: string; at: number; userId: string; userName: string },
    changes: readonly SettingChange[],
  ): Promise<void> {
    if (changes.length === 0) return;
    await trx
      .insertInto('config_audit')
      .values(
        changes.map((c) => ({
          guild_id: entry.guildId,
          at: entry.at,
          user_id: entry.userId,
          user_name: entry.userName,
          setting: c.setting,
          subject: c.subject,
          old_value: c.from,
          new_value: c.to,
        })),
      )
      .execute();
    const oldestKept = await trx
      .selectFrom('config_audit')
      .select('id')
      .where('guild_id', '=', entry.guildId)
      .orderBy('id', 'desc')
      .limit(1)
      .offset(AUDIT_RETENTION.maxPerGuild - 1)
      .executeTakeFirst();
    await trx
      .deleteFrom('config_audit')
      .where('guild_id', '=', entry.guildId)
      .where((eb) =>
        eb.or([
          eb('at', '<', entry.at - AUDIT_RETENTION.maxAgeMs),
          ...(oldestKept ? [eb('id', '<', oldestKept.id)] : []),
        ]),
      )
      .execute();
  }

  /** One page of a server's changes within the retention, newest first, and how many there are. */
  async page(
    guildId: string,
    now: number,
    page: number,
    size: number,
  ): Promise<{ entries: AuditEntry[]; total: number }> {
    const since = now - AUDIT_RETENTION.maxAgeMs;
    const count = await this.db
      .selectFrom('config_audit')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('guild_id', '=', guildId)
      .where('at', '>=', since)
      .executeTakeFirstOrThrow();
    const rows = await this.db
      .selectFrom('config_audit')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('at', '>=', since)
      .orderBy('id', 'desc')
      .limit(size)
      .offset(page * size)
      .execute();
    return { entries: rows.map(toEntry), total: Number(count.count) };
  }
}

function toEntry(row: Selectable<ConfigAuditTable>): AuditEntry {
  return {
    id: row.id,
    guildId: row.guild_id,
    at: row.at,
    userId: row.user_id,
    userName: row.user_name,
    setting: row.setting,
    subject: row.subject,
    from: row.old_value,
    to: row.new_value,
  };
}
