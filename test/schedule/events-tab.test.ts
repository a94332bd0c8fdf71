import path from 'node:path';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/config/dataset-file.js';
import { projectRoot } from '../../src/config/project-root.js';
import { eventsWithDay } from '../../src/domain/dataset.js';
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
import { SettingsRepository } from '../../src/store/settings-repository.js';
import { snowflake } from '../store/fixtures.js';
import { STORE_KINDS, useStore } from '../store/stores.js';

const dataset = loadDataset(path.join(projectRoot(), 'data/remembrance.json'));
const GUILD = snowflake(1_000_000_000);
const NOW = Date.parse('2027-08-15T12:00:00Z');

/** Discord's scheduled events as the port sees them, with a create that can be made to lose its answer. */
class FakeEvents implements ScheduledEventsPort {
  events: Array<{ id: string; marker: string; startsAt: number }> = [];
  creates = 0;
  others = 0;
  loseNextAnswer = false;
  private next = 1;
  canCreate = () => true;
  digest = (d: EventDraft) => `${d.language}|${d.startsAt}|${d.endsAt}`;
  async list(): Promise<ListOutcome> {
    return {
      ok: true,
      own: this.events.map(({ id, marker }) => ({ id, marker })),
      active: this.events.length + this.others,
    };
  }
  async create(_g: string, d: EventDraft): Promise<CreateOutcome> {
    this.creates++;
    // Another process's create may be running now: let it interleave.
    await new Promise((r) => setImmediate(r));
    const id = String(this.next++);
    this.events.push({ id, marker: d.marker, startsAt: d.startsAt });
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      return { ok: false, kind: 'uncertain', detail: 'timeout' };
    }
    return { ok: true, id };
  }
  async edit(_g: string, id: string, d: EventDraft): Promise<ChangeOutcome> {
    const e = this.events.find((x) => x.id === id);
    if (!e) return { ok: false, kind: 'gone' };
    e.startsAt = d.startsAt;
    return { ok: true };
  }
  async remove(_g: string, id: string): Promise<ChangeOutcome> {
    this.events = this.events.filter((e) => e.id !== id);
    return { ok: true };
  }
}

describe('the Events tab plan', () => {
  it('never holds more than a few anniversaries in any 14 days, far below Discord’s 100', () => {
    const events = eventsWithDay(dataset);
    let most = 0;
    for (let day = 0; day < 366; day++) {
      const now = Date.parse('2027-01-01T00:00:00Z') + day * 86_400_000;
      const settings = {
        guildId: GUILD,
        timeZone: 'Pacific/Kiritimati',
        postTime: { hour: 0, minute: 0 },
        disabledEvents: [],
        nextDueAt: null,
        reminderDays: 0,
        eventsTab: true,
        paused: false,
      };
      most = Math.max(most, wantedEvents(settings, events, now).length);
    }
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(5);
    expect(EVENTS_TAB_HORIZON_MS).toBe(14 * 86_400_000);
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
    discord.events.push({ id: '99', marker: `remembrance:${GUILD}:fizuli:2027`, startsAt: 1 });
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
});
