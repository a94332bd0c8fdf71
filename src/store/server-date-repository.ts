import type { Kysely, Selectable } from 'kysely';
import { isoDate, parseIsoDate, type ServerDate } from '../domain/server-date.js';
import type { Schema, ServerDatesTable } from './schema.js';

/**
 * The dates servers' admins added. Reads take an optional transaction so a settings write can plan with
 * the dates as they are inside it; changes are made only inside such a write (ServerSettings.write).
 */
export class ServerDateRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** A server's dates, oldest day first. */
  async list(guildId: string, db: Kysely<Schema> = this.db): Promise<ServerDate[]> {
    const rows = await db
      .selectFrom('server_dates')
      .selectAll()
      .where('guild_id', '=', guildId)
      .orderBy('date')
      .orderBy('id')
      .execute();
    return rows.map(toServerDate);
  }

  /** The dates of several servers at once (a page of due servers), by server. */
  async forGuilds(guildIds: readonly string[]): Promise<Map<string, ServerDate[]>> {
    const out = new Map<string, ServerDate[]>();
    if (guildIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('server_dates')
      .selectAll()
      .where('guild_id', 'in', [...guildIds])
      .orderBy('guild_id')
      .orderBy('date')
      .orderBy('id')
      .execute();
    for (const row of rows) {
      const list = out.get(row.guild_id) ?? [];
      list.push(toServerDate(row));
      out.set(row.guild_id, list);
    }
    return out;
  }

  async insert(trx: Kysely<Schema>, date: ServerDate): Promise<void> {
    await trx.insertInto('server_dates').values(toRow(date)).execute();
  }

  /** Replaces the editable parts (source, text, role) of a stored date; its id, name and day stay. */
  async update(trx: Kysely<Schema>, date: ServerDate): Promise<void> {
    await trx
      .updateTable('server_dates')
      .set({ source_url: date.sourceUrl, text: date.text, role_id: date.roleId, updated_at: date.updatedAt })
      .where('guild_id', '=', date.guildId)
      .where('id', '=', date.id)
      .execute();
  }

  async remove(trx: Kysely<Schema>, guildId: string, id: string): Promise<void> {
    await trx.deleteFrom('server_dates').where('guild_id', '=', guildId).where('id', '=', id).execute();
  }
}

function toServerDate(row: Selectable<ServerDatesTable>): ServerDate {
  const date = parseIsoDate(row.date);
  if (typeof date === 'string') throw new Error(`stored server date "${row.date}" is not YYYY-MM-DD`);
  return {
    guildId: row.guild_id,
    id: row.id,
    name: row.name,
    date,
    sourceUrl: row.source_url,
    text: row.text,
    roleId: row.role_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(date: ServerDate): ServerDatesTable {
  return {
    guild_id: date.guildId,
    id: date.id,
    name: date.name,
    date: isoDate(date.date),
    source_url: date.sourceUrl,
    text: date.text,
    role_id: date.roleId,
    created_at: date.createdAt,
    updated_at: date.updatedAt,
  };
}
