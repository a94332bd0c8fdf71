import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServerSettings } from '../../src/app/server-settings.js';
import type { DateEdit } from '../../src/app/services.js';
import { loadDataset } from '../../src/config/dataset-file.js';
import { projectRoot } from '../../src/config/project-root.js';
import { serverDateId } from '../../src/domain/server-date.js';
import { ConfigAudit } from '../../src/store/config-audit.js';
import { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import { GuildRetention, LEFT_GRACE_MS } from '../../src/store/guild-retention.js';
import { ServerDateRepository } from '../../src/store/server-date-repository.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { snowflake } from './fixtures.js';
import { STORE_KINDS, useStore } from './stores.js';

const dataset = loadDataset(path.join(projectRoot(), 'data/remembrance.json'));
const GUILD = snowflake(1_000_000_000);
const OTHER = snowflake(1_000_000_001);
const CHANNEL = snowflake(1_000_000_002);
const actor = { userId: '42', userName: 'aysel' };
// 1 November 2027, 12:00Z (16:00 in Baku).
const NOW = Date.parse('2027-11-01T12:00:00Z');

const add = (
  name: string,
  iso: string,
  over: Partial<Extract<DateEdit, { kind: 'date-add' }>['value']> = {},
) => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return {
    kind: 'date-add' as const,
    value: {
      name,
      date: { year, month, day },
      sourceUrl: 'https://example.org/s',
      text: 'Words',
      roleId: null,
      ...over,
    },
  };
};

describe.each(STORE_KINDS)('server dates on %s', (kind) => {
  const store = useStore(kind);
  const build = () => {
    const db = store.db();
    const dates = new ServerDateRepository(db);
    const repo = new SettingsRepository(db);
    const settings = new ServerSettings(
      repo,
      new DeliveryLedger(db),
      dataset,
      () => NOW,
      () => undefined,
      new ConfigAudit(db),
      dates,
    );
    return { db, dates, repo, settings };
  };

  it('adds, lists, edits and removes a server’s dates, each audited, with a stable id', async () => {
    const { dates, settings } = build();
    const added = await settings.writeDate(GUILD, add('Return of Aghdam', '2020-11-20'), actor);
    expect(added.ok).toBe(true);
    const id = serverDateId('Return of Aghdam', { year: 2020, month: 11, day: 20 });
    expect(await dates.list(GUILD)).toEqual([
      {
        guildId: GUILD,
        id,
        name: 'Return of Aghdam',
        date: { year: 2020, month: 11, day: 20 },
        sourceUrl: 'https://example.org/s',
        text: 'Words',
        roleId: null,
        createdAt: NOW,
        updatedAt: NOW,
      },
    ]);
    const edited = await settings.writeDate(
      GUILD,
      { kind: 'date-edit', id, patch: { text: 'Other words', roleId: '7' } },
      actor,
    );
    expect(edited).toMatchObject({ ok: true, date: { id, text: 'Other words', roleId: '7' } });
    expect((await dates.forGuilds([GUILD, OTHER])).get(GUILD)?.[0]?.text).toBe('Other words');
    expect(await dates.list(OTHER)).toEqual([]);
    expect((await settings.writeDate(GUILD, { kind: 'date-remove', id }, actor)).ok).toBe(true);
    expect(await dates.list(GUILD)).toEqual([]);
    const history = await settings.history(GUILD, 0, 10);
    expect(history.entries.map((e) => [e.setting, e.subject, e.from === null, e.to === null])).toEqual([
      ['date', id, false, true],
      ['date', id, false, false],
      ['date', id, true, false],
    ]);
  });

  it('refuses a duplicate, a 26th date and an unknown one inside the write, changing nothing', async () => {
    const { dates, settings } = build();
    await settings.writeDate(GUILD, add('Return of Aghdam', '2020-11-20'), actor);
    expect(await settings.writeDate(GUILD, add('  return of   AGHDAM ', '2020-11-20'), actor)).toEqual({
      ok: false,
      problem: 'date-duplicate',
    });
    for (let i = 1; i < 25; i++) await settings.writeDate(GUILD, add(`Date ${i}`, '2001-01-01'), actor);
    expect(await settings.writeDate(GUILD, add('One more', '2001-01-01'), actor)).toEqual({
      ok: false,
      problem: 'date-limit',
    });
    // The limit is per server.
    expect((await settings.writeDate(OTHER, add('One more', '2001-01-01'), actor)).ok).toBe(true);
    expect(await settings.writeDate(GUILD, { kind: 'date-remove', id: 'server:nope' }, actor)).toEqual({
      ok: false,
      problem: 'date-unknown',
    });
    expect(await dates.list(GUILD)).toHaveLength(25);
    expect((await settings.history(GUILD, 0, 50)).total).toBe(25);
  });

  it('plans the next post with the server’s own dates (catch-up the same day included)', async () => {
    const { settings } = build();
    await settings.write(GUILD, { kind: 'patch', patch: { channelId: CHANNEL } }, actor);
    const before = (await settings.get(GUILD)).nextDueAt;
    // Today (1 November in Baku) at 09:00 has passed: the date added now is still posted late today.
    await settings.writeDate(GUILD, add('Return of Kalbajar', '2020-11-01'), actor);
    const after = (await settings.get(GUILD)).nextDueAt;
    expect(after).toBe(Date.parse('2027-11-01T05:00:00Z'));
    expect(after).not.toBe(before);
  });

  it('deletes a server’s dates with the rest of its data once it has been gone 30 days', async () => {
    const { db, dates, settings } = build();
    await settings.writeDate(GUILD, add('Return of Aghdam', '2020-11-20'), actor);
    await settings.writeDate(OTHER, add('Return of Aghdam', '2020-11-20'), actor);
    const retention = new GuildRetention(db);
    await retention.markLeft(GUILD, NOW);
    expect(await retention.deleteLeftBefore(NOW + LEFT_GRACE_MS + 1)).toEqual([GUILD]);
    expect(await dates.list(GUILD)).toEqual([]);
    expect(await dates.list(OTHER)).toHaveLength(1);
  });
});
