import {
  type LocalTime,
  localDate,
  nextOccurrence,
  type Occurrence,
  occurrencesBetween,
  sameDate,
} from '../domain/anniversary.js';
import type { DayDate, RemembranceEvent } from '../domain/dataset.js';
import { nextReminder, remindersBetween } from '../domain/reminder.js';
import { plannedDay, type ServerDate } from '../domain/server-date.js';

/** What the planner needs to know of a server. */
export interface PlannerSettings {
  guildId: string;
  timeZone: string;
  postTime: LocalTime;
  disabledEvents: readonly string[];
  /** Days before each anniversary a reminder is posted; 0 = none. */
  reminderDays: number;
  /**
   * The first posting instant the server is waiting for (epoch ms). Occurrences from here up to now are
   * due; anything before it was dealt with already or came before the server was configured.
   */
  nextDueAt: number | null;
}

export type DatedEvent = RemembranceEvent & { date: DayDate };

/** What the planner reads of an event: its id (the ledger's event id) and its day. */
export interface PlannedEvent {
  id: string;
  date: DayDate;
}

/** A server's own dates as the planner sees them: notices and reminders exactly like the dataset's. */
export function serverDateEvents(dates: readonly ServerDate[]): PlannedEvent[] {
  return dates.map((d) => ({ id: d.id, date: plannedDay(d) }));
}

/** One anniversary notice (or reminder) for one server: post it now, or record that its day passed without it. */
export interface PlannedDelivery {
  guildId: string;
  eventId: string;
  /** The anniversary's year (a reminder may fall in the year before). */
  year: number;
  /** The day's notice, or a reminder `daysBefore` days ahead of it. */
  kind: 'notice' | 'reminder';
  /** 0 for the day's notice. */
  daysBefore: number;
  /** When this post is due: the anniversary's for a notice, the reminder's own day and instant for a reminder. */
  occurrence: Occurrence;
  action: 'post' | 'missed';
  /** How long after its minute the post goes out (0 when on time). */
  lateByMs: number;
}

/** The longest the bot looks back for anniversaries it missed while down. */
export const LOOK_BACK_MS = 366 * 24 * 3_600_000;

function enabled<E extends PlannedEvent>(settings: PlannerSettings, events: readonly E[]): E[] {
  const disabled = new Set(settings.disabledEvents);
  return events.filter((e) => !disabled.has(e.id));
}

/**
 * The next instant after `after` at which this server has a notice to post, over its enabled events;
 * null when every event is turned off.
 */
export function nextDueAt(
  settings: PlannerSettings,
  events: readonly PlannedEvent[],
  after: number,
): number | null {
  let best: number | null = null;
  for (const event of enabled(settings, events)) {
    const at = nextOccurrence(event.date, after, settings.postTime, settings.timeZone).at;
    if (best === null || at < best) best = at;
    if (settings.reminderDays > 0) {
      const { postTime, timeZone, reminderDays } = settings;
      const reminder = nextReminder(event.date, after, reminderDays, postTime, timeZone).at;
      if (reminder < best) best = reminder;
    }
  }
  return best;
}

/**
 * What is due for a server at `now`: every occurrence of an enabled event from `settings.nextDueAt`
 * up to `now`, and every reminder ahead of one when the server has reminders. One still on its local day in
 * the server's zone is posted (late if the bot was down at the minute); one whose day has ended is recorded
 * as missed instead — a reminder by its own day, exactly like a notice. Pure: no clock, no I/O.
 */
export function dueDeliveries(
  settings: PlannerSettings,
  events: readonly PlannedEvent[],
  now: number,
): PlannedDelivery[] {
  if (settings.nextDueAt === null || settings.nextDueAt > now) return [];
  const from = Math.max(settings.nextDueAt, now - LOOK_BACK_MS);
  const today = localDate(now, settings.timeZone);
  const out: PlannedDelivery[] = [];
  const { postTime, timeZone, reminderDays } = settings;
  const planned = (event: PlannedEvent, occurrence: Occurrence, daysBefore: number): PlannedDelivery => ({
    guildId: settings.guildId,
    eventId: event.id,
    year: occurrence.year,
    kind: daysBefore === 0 ? 'notice' : 'reminder',
    daysBefore,
    occurrence,
    action: sameDate(occurrence.date, today) ? 'post' : 'missed',
    lateByMs: Math.max(0, now - occurrence.at),
  });
  for (const event of enabled(settings, events)) {
    for (const occurrence of occurrencesBetween(event.date, from, now, postTime, timeZone)) {
      out.push(planned(event, occurrence, 0));
    }
    if (reminderDays === 0) continue;
    for (const reminder of remindersBetween(event.date, from, now, reminderDays, postTime, timeZone)) {
      out.push(planned(event, reminder, reminderDays));
    }
  }
  return out.sort((a, b) => a.occurrence.at - b.occurrence.at);
}

/** One coming post of a server: an event's notice, or a reminder `daysBefore` days ahead of it. */
export interface NextPost<E extends PlannedEvent> {
  event: E;
  kind: 'notice' | 'reminder';
  /** 0 for the notice. */
  daysBefore: number;
  /** As in {@link PlannedDelivery}: a reminder's own day and instant, the anniversary's year and number. */
  occurrence: Occurrence;
}

/**
 * The next `count` posts of a server after `after`, in order, for `/config show` and the `/config`
 * confirmations: each enabled event's notices and its reminders ahead, by the rule {@link nextDueAt} and
 * {@link dueDeliveries} plan them with, so the first is the post the scheduler makes next.
 */
export function nextPosts<E extends PlannedEvent>(
  settings: PlannerSettings,
  events: readonly E[],
  after: number,
  count: number,
): Array<NextPost<E>> {
  const out: Array<NextPost<E>> = [];
  const { postTime, timeZone, reminderDays } = settings;
  const list = enabled(settings, events);
  const following = (event: E, cursor: number): Array<NextPost<E>> => {
    const notice: NextPost<E> = {
      event,
      kind: 'notice',
      daysBefore: 0,
      occurrence: nextOccurrence(event.date, cursor, postTime, timeZone),
    };
    if (reminderDays === 0) return [notice];
    const reminder = nextReminder(event.date, cursor, reminderDays, postTime, timeZone);
    return [notice, { event, kind: 'reminder', daysBefore: reminderDays, occurrence: reminder }];
  };
  let cursor = after;
  while (out.length < count && list.length > 0) {
    const next = list
      .flatMap((event) => following(event, cursor))
      .sort((a, b) => a.occurrence.at - b.occurrence.at);
    const at = next[0]?.occurrence.at;
    if (at === undefined) break;
    for (const item of next) if (item.occurrence.at === at && out.length < count) out.push(item);
    cursor = at;
  }
  return out;
}
