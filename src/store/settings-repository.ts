import { type Kysely, type Selectable, sql } from 'kysely';
import {
  applySettingsPatch,
  defaultSettings,
  type GuildSettings,
  type GuildSettingsPatch,
  shardKey,
} from './guild-settings.js';
import type { GuildSettingsTable, Schema } from './schema.js';

/** The shards one process serves: a server is included when `shardKey % count` is one of `ids`. */
export interface ShardSelection {
  ids: readonly number[];
  count: number;
}

/**
 * What a write does besides the settings row, inside the same transaction: work out the next due instant
 * from the settings as written (so it can never lag behind a change that committed), and anything that must
 * commit or roll back with the change (the audit trail).
 */
export interface WriteHooks {
  /** Runs first, with the row locked: a change beside the settings row (a server's own dates). */
  first?(trx: Kysely<Schema>, before: GuildSettings): Promise<void>;
  /** The next due instant for the new settings (read inside `trx`); the stored one is kept when absent. */
  nextDue?(after: GuildSettings, trx: Kysely<Schema>): number | null | Promise<number | null>;
  within?(trx: Kysely<Schema>, before: GuildSettings, after: GuildSettings): Promise<void>;
}

/** Where the next page of {@link SettingsRepository.listDueByPlan} starts: the stored values of the last row. */
export interface DueCursor {
  readonly key: readonly [number, string, string, string, number, string];
}

