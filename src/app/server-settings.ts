import { type LocalTime, parseLocalTime, startOfLocalDay } from '../domain/anniversary.js';
import type { Dataset } from '../domain/dataset.js';
import { eventsWithDay } from '../domain/dataset.js';
import type { ServerDate, ServerDateProblem } from '../domain/server-date.js';
import { nextDueAt, serverDateEvents } from '../schedule/planner.js';
import { plannerSettings } from '../schedule/planner-settings.js';
import type { AuditEntry, ConfigAudit } from '../store/config-audit.js';
import type { Delivery } from '../store/delivery.js';
import type { DeliveryLedger } from '../store/delivery-ledger.js';
import {
  DEFAULT_POST_TIME,
  DEFAULT_TIME_ZONE,
  type GuildSettings,
  type GuildSettingsPatch,
} from '../store/guild-settings.js';
import type { Publication } from '../store/publication.js';
import type { PublicationLedger } from '../store/publication-ledger.js';
import type { ServerDateRepository } from '../store/server-date-repository.js';
import type { SettingsRepository, WriteHooks } from '../store/settings-repository.js';
import { type DateChange, dateChanges, isDateEdit } from './server-date-edits.js';
import type {
  ConfigActor,
  DateEdit,
  DateWriteResult,
  ServerSchedule,
  ServerSettingsPort,
  SettingsEdit,
} from './services.js';
import { settingChanges } from './settings-diff.js';

/** The default posting time, parsed once; the constant is a valid 'HH:MM'. */
const DEFAULT_TIME = parseLocalTime(DEFAULT_POST_TIME) as LocalTime;

/**
 * When a server next posts, given its settings: never while paused or without a channel; otherwise the
 * first posting instant from the start of today (local) — so a time moved earlier than now, or a channel set
 * later than the posting time, still posts today's anniversary late the same day (the ledger keeps it to one
 * post) — unless work is already due (a retry of today's post), which stays due.
 */
export function recomputeNextDue(
  settings: GuildSettings,
  dataset: Dataset,
  now: number,
  ownDates: readonly ServerDate[] = [],
): number | null {
  if (settings.paused || !settings.channelId) return null;
  if (settings.nextDueAt !== null && settings.nextDueAt <= now) return settings.nextDueAt;
  const todayStarted = startOfLocalDay(now, settings.timeZone);
  const events = [...eventsWithDay(dataset), ...serverDateEvents(ownDates)];
  return nextDueAt(plannerSettings(settings), events, todayStarted - 1);
}

/** Server settings as commands and gateway events change them, keeping the next due instant true. */
export class ServerSettings implements ServerSettingsPort {
  constructor(
    private readonly repo: SettingsRepository,
    private readonly ledger: DeliveryLedger,
    private readonly dataset: Dataset,
    private readonly now: () => number,
    /** Told of every change, e.g. so the Discord cache keeps the new channel and role. */
    private readonly onChange: (settings: GuildSettings) => void = () => undefined,
    /** Where admins' changes are recorded; none in tests that do not look at it. */
    private readonly audit: ConfigAudit | null = null,
    /** The dates servers' admins added; none in tests that do not use them. */
    private readonly dates: ServerDateRepository | null = null,
    /** Publishing in announcement channels; none in tests that do not look at it. */
    private readonly publications: PublicationLedger | null = null,
  ) {}

  /** A server's own dates, oldest day first. */
  async serverDates(guildId: string): Promise<ServerDate[]> {
    return this.dates ? this.dates.list(guildId) : [];
  }

  /**
   * Adds, edits or removes one of a server's own dates through the one write path: checked against the
   * stored dates (limit, duplicate, unknown) with the server's row locked, planned and audited in the same
   * transaction. A refusal changes nothing.
   */
  async writeDate(guildId: string, edit: DateEdit, actor: ConfigActor): Promise<DateWriteResult> {
    try {
      let date: ServerDate | null = null;
      const settings = await this.write(guildId, edit, actor, (d) => {
        date = d;
      });
      if (!date) throw new Error('a date write ended without its date');
      return { ok: true, settings, date };
    } catch (error) {
      if (error instanceof DateRefused) return { ok: false, problem: error.problem };
      throw error;
    }
  }

  async get(guildId: string): Promise<GuildSettings> {
    return this.repo.getOrDefault(guildId, this.now());
  }

  async update(guildId: string, patch: GuildSettingsPatch): Promise<GuildSettings> {
    return this.write(guildId, { kind: 'patch', patch });
  }

