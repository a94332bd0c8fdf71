import path from 'node:path';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/config/dataset-file.js';
import { projectRoot } from '../../src/config/project-root.js';
import { renderScheduledEvent } from '../../src/discord/render/scheduled-event.js';
import { eventsWithDay } from '../../src/domain/dataset.js';
import { plannedDay, type ServerDate, serverDateId } from '../../src/domain/server-date.js';
import { EventsTab } from '../../src/schedule/events-tab.js';
import { EVENTS_TAB_HORIZON_MS, wantedEvents } from '../../src/schedule/events-tab-plan.js';
import type {
  ChangeOutcome,
  CreateOutcome,
  EventDraft,
  ListOutcome,
  ScheduledEventsPort,
} from '../../src/schedule/events-tab-port.js';
import { GuildRetention } from '../../src/store/guild-retention.js';
import { ScheduledEventRepository } from '../../src/store/scheduled-events.js';
import { ServerDateRepository } from '../../src/store/server-date-repository.js';
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { snowflake } from '../store/fixtures.js';
import { STORE_KINDS, useStore } from '../store/stores.js';

const dataset = loadDataset(path.join(projectRoot(), 'data/remembrance.json'));
const GUILD = snowflake(1_000_000_000);
const OTHER = snowflake(1_000_000_001);
const NOW = Date.parse('2027-08-15T12:00:00Z');

/** A date a server's admins added; 20 August is within 14 days of NOW. */
function ownDate(guildId: string, name: string, iso = '2020-08-20', text = 'Their words'): ServerDate {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const date = { year, month, day };
  return {
    guildId,
    id: serverDateId(name, date),
    name,
    date,
    sourceUrl: 'https://example.org/returned',
    text,
    roleId: null,
    createdAt: NOW,
    updatedAt: NOW,
  };
}
const tabSettings = (over: { disabledEvents?: string[] } = {}) => ({
  guildId: GUILD,
  timeZone: 'Asia/Baku',
  postTime: { hour: 9, minute: 0 },
  disabledEvents: [],
  nextDueAt: null,
  reminderDays: 0,
  eventsTab: true,
  paused: false,
  ...over,
});

/** Discord's scheduled events as the port sees them, with a create that can be made to lose its answer. */
class FakeEvents implements ScheduledEventsPort {
  events: Array<{
    id: string;
    guildId: string;
    marker: string;
    startsAt: number;
    name: string;
    description: string;
  }> = [];
  creates = 0;
  others = 0;
  loseNextAnswer = false;
  private next = 1;
  canCreate = () => true;
  digest = (d: EventDraft) => JSON.stringify(renderScheduledEvent(d, '#general'));
  async list(guildId: string): Promise<ListOutcome> {
    const theirs = this.events.filter((e) => e.guildId === guildId);
    return {
      ok: true,
      own: theirs.map(({ id, marker }) => ({ id, marker })),
      active: theirs.length + this.others,
    };
  }
  async create(guildId: string, d: EventDraft): Promise<CreateOutcome> {
    this.creates++;
    // Another process's create may be running now: let it interleave.
    await new Promise((r) => setImmediate(r));
    const id = String(this.next++);
    const { name, description } = renderScheduledEvent(d, '#general');
    this.events.push({ id, guildId, marker: d.marker, startsAt: d.startsAt, name, description });
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      return { ok: false, kind: 'uncertain', detail: 'timeout' };
    }
    return { ok: true, id };
  }
  async edit(_g: string, id: string, d: EventDraft): Promise<ChangeOutcome> {
    const e = this.events.find((x) => x.id === id);
    if (!e) return { ok: false, kind: 'gone' };
    const { name, description } = renderScheduledEvent(d, '#general');
    Object.assign(e, { startsAt: d.startsAt, name, description });
    return { ok: true };
  }
  async remove(_g: string, id: string): Promise<ChangeOutcome> {
    this.events = this.events.filter((e) => e.id !== id);
    return { ok: true };
  }
}

