import { CompiledQuery, type Kysely, sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, LANGUAGES, shardKey } from '../../src/store/guild-settings.js';
import type { Schema } from '../../src/store/schema.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { snowflake } from './fixtures.js';
import { CHECK_FAILED, STORE_KINDS, useStore } from './stores.js';

const GUILD = snowflake(1_000_000_000);
const OTHER = snowflake(1_000_000_001);

describe.each(STORE_KINDS)('SettingsRepository on %s', (kind) => {
  const store = useStore(kind);
  let db: Kysely<Schema>;
  let settings: SettingsRepository;

  beforeEach(() => {
    db = store.db();
    settings = new SettingsRepository(db);
  });

  it('knows nothing of a server nobody configured, and defaults it without saving', async () => {
    expect(await settings.get(GUILD)).toBeNull();
    expect(await settings.getOrDefault(GUILD, 7)).toEqual({
      guildId: GUILD,
      channelId: null,
      timeZone: 'Asia/Baku',
      postTime: '09:00',
      roleId: null,
      language: 'en',
      paused: false,
      pauseReason: null,
      pauseDetail: null,
      disabledEvents: [],
      eventsTab: false,
      reminderDays: 0,
      nextDueAt: null,
      updatedAt: 7,
    });
    expect(await settings.get(GUILD)).toBeNull();
  });

  it('creates a server on first update and round-trips every field', async () => {
    const saved = await settings.update(
      GUILD,
      {
        channelId: '111',
        timeZone: 'Europe/Istanbul',
        postTime: '18:30',
        roleId: GUILD,
        language: 'tr',
        disabledEvents: ['khojaly', 'black-january', 'khojaly'],
        nextDueAt: 5_000,
      },
      100,
    );
    expect(saved).toEqual({
      ...defaultSettings(GUILD, 100),
      channelId: '111',
      timeZone: 'Europe/Istanbul',
      postTime: '18:30',
      roleId: GUILD,
      language: 'tr',
      disabledEvents: ['black-january', 'khojaly'],
      nextDueAt: 5_000,
    });
    expect(await settings.get(GUILD)).toEqual(saved);
    expect(await settings.get(OTHER)).toBeNull();
  });

  it('keeps settings with their server even when handed another server’s settings', async () => {
    const other = await settings.update(OTHER, { channelId: '222' }, 1);
    const saved = await settings.update(GUILD, other, 2);
    expect(saved).toMatchObject({ guildId: GUILD, channelId: '222', updatedAt: 2 });
    expect(await settings.get(OTHER)).toEqual(other);
  });

  it('keeps Discord ids above 2^53 exactly, and reads instants and shard keys back as numbers', async () => {
    const big = '1200000000000000001'; // > 2^53: a double would turn it into ...000000
    const saved = await settings.update(
      big,
      { channelId: '1200000000000001001', roleId: big, nextDueAt: 1.8e12 },
      1.7e12,
    );
    expect(await settings.get(big)).toEqual(saved);
    expect(saved).toMatchObject({ guildId: big, channelId: '1200000000000001001', roleId: big });
    const row = await db
      .selectFrom('guild_settings')
      .selectAll()
      .where('guild_id', '=', big)
      .executeTakeFirstOrThrow();
    expect(row.shard_key).toBe(shardKey(big));
    expect(typeof row.shard_key).toBe('number');
    expect(row.next_due_at).toBe(1.8e12);
    expect(row.updated_at).toBe(1.7e12);
    expect(await settings.countConfigured()).toBe(1);
  });

  it('changes only the patched fields and ignores undefined ones', async () => {
    await settings.update(GUILD, { channelId: '111', language: 'az' }, 100);
    const saved = await settings.update(GUILD, { postTime: '07:05', channelId: undefined }, 200);
    expect(saved).toMatchObject({ channelId: '111', language: 'az', postTime: '07:05', updatedAt: 200 });
    expect(await settings.get(GUILD)).toEqual(saved);
  });

  it('turns single events off and on', async () => {
    await settings.update(GUILD, { disabledEvents: ['b'] }, 1);
    await settings.setEventDisabled(GUILD, 'a', true, 2);
    await settings.setEventDisabled(GUILD, 'a', true, 3);
    expect((await settings.get(GUILD))?.disabledEvents).toEqual(['a', 'b']);
    await settings.setEventDisabled(GUILD, 'b', false, 4);
    expect(await settings.get(GUILD)).toMatchObject({ disabledEvents: ['a'], updatedAt: 4 });
  });

  it('loses no change when admins toggle events at the same time', async () => {
    const events = Array.from({ length: 20 }, (_, i) => `event-${String(i).padStart(2, '0')}`);
    await Promise.all(events.map((id, i) => settings.setEventDisabled(GUILD, id, true, i)));
    expect((await settings.get(GUILD))?.disabledEvents).toEqual(events);
  });

  it('pauses with a reason and detail, and resuming clears them', async () => {
    await settings.update(GUILD, { channelId: '111' }, 1);
    await settings.update(
      GUILD,
      { paused: true, pauseReason: 'missing-permissions', pauseDetail: 'SendMessages, EmbedLinks' },
      2,
    );
    expect(await settings.get(GUILD)).toMatchObject({
      paused: true,
      pauseReason: 'missing-permissions',
      pauseDetail: 'SendMessages, EmbedLinks',
      updatedAt: 2,
    });
    expect(await settings.update(GUILD, { paused: false }, 3)).toMatchObject({
      paused: false,
      pauseReason: null,
      pauseDetail: null,
    });
    expect(await settings.update(GUILD, { paused: true }, 4)).toMatchObject({
      paused: true,
      pauseReason: 'admin',
      pauseDetail: null,
    });
  });

  it('works out the next due instant inside the write, from the settings as written', async () => {
    const seen: Array<string | null> = [];
    const nextDue = (after: { channelId: string | null; paused: boolean }) => {
      seen.push(after.channelId);
      return after.paused ? null : 5_000;
    };
    expect(await settings.update(GUILD, { channelId: '111' }, 1, { nextDue })).toMatchObject({
      nextDueAt: 5_000,
    });
    // A pause through the same path clears it, so paused days are never reported as missed.
    expect(await settings.update(GUILD, { paused: true }, 2, { nextDue })).toMatchObject({ nextDueAt: null });
    expect(await settings.setEventDisabled(GUILD, 'x', true, 3, { nextDue })).toMatchObject({
      nextDueAt: null,
      disabledEvents: ['x'],
    });
    expect((await settings.get(GUILD))?.nextDueAt).toBeNull();
    expect(seen).toEqual(['111', '111', '111']);
  });

  it('records the next due instant without touching updatedAt', async () => {
    await settings.update(GUILD, { channelId: '111' }, 1);
    await settings.setNextDueAt(GUILD, 9_000);
    expect(await settings.get(GUILD)).toMatchObject({ nextDueAt: 9_000, updatedAt: 1 });
    await settings.setNextDueAt(GUILD, null);
    expect((await settings.get(GUILD))?.nextDueAt).toBeNull();
    expect(await settings.setNextDueAt(OTHER, 1)).toBe(false);
    expect(await settings.get(OTHER)).toBeNull();
  });

  it('records the next due instant only while the settings it was worked out from are unchanged', async () => {
    const read = await settings.update(GUILD, { channelId: '111', nextDueAt: 100 }, 1);
    await settings.update(GUILD, { postTime: '18:00', nextDueAt: 200 }, 2); // an admin, meanwhile
    expect(await settings.setNextDueAt(GUILD, 300, read.updatedAt)).toBe(false);
    expect((await settings.get(GUILD))?.nextDueAt).toBe(200);
    expect(await settings.setNextDueAt(GUILD, 400, 2)).toBe(true);
    expect(await settings.get(GUILD)).toMatchObject({ nextDueAt: 400, updatedAt: 2 });
  });

  it('counts servers that chose a channel', async () => {
    await settings.update(GUILD, { channelId: '111' }, 1);
    await settings.update(OTHER, { language: 'ru' }, 1);
    await settings.update(snowflake(5), { channelId: '222' }, 1);
    await settings.update(snowflake(5), { paused: true }, 2);
    expect(await settings.countConfigured()).toBe(2);
  });

  it('stores every language the dataset speaks (a new one needs a migration widening the CHECK)', async () => {
    for (const language of LANGUAGES) {
      expect(await settings.update(GUILD, { language }, 1)).toMatchObject({ language });
      expect((await settings.get(GUILD))?.language).toBe(language);
    }
  });

  it('rejects values the schema forbids and keeps the old row', async () => {
    await settings.update(GUILD, { postTime: '09:00' }, 1);
    await expect(settings.update(GUILD, { postTime: '24:00' }, 2)).rejects.toThrow(CHECK_FAILED);
    await expect(settings.update(GUILD, { language: 'de' as 'en' }, 2)).rejects.toThrow(CHECK_FAILED);
    expect(await settings.get(GUILD)).toMatchObject({ postTime: '09:00', language: 'en', updatedAt: 1 });
    await expect(settings.update('not-a-snowflake', {}, 1)).rejects.toThrow(RangeError);
  });

  describe('listDue', () => {
    async function server(guildId: string, patch: Parameters<SettingsRepository['update']>[1]) {
      await settings.update(guildId, { channelId: '1', ...patch }, 0);
    }

    it('returns active servers due by then, earliest first, up to the limit', async () => {
      await server(snowflake(1), { nextDueAt: 300 });
      await server(snowflake(2), { nextDueAt: 100 });
      await server(snowflake(3), { nextDueAt: 200 });
      await server(snowflake(4), { nextDueAt: 1_000 }); // later
      await server(snowflake(5), { nextDueAt: null }); // not scheduled
      await server(snowflake(6), { nextDueAt: 50, paused: true }); // paused
      await server(snowflake(7), { nextDueAt: 50, channelId: null }); // no channel
      const due = async (until: number, limit?: number) =>
        (await settings.listDue(until, undefined, limit)).map((s) => s.guildId);
      expect(await due(300)).toEqual([snowflake(2), snowflake(3), snowflake(1)]);
      expect(await due(300, 2)).toEqual([snowflake(2), snowflake(3)]);
      expect(await due(99)).toEqual([]);
    });

    it('keeps to the given shards, as Discord assigns them', async () => {
      const guilds = Array.from({ length: 12 }, (_, i) => snowflake(1_000 + i));
      for (const id of guilds) await server(id, { nextDueAt: 10 });
      const expected = (ids: number[], count: number) =>
        guilds.filter((id) => ids.includes(shardKey(id) % count)).sort();
      const listed = async (ids: number[], count: number) =>
        (await settings.listDue(10, { ids, count })).map((s) => s.guildId).sort();
      expect(await listed([0], 4)).toEqual(expected([0], 4));
      expect(await listed([1, 3], 4)).toEqual(expected([1, 3], 4));
      expect(await listed([0], 1)).toEqual(guilds);
      expect(await listed([], 4)).toEqual([]);
      expect(expected([1, 3], 4)).toHaveLength(6);
      await expect(settings.listDue(10, { ids: [4], count: 4 })).rejects.toThrow(RangeError);
      const all = (await settings.listAll({ ids: [2], count: 4 })).map((s) => s.guildId);
      expect(all).toEqual(expected([2], 4));
      expect(await settings.listAll()).toHaveLength(12);
    });

    // What an idle tick costs with many servers is for the benchmark to measure; this proves the plan
    // that keeps it cheap (a fresh database has no ANALYZE statistics, as in production).
    it.runIf(kind === 'sqlite')('reads the partial index, not the table', async () => {
      for (const shards of [undefined, { ids: [0, 2], count: 4 }]) {
        for (const limit of [undefined, 100]) {
          const query = await capturedListDue(db, 5_000, shards, limit);
          const plan = await db.executeQuery<{ detail: string }>(
            CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
          );
          const details = plan.rows.map((r) => r.detail);
          expect(details.some((d) => d.includes('USING INDEX guild_settings_due'))).toBe(true);
          expect(details.some((d) => /SCAN guild_settings\b(?! USING)/.test(d))).toBe(false);
        }
      }
    });

    // PostgreSQL's planner picks a sequential scan for a small table whatever the indexes, so it is
    // told not to: then the plan shows whether the partial index can answer the exact statement.
    it.runIf(kind === 'postgres')('can be answered from the partial index', async () => {
      for (const shards of [undefined, { ids: [0, 2], count: 4 }]) {
        for (const limit of [undefined, 100]) {
          const query = await capturedListDue(db, 5_000, shards, limit);
          const plan = await db.connection().execute(async (connection) => {
            await sql`SET enable_seqscan = off`.execute(connection);
            const result = await connection.executeQuery<{ 'QUERY PLAN': string }>(
              CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]),
            );
            await sql`RESET enable_seqscan`.execute(connection);
            return result.rows.map((r) => r['QUERY PLAN']).join('\n');
          });
          expect(plan).toMatch(/Index Scan using guild_settings_due|Bitmap Index Scan on guild_settings_due/);
          expect(plan).not.toMatch(/Seq Scan/);
        }
      }
    });
  });
});

/** Runs listDue on a Kysely that records its SQL, so the plan is checked for the exact statement. */
async function capturedListDue(
  db: Kysely<Schema>,
  until: number,
  shards?: { ids: number[]; count: number },
  limit?: number,
): Promise<CompiledQuery> {
  const seen: CompiledQuery[] = [];
  const recording = db.withPlugin({
    transformQuery(args) {
      seen.push(db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  await new SettingsRepository(recording).listDue(until, shards, limit);
  const query = seen[0];
  if (query === undefined) throw new Error('listDue ran no query');
  return query;
}
