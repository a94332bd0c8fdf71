import type { Logger } from 'pino';
import type { Occurrence } from '../domain/anniversary.js';
import { type Dataset, eventsWithDay } from '../domain/dataset.js';
import { type AnyNotice, noticeFor, serverDateNoticeFor } from '../domain/notice.js';
import { plannedDay } from '../domain/server-date.js';
import type { GuildSettings } from '../store/guild-settings.js';
import type { EventKey, ScheduledEventRepository, ScheduledEventRow } from '../store/scheduled-events.js';
import type { ServerDateRepository } from '../store/server-date-repository.js';
import type { SettingsRepository, ShardSelection } from '../store/settings-repository.js';
import { eventMarker, type WantedEvent, wantedEvents } from './events-tab-plan.js';
import type { EventDraft, OwnScheduledEvent, ScheduledEventsPort } from './events-tab-port.js';
import type { PlannedEvent } from './planner.js';
import { plannerSettings } from './planner-settings.js';

/** Discord's limit of scheduled or running events per server. */
export const DISCORD_ACTIVE_EVENTS_LIMIT = 100;

/**
 * A create's claim older than this was lost with its process; the adapter gives up on a create long before
 * (its timeout is a minute), so a claim this old has no create in flight.
 */
export const EVENT_CLAIM_STALE_MS = 10 * 60_000;

export interface EventsTabOptions {
  dataset: Dataset;
  settings: SettingsRepository;
  /** Servers' own dates (`/config date`): each server's tab holds its own, labelled as added by its admins. */
  serverDates: ServerDateRepository;
  events: ScheduledEventRepository;
  port: ScheduledEventsPort;
  now: () => number;
  logger: Logger;
  /** This process's name on its claims. */
  owner: string;
  shards?: ShardSelection;
  staleMs?: number;
}

/** What one run did, for logs and tests. */
export interface EventsTabSummary {
  created: number;
  adopted: number;
  updated: number;
  removed: number;
  failed: number;
}

/** An anniversary the tab can hold: a dataset event or one of the server's own dates, with its notice. */
interface TabEvent extends PlannedEvent {
  noticeOf(occurrence: Occurrence, guildId: string): AnyNotice;
}

const keyOf = (guildId: string, w: WantedEvent): EventKey => ({
  guildId,
  eventId: w.event.id,
  year: w.occurrence.year,
});
const keyString = (k: EventKey) => `${k.eventId}:${k.year}`;

/**
 * The Events tab job, run every few minutes by the composition root: for each server with the switch on
 * (or with events still shown) it makes the tab hold exactly the anniversaries {@link wantedEvents} names —
 * creating each once (a claim in the database, then a look at the server's events for the bot's marker
 * before any create, so a lost answer, a crash or a second process never makes two), updating them when
 * what they say changes, and removing the rest (switched off, paused, disabled, or the day is over).
 */
export class EventsTab {
  private readonly staleMs: number;
  private readonly datasetEvents: TabEvent[];
  private running: Promise<EventsTabSummary> | null = null;

  constructor(private readonly o: EventsTabOptions) {
    this.staleMs = o.staleMs ?? EVENT_CLAIM_STALE_MS;
    this.datasetEvents = eventsWithDay(o.dataset).map((event) => ({
      id: event.id,
      date: event.date,
      noticeOf: (occurrence, guildId) =>
        noticeFor(o.dataset, event, occurrence, { guildId, roleId: null, preview: false }),
    }));
  }

  /** Resolves when no pass is running (for shutdown). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** One pass over every server; a pass already running is joined, not doubled. */
  run(): Promise<EventsTabSummary> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<EventsTabSummary> {
    const summary: EventsTabSummary = { created: 0, adopted: 0, updated: 0, removed: 0, failed: 0 };
    for (const guildId of await this.o.events.guildsToSync(this.o.shards)) {
      try {
        await this.sync(guildId, summary);
      } catch (err) {
        this.o.logger.error({ err, guildId }, 'events tab sync failed');
      }
    }
    if (summary.created + summary.adopted + summary.updated + summary.removed + summary.failed > 0) {
      this.o.logger.info(summary, 'events tab synced');
    }
    return summary;
  }