  /**
   * The one write path: applies an edit and works out the next due instant in the same transaction, so a
   * change can never be stored with a due instant from before it. An admin's edit (`actor`) is also
   * recorded in the audit trail there.
   */
  async write(
    guildId: string,
    edit: SettingsEdit,
    actor?: ConfigActor,
    onDate?: (date: ServerDate) => void,
  ): Promise<GuildSettings> {
    const now = this.now();
    const { audit, dates } = this;
    let dateChange: DateChange | null = null;
    const hooks: WriteHooks = {
      first: isDateEdit(edit)
        ? async (trx) => {
            if (!dates) throw new Error('server dates are not wired');
            const change = dateChanges(edit, await dates.list(guildId, trx), guildId, now);
            if (!change.ok) throw new DateRefused(change.problem);
            dateChange = change;
            if (change.kind === 'add') await dates.insert(trx, change.after);
            else if (change.kind === 'edit') await dates.update(trx, change.after);
            else await dates.remove(trx, guildId, change.before.id);
            onDate?.(change.kind === 'remove' ? change.before : change.after);
          }
        : undefined,
      nextDue: async (after: GuildSettings, trx) =>
        // Pausing forgets pending work, so resuming does not report the paused days as missed.
        recomputeNextDue(
          after.paused ? { ...after, nextDueAt: null } : after,
          this.dataset,
          now,
          dates ? await dates.list(guildId, trx) : [],
        ),
      within:
        actor && audit
          ? (trx, before, after) =>
              audit.record(trx, { guildId, at: now, ...actor }, [
                ...settingChanges(before, after),
                ...(dateChange ? [dateChange.audit] : []),
              ])
          : undefined,
    };
    const written =
      edit.kind === 'patch' || isDateEdit(edit)
        ? await this.repo.update(guildId, edit.kind === 'patch' ? edit.patch : {}, now, hooks)
        : await this.repo.setEventDisabled(guildId, edit.eventId, !edit.enabled, now, hooks);
    this.onChange(written);
    return written;
  }

  /**
   * Plans a server's next post afresh (from the start of its local today), e.g. when the bot is back in a
   * server it had left; nothing from the time it was away is retried or reported as missed.
   */
  async replan(guildId: string): Promise<void> {
    const s = await this.get(guildId);
    await this.repo.setNextDueAt(
      guildId,
      recomputeNextDue({ ...s, nextDueAt: null }, this.dataset, this.now(), await this.serverDates(guildId)),
      s.updatedAt,
    );
  }

  /** Pauses a server because Discord refused a post, recording the reason for the admins. */
  async pauseForDiscord(
    guildId: string,
    reason: NonNullable<GuildSettings['pauseReason']>,
    detail: string | null,
  ) {
    return this.update(guildId, { paused: true, pauseReason: reason, pauseDetail: detail });
  }

  /** The zone and local time a server posts at; the defaults outside a server or before any setting. */
  async schedule(guildId: string | null): Promise<ServerSchedule> {
    const s = guildId ? await this.get(guildId) : null;
    return {
      timeZone: s?.timeZone ?? DEFAULT_TIME_ZONE,
      postTime: parseLocalTime(s?.postTime ?? DEFAULT_POST_TIME) ?? DEFAULT_TIME,
      disabledEvents: s?.disabledEvents ?? [],
    };
  }

  /**
   * A channel was deleted: if it was the server's notice channel and the server is active, notices are
   * paused with the reason (the admins see it in /config show). Returns whether it paused.
   */
  async channelDeleted(guildId: string, channelId: string, channelName: string): Promise<boolean> {
    const s = await this.repo.get(guildId);
    if (s?.channelId !== channelId || s.paused) return false;
    await this.pauseForDiscord(guildId, 'channel-deleted', `#${channelName}`);
    return true;
  }

  /** One page of this server's recorded changes, newest first. */
  async history(
    guildId: string,
    page: number,
    size: number,
  ): Promise<{ entries: AuditEntry[]; total: number }> {
    return this.audit ? this.audit.page(guildId, this.now(), page, size) : { entries: [], total: 0 };
  }

  async recentPublishing(guildId: string): Promise<Publication[]> {
    if (!this.publications) return [];
    const sinceYear = new Date(this.now()).getUTCFullYear() - 1;
    const rows = await this.publications.listForGuild(guildId, sinceYear);
    return rows.filter((p) => p.status === 'failed' || (p.status === 'pending' && p.attempts > 0)).slice(-10);
  }

  async recentTrouble(guildId: string): Promise<Delivery[]> {
    const sinceYear = new Date(this.now()).getUTCFullYear() - 1;
    const rows = await this.ledger.listForGuild(guildId, sinceYear);
    return rows
      .filter((d) => d.status === 'missed' || d.status === 'failed' || d.status === 'uncertain')
      .slice(-10);
  }
}

/** A date change refused inside the write's transaction; thrown so the transaction rolls back. */
class DateRefused extends Error {
  constructor(readonly problem: ServerDateProblem) {
    super(`server date refused: ${problem}`);
  }
}