describe('the Events tab plan', () => {
  it('holds at most a few dataset anniversaries in any 14 days, and with 25 own dates still far below Discord’s 100', () => {
    const events = eventsWithDay(dataset);
    // The most a server may add (SERVER_DATE_LIMITS.perServer), all in the same week.
    const own = Array.from({ length: 25 }, (_, i) => ownDate(GUILD, `Date ${i}`, '2020-08-20')).map((d) => ({
      id: d.id,
      date: plannedDay(d),
    }));
    let most = 0;
    let mostWithOwn = 0;
    for (let day = 0; day < 366; day++) {
      const now = Date.parse('2027-01-01T00:00:00Z') + day * 86_400_000;
      const settings = { ...tabSettings(), timeZone: 'Pacific/Kiritimati', postTime: { hour: 0, minute: 0 } };
      most = Math.max(most, wantedEvents(settings, events, now).length);
      mostWithOwn = Math.max(mostWithOwn, wantedEvents(settings, [...events, ...own], now).length);
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(5);
    expect(mostWithOwn).toBe(most + 25);
    expect(mostWithOwn).toBeLessThan(100);
    expect(EVENTS_TAB_HORIZON_MS).toBe(14 * 86_400_000);
  });

  it('leaves out a server date the admins turned off with /config event', () => {
    const date = ownDate(GUILD, 'Return of Aghdam');
    const events = [...eventsWithDay(dataset), { id: date.id, date: plannedDay(date) }];
    expect(wantedEvents(tabSettings(), events, NOW).map((w) => w.event.id)).toEqual([
      date.id,
      'fizuli',
      'jabrayil',
    ]);
    expect(
      wantedEvents(tabSettings({ disabledEvents: [date.id] }), events, NOW).map((w) => w.event.id),
    ).toEqual(['fizuli', 'jabrayil']);
  });
});

describe.each(STORE_KINDS)('the Events tab job on %s', (kind) => {
  const store = useStore(kind);
  let discord: FakeEvents;
  let now: number;
  const job = (owner: string, staleMs?: number) =>
    new EventsTab({
      dataset,
      settings: new SettingsRepository(store.db()),
      serverDates: new ServerDateRepository(store.db()),
      events: new ScheduledEventRepository(store.db()),
      port: discord,
      now: () => now,
      logger: pino({ level: 'silent' }),
      owner,
      staleMs,
    });

  beforeEach(async () => {
    discord = new FakeEvents();
    now = NOW;
    await new SettingsRepository(store.db()).update(GUILD, { channelId: '1', eventsTab: true }, now);
  });

  it('creates each anniversary once, even with two processes running at the same moment', async () => {
    const [a, b] = await Promise.all([job('a').run(), job('b').run()]);
    expect(a.created + b.created).toBe(2);
    expect(discord.creates).toBe(2);
    await job('c').run();
    expect(discord.creates).toBe(2);
  });

  it('after a crash right after the create, the next process adopts the event instead of making another', async () => {
    // The crashed process's claim: it made Fizuli's event and died before recording it.
    const repo = new ScheduledEventRepository(store.db());
    const key = { guildId: GUILD, eventId: 'fizuli', year: 2027 };
    expect(await repo.claim(key, { startsAt: 1, endsAt: 2 }, 'dead', now, 600_000)).toBe(true);
    discord.events.push({
      id: '99',
      guildId: GUILD,
      marker: `remembrance:${GUILD}:fizuli:2027`,
      startsAt: 1,
      name: 'Fizuli',
      description: '',
    });
    // While the claim is fresh nobody else creates Fizuli.
    expect(await job('b').run()).toMatchObject({ created: 1, adopted: 0 });
    now += 11 * 60_000;
    expect(await job('b').run()).toMatchObject({ created: 0, adopted: 1 });
    expect(discord.events.map((e) => e.marker).sort()).toEqual([
      `remembrance:${GUILD}:fizuli:2027`,
      `remembrance:${GUILD}:jabrayil:2027`,
    ]);
    expect(discord.creates).toBe(1);
  });

  it('a lost answer is looked for before creating again', async () => {
    discord.loseNextAnswer = true;
    expect(await job('a').run()).toMatchObject({ created: 1, failed: 1 });
    expect(await job('a').run()).toMatchObject({ created: 0, adopted: 1 });
    expect(discord.creates).toBe(2);
    expect(discord.events).toHaveLength(2);
  });

  it('respects the 100 events a server may have, recording why', async () => {
    discord.others = 99;
    expect(await job('a').run()).toMatchObject({ created: 1, failed: 1 });
    const rows = await new ScheduledEventRepository(store.db()).listForGuild(GUILD);
    expect(rows.map((r) => [r.status, r.reason]).sort()).toEqual([
      ['created', null],
      ['failed', 'events-limit'],
    ]);
  });

  it('removes what a disabled anniversary or the switch turned off no longer wants', async () => {
    await job('a').run();
    await new SettingsRepository(store.db()).setEventDisabled(GUILD, 'fizuli', true, now);
    expect(await job('a').run()).toMatchObject({ removed: 1 });
    expect(discord.events.map((e) => e.marker)).toEqual([`remembrance:${GUILD}:jabrayil:2027`]);
    await new SettingsRepository(store.db()).update(GUILD, { eventsTab: false }, now);
    await job('a').run();
    expect(discord.events).toEqual([]);
    expect(await new ScheduledEventRepository(store.db()).listForGuild(GUILD)).toEqual([]);
  });

  it('forgets a removed server’s records with its settings at the end of the grace period', async () => {
    await job('a').run();
    const retention = new GuildRetention(store.db());
    await retention.markLeft(GUILD, now);
    expect(await retention.deleteLeftBefore(now + 1)).toEqual([GUILD]);
    expect(await new ScheduledEventRepository(store.db()).listForGuild(GUILD)).toEqual([]);
  });

  it('holds a server’s own dates in its own tab only, labelled with their link, and follows edits and removal', async () => {
    const db = store.db();
    const dates = new ServerDateRepository(db);
    await new SettingsRepository(db).update(OTHER, { channelId: '2', eventsTab: true }, now);
    const date = ownDate(GUILD, 'Return of Aghdam');
    await dates.insert(db, date);
    const marker = `remembrance:${GUILD}:${date.id}:2027`;
    expect(await job('a').run()).toMatchObject({ created: 5 });
    const mine = () => discord.events.find((e) => e.marker === marker);
    expect(mine()).toMatchObject({ guildId: GUILD, startsAt: Date.parse('2027-08-20T05:00:00Z') });
    expect(mine()?.name).toBe('Return of Aghdam — 7th anniversary');
    expect(mine()?.description).toBe(
      [
        'Added by this server’s admins',
        'In the words of this server’s admins:',
        '> Their words',
        'Source given by this server’s admins:',
        'https://example.org/returned',
        marker,
      ].join('\n'),
    );
    // The other server's tab holds only the dataset's anniversaries.
    expect(
      discord.events
        .filter((e) => e.guildId === OTHER)
        .map((e) => e.marker)
        .sort(),
    ).toEqual([`remembrance:${OTHER}:fizuli:2027`, `remembrance:${OTHER}:jabrayil:2027`]);

    // The admins change its text: the event says the new words on the next pass.
    await dates.update(db, { ...date, text: 'New words', updatedAt: now });
    expect(await job('a').run()).toMatchObject({ updated: 1, created: 0 });
    expect(mine()?.description).toContain('> New words');

    // Turned off with /config event, it leaves the tab; back on, it returns; removed, it goes for good.
    await new SettingsRepository(db).setEventDisabled(GUILD, date.id, true, now);
    expect(await job('a').run()).toMatchObject({ removed: 1 });
    expect(mine()).toBeUndefined();
    await new SettingsRepository(db).setEventDisabled(GUILD, date.id, false, now);
    expect(await job('a').run()).toMatchObject({ created: 1 });
    await dates.remove(db, GUILD, date.id);
    expect(await job('a').run()).toMatchObject({ removed: 1 });
    expect(mine()).toBeUndefined();
    expect((await new ScheduledEventRepository(db).listForGuild(GUILD)).map((r) => r.eventId)).toEqual([
      'fizuli',
      'jabrayil',
    ]);
  });
});