  /** Brings one server's Events tab in line with its settings. */
  async sync(guildId: string, summary: EventsTabSummary): Promise<void> {
    const { port, events: repo, now } = this.o;
    const settings = await this.o.settings.get(guildId);
    const wanted = settings
      ? wantedEvents(
          { ...plannerSettings(settings), eventsTab: settings.eventsTab, paused: settings.paused },
          [...this.datasetEvents, ...(await this.ownEvents(guildId))],
          now(),
        )
      : [];
    const rows = new Map((await repo.listForGuild(guildId)).map((r) => [keyString(r), r]));
    const wantedKeys = new Set(wanted.map((w) => keyString(keyOf(guildId, w))));
    // Without the bot in the server (an outage, removed) or without the permission, nothing can change
    // there now (and /config show says what to grant); the rows wait for a later run.
    if (!port.canCreate(guildId)) return;

    let listing: Promise<Map<string, OwnScheduledEvent> | null> | null = null;
    const look = () => {
      listing ??= port.list(guildId).then((l) => (l.ok ? new Map(l.own.map((e) => [e.marker, e])) : null));
      return listing;
    };

    for (const row of rows.values()) {
      if (wantedKeys.has(keyString(row))) continue;
      await this.retire(row, look, summary);
    }

    const toCreate: Array<{ w: WantedEvent; draft: EventDraft }> = [];
    for (const w of wanted) {
      const key = keyOf(guildId, w);
      const draft = this.draftOf(settings as GuildSettings, w); // wanted is empty without settings
      const row = rows.get(keyString(key));
      // Discord takes no start time in the past: an event that has begun keeps what it says, and one whose
      // start passed before it was made (the tab switched on late in its day) is not made.
      const begun = w.startsAt <= now();
      if (row?.status === 'created' && row.discordId) {
        const digest = port.digest(draft);
        if (row.digest === digest || begun) continue;
        const edited = await port.edit(guildId, row.discordId, draft);
        if (edited.ok) {
          await repo.recordUpdated(key, digest, w, now());
          summary.updated++;
        } else if (edited.kind === 'gone') await repo.dismiss(key, now());
        continue;
      }
      if (row?.status === 'dismissed' || begun) continue;
      if (await repo.claim(key, w, this.o.owner, now(), this.staleMs)) toCreate.push({ w, draft });
    }
    if (toCreate.length === 0) return;

    // Every claimed create looks first: a create whose answer was lost, or a process that died after it,
    // left the event in Discord with its marker; it is adopted, not made again.
    const listed = await port.list(guildId);
    if (!listed.ok) {
      for (const { w } of toCreate) {
        await repo.recordNotCreated(keyOf(guildId, w), this.o.owner, 'uncertain', null, now());
      }
      return;
    }
    const own = new Map(listed.own.map((e) => [e.marker, e]));
    let active = listed.active;
    for (const { w, draft } of toCreate) {
      const key = keyOf(guildId, w);
      const found = own.get(draft.marker);
      if (found) {
        // Adopted with no digest, so the next run brings what it says up to date.
        await repo.recordCreated(key, this.o.owner, found.id, '', now());
        summary.adopted++;
        continue;
      }
      if (active >= DISCORD_ACTIVE_EVENTS_LIMIT) {
        await repo.recordNotCreated(key, this.o.owner, 'failed', 'events-limit', now());
        summary.failed++;
        continue;
      }
      const created = await port.create(guildId, draft);
      if (created.ok) {
        await repo.recordCreated(key, this.o.owner, created.id, port.digest(draft), now());
        active++;
        summary.created++;
      } else {
        const status = created.kind === 'uncertain' ? 'uncertain' : 'failed';
        const reason = created.kind === 'refused' ? created.reason : null;
        await repo.recordNotCreated(key, this.o.owner, status, reason, now());
        summary.failed++;
        this.o.logger.warn({ ...key, outcome: created }, 'scheduled event not created');
      }
    }
  }

  /** Removes an anniversary the tab should no longer hold, and forgets it once it is gone. */
  private async retire(
    row: ScheduledEventRow,
    look: () => Promise<Map<string, OwnScheduledEvent> | null>,
    summary: EventsTabSummary,
  ): Promise<void> {
    const { port, events: repo } = this.o;
    // Someone else's create is in flight: leave it; a later run removes what it made.
    if (row.status === 'creating' && (row.claimedAt ?? 0) >= this.o.now() - this.staleMs) return;
    let discordId = row.status === 'created' ? row.discordId : null;
    if (row.status === 'creating' || row.status === 'uncertain') {
      const own = await look();
      if (own === null) return;
      discordId = own.get(eventMarker(row.guildId, row.eventId, row.year))?.id ?? null;
    }
    if (discordId) {
      const removed = await port.remove(row.guildId, discordId);
      if (!removed.ok && removed.kind === 'failed') return;
      summary.removed++;
    }
    await repo.remove(row);
  }

  /** This server's own dates (only its own: a server's dates are never shown in another's tab). */
  private async ownEvents(guildId: string): Promise<TabEvent[]> {
    const dates = await this.o.serverDates.list(guildId);
    return dates.map((date) => ({
      id: date.id,
      date: plannedDay(date),
      noticeOf: (occurrence, guild) =>
        serverDateNoticeFor(date, occurrence, { guildId: guild, roleId: null, preview: false }),
    }));
  }

  private draftOf(settings: GuildSettings, w: WantedEvent<TabEvent>): EventDraft {
    return {
      notice: w.event.noticeOf(w.occurrence, settings.guildId),
      language: settings.language,
      startsAt: w.startsAt,
      endsAt: w.endsAt,
      channelId: settings.channelId,
      marker: eventMarker(settings.guildId, w.event.id, w.occurrence.year),
    };
  }
}
