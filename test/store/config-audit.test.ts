import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingChanges } from '../../src/app/settings-diff.js';
import { AUDIT_RETENTION, ConfigAudit } from '../../src/store/config-audit.js';
import { openDatabase } from '../../src/store/database.js';
import type { Schema } from '../../src/store/schema.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { snowflake, useTempDir } from './fixtures.js';

const GUILD = snowflake(1_000_000_000);
const OTHER = snowflake(1_000_000_001);
const actor = { userId: '42', userName: 'aysel' };
const YEAR = AUDIT_RETENTION.maxAgeMs;

describe('ConfigAudit', () => {
  const temp = useTempDir();
  let db: Kysely<Schema>;
  let close: () => Promise<void>;
  let audit: ConfigAudit;
  let repo: SettingsRepository;

  beforeEach(async () => {
    ({ db, close } = await openDatabase(temp.fileUrl()));
    audit = new ConfigAudit(db);
    repo = new SettingsRepository(db);
  });
  afterEach(async () => {
    await close();
  });

  /** One admin's write, recorded inside the settings transaction as ServerSettings does it. */
  const change = (guildId: string, postTime: string, at: number) =>
    repo.update(guildId, { postTime }, at, {
      within: (trx, before, after) =>
        audit.record(trx, { guildId, at, ...actor }, settingChanges(before, after)),
    });

  it('records what changed from what to what, with who and when, newest first', async () => {
    await change(GUILD, '10:00', 1_000);
    await repo.setEventDisabled(GUILD, 'shusha', true, 2_000, {
      within: (trx, before, after) =>
        audit.record(trx, { guildId: GUILD, at: 2_000, ...actor }, settingChanges(before, after)),
    });
    const { entries, total } = await audit.page(GUILD, 3_000, 0, 10);
    expect(total).toBe(2);
    expect(entries.map(({ id: _id, ...e }) => e)).toEqual([
      {
        guildId: GUILD,
        at: 2_000,
        userId: '42',
        userName: 'aysel',
        setting: 'event',
        subject: 'shusha',
        from: 'on',
        to: 'off',
      },
      {
        guildId: GUILD,
        at: 1_000,
        userId: '42',
        userName: 'aysel',
        setting: 'time',
        subject: null,
        from: '09:00',
        to: '10:00',
      },
    ]);
    expect((await audit.page(OTHER, 3_000, 0, 10)).total).toBe(0);
  });

  it('rolls the audit back with a write that fails', async () => {
    await expect(change(GUILD, '24:00', 1_000)).rejects.toThrow(/CHECK constraint failed/);
    expect((await audit.page(GUILD, 2_000, 0, 10)).total).toBe(0);
  });

  it('keeps the last 500 changes of a server, pruned on write', async () => {
    for (let i = 0; i < AUDIT_RETENTION.maxPerGuild + 5; i++) {
      await change(GUILD, i % 2 === 0 ? '10:00' : '11:00', 1_000 + i);
    }
    await change(OTHER, '12:00', 1_000);
    const count = await db
      .selectFrom('config_audit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('guild_id', '=', GUILD)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(500);
    const page = await audit.page(GUILD, 10_000, 49, 10);
    expect(page.entries.at(-1)?.at).toBe(1_005); // the five oldest are gone
    expect((await audit.page(OTHER, 10_000, 0, 10)).total).toBe(1);
  });

  it('keeps a year: older changes are not shown and are pruned by the next write', async () => {
    await change(GUILD, '10:00', 1_000);
    await change(GUILD, '11:00', 1_000 + YEAR);
    expect((await audit.page(GUILD, 1_000 + YEAR, 0, 10)).total).toBe(2);
    expect((await audit.page(GUILD, 1_001 + YEAR, 0, 10)).total).toBe(1);
    await change(GUILD, '12:00', 2_000 + YEAR);
    const rows = await db.selectFrom('config_audit').select('at').where('guild_id', '=', GUILD).execute();
    expect(rows.map((r) => r.at).sort()).toEqual([1_000 + YEAR, 2_000 + YEAR]);
  });
});