/** Reads and writes {@link GuildSettings}; every method returns plain objects. */
export class SettingsRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** The stored settings, or null for a server nobody configured. */
  async get(guildId: string): Promise<GuildSettings | null> {
    const row = await this.db
      .selectFrom('guild_settings')
      .selectAll()
      .where('guild_id', '=', guildId)
      .executeTakeFirst();
    return row === undefined ? null : toSettings(row);
  }

  /** The stored settings, or the defaults (not saved) for a server nobody configured. */
  async getOrDefault(guildId: string, now: number): Promise<GuildSettings> {
    return (await this.get(guildId)) ?? defaultSettings(guildId, now);
  }

  /**
   * Applies `patch` to the stored (or default) settings and saves the result, in one transaction that
   * holds the server's row locked, so concurrent changes to the same server are not lost. Pause fields are
   * kept consistent (see `applySettingsPatch`); `hooks.nextDue` keeps the next due instant true.
   */
  async update(
    guildId: string,
    patch: GuildSettingsPatch,
    now: number,
    hooks: WriteHooks = {},
  ): Promise<GuildSettings> {
    return this.modify(guildId, now, () => patch, hooks);
  }

  /**
   * Turns one event off (or back on) for a server: the list is read and written in one transaction, so
   * two admins changing different events at once both keep their change.
   */
  async setEventDisabled(
    guildId: string,
    eventId: string,
    disabled: boolean,
    now: number,
    hooks: WriteHooks = {},
  ): Promise<GuildSettings> {
    return this.modify(
      guildId,
      now,
      (current) => ({
        disabledEvents: disabled
          ? [...current.disabledEvents, eventId]
          : current.disabledEvents.filter((id) => id !== eventId),
      }),
      hooks,
    );
  }

  /**
   * Records when the server is next due. Not a settings change, so `updatedAt` stays; no-op if absent.
   * With `ifUpdatedAt` (the `updatedAt` of the settings the instant was worked out from) it writes only if
   * nobody changed the settings since: a scheduler that read them before an admin's change must not
   * overwrite the instant that change set. Returns whether the row was written.
   */
  async setNextDueAt(guildId: string, nextDueAt: number | null, ifUpdatedAt?: number): Promise<boolean> {
    let query = this.db
      .updateTable('guild_settings')
      .set({ next_due_at: nextDueAt })
      .where('guild_id', '=', guildId);
    if (ifUpdatedAt !== undefined) query = query.where('updated_at', '=', ifUpdatedAt);
    const result = await query.executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Servers with a channel, not paused, whose `nextDueAt <= until`, earliest first, restricted to the
   * given shards. Served by the partial index `guild_settings_due`, so a tick with nothing due reads
   * one index page however many servers there are.
   */
  async listDue(until: number, shards?: ShardSelection, limit?: number): Promise<GuildSettings[]> {
    let query = dueQuery(this.db, until, shards).orderBy('next_due_at').orderBy('guild_id');
    if (limit !== undefined) query = query.limit(limit);
    const rows = await query.execute();
    return rows.map(toSettings);
  }

  /**
   * One page of the servers `listDue` finds, ordered by their planning inputs — next due instant, zone, post
   * time, disabled events, reminder offset — then guild id, so servers that get equal plans come out next to one another and
   * the planner works each group out once. Pass the returned `next` to get the following page (keyset
   * paging, so each page costs the same however deep the tick is); `next` is null after the last page.
   */
  async listDueByPlan(
    until: number,
    shards: ShardSelection | undefined,
    after: DueCursor | null,
    limit: number,
  ): Promise<{ servers: GuildSettings[]; next: DueCursor | null }> {
    let query = dueQuery(this.db, until, shards)
      .orderBy('next_due_at')
      .orderBy('time_zone')
      .orderBy('post_time')
      .orderBy('disabled_events')
      .orderBy('reminder_days')
      .orderBy('guild_id')
      .limit(limit);
    if (after !== null) {
      const [at, zone, time, disabled, reminder, guild] = after.key;
      // Kysely's tuples stop at five; a row-value comparison is the same on both databases.
      query = query.where(
        sql<boolean>`(next_due_at, time_zone, post_time, disabled_events, reminder_days, guild_id) > (${at}, ${zone}, ${time}, ${disabled}, ${reminder}, ${guild})`,
      );
    }
    const rows = await query.execute();
    const last = rows.at(-1);
    const next: DueCursor | null =
      rows.length < limit || last === undefined
        ? null
        : {
            key: [
              last.next_due_at as number,
              last.time_zone,
              last.post_time,
              last.disabled_events,
              last.reminder_days,
              last.guild_id,
            ],
          };
    return { servers: rows.map(toSettings), next };
  }

  /** Every stored server (configured or not) in the given shards, by guild id; for recomputing due instants. */
  async listAll(shards?: ShardSelection): Promise<GuildSettings[]> {
    let query = this.db.selectFrom('guild_settings').selectAll().orderBy('guild_id');
    if (shards !== undefined) {
      if (shards.ids.length === 0) return [];
      query = query.where(shardExpression(shards), 'in', [...shards.ids]);
    }
    return (await query.execute()).map(toSettings);
  }

  /** How many servers have chosen a channel (paused or not). */
  async countConfigured(): Promise<number> {
    const row = await this.db
      .selectFrom('guild_settings')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('channel_id', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  private async modify(
    guildId: string,
    now: number,
    change: (current: GuildSettings) => GuildSettingsPatch,
    hooks: WriteHooks,
  ): Promise<GuildSettings> {
    const key = shardKey(guildId);
    return this.db.transaction().execute(async (trx) => {
      const before = await lockedSettings(trx, guildId, key, now);
      await hooks.first?.(trx, before);
      const patched = applySettingsPatch(before, change(before), now);
      const after = hooks.nextDue ? { ...patched, nextDueAt: await hooks.nextDue(patched, trx) } : patched;
      const { guild_id, shard_key, ...columns } = toRow(after, key);
      await trx
        .insertInto('guild_settings')
        .values({ guild_id, shard_key, ...columns })
        .onConflict((oc) => oc.column('guild_id').doUpdateSet(columns))
        .execute();
      await hooks.within?.(trx, before, after);
      return after;
    });
  }
}

/**
 * The server's settings, its row created with the defaults if absent, and locked until the transaction
 * ends. The upsert locks the row on PostgreSQL even when it was only just inserted by someone else (a
 * plain SELECT … FOR UPDATE finds nothing to lock then); on SQLite the IMMEDIATE transaction already
 * holds the whole database.
 */
async function lockedSettings(trx: Kysely<Schema>, guildId: string, key: number, now: number) {
  const row = await trx
    .insertInto('guild_settings')
    .values(toRow(defaultSettings(guildId, now), key))
    .onConflict((oc) =>
      oc.column('guild_id').doUpdateSet((eb) => ({ guild_id: eb.ref('excluded.guild_id') })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSettings(row);
}

// `paused = 0` is a literal, not a parameter, so SQLite can prove it matches the partial index's WHERE.
function dueQuery(db: Kysely<Schema>, until: number, shards?: ShardSelection) {
  let query = db
    .selectFrom('guild_settings')
    .selectAll()
    .where('paused', '=', sql.lit(0))
    .where('channel_id', 'is not', null)
    .where('next_due_at', '<=', until)
    // A server the bot was removed from keeps its settings for a while, but nothing is posted there.
    .where('left_at', 'is', null);
  if (shards !== undefined) {
    // No shard ids means nothing matches; `IN ()` would be a syntax error.
    query =
      shards.ids.length === 0
        ? query.where(sql.lit(false))
        : query.where(shardExpression(shards), 'in', [...shards.ids]);
  }
  return query;
}

function shardExpression(shards: ShardSelection) {
  if (!Number.isInteger(shards.count) || shards.count < 1) {
    throw new RangeError(`Shard count must be a positive integer, got ${shards.count}`);
  }
  for (const id of shards.ids) {
    if (!Number.isInteger(id) || id < 0 || id >= shards.count) {
      throw new RangeError(`Shard id ${id} is outside 0..${shards.count - 1}`);
    }
  }
  return sql<number>`shard_key % ${sql.lit(shards.count)}`;
}

function toSettings(row: Selectable<GuildSettingsTable>): GuildSettings {
  return {
    guildId: row.guild_id,
    channelId: row.channel_id,
    timeZone: row.time_zone,
    postTime: row.post_time,
    roleId: row.role_id,
    language: row.language,
    paused: row.paused === 1,
    pauseReason: row.pause_reason,
    pauseDetail: row.pause_detail,
    disabledEvents: parseEventIds(row.disabled_events),
    eventsTab: row.events_tab === 1,
    reminderDays: row.reminder_days,
    nextDueAt: row.next_due_at,
    updatedAt: row.updated_at,
  };
}

/** The row a write stores; `left_at` is not a setting and only membership changes it. */
function toRow(settings: GuildSettings, key: number): Omit<GuildSettingsTable, 'left_at'> {
  return {
    guild_id: settings.guildId,
    shard_key: key,
    channel_id: settings.channelId,
    time_zone: settings.timeZone,
    post_time: settings.postTime,
    role_id: settings.roleId,
    language: settings.language,
    paused: settings.paused ? 1 : 0,
    pause_reason: settings.pauseReason,
    pause_detail: settings.pauseDetail,
    disabled_events: JSON.stringify(settings.disabledEvents),
    events_tab: settings.eventsTab ? 1 : 0,
    reminder_days: settings.reminderDays,
    next_due_at: settings.nextDueAt,
    updated_at: settings.updatedAt,
  };
}

function parseEventIds(json: string): string[] {
  const value: unknown = JSON.parse(json);
  // The column's CHECK guarantees an array; only this repository writes its elements, as strings.
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}
