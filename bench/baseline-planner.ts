import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DatedEvent } from '../src/schedule/planner.js';
import type { Schema } from '../src/store/schema.js';

export interface ScannedDelivery {
  guildId: string;
  eventId: string;
  year: number;
}

/**
 * The common design the bot does not use, as the comparison baseline: every tick reads every server
 * (`SELECT *`) and works out its local time with luxon; a server is due when its local HH:MM equals its
 * post time on one of its events' days (29 February falls back to the 28th in common years).
 * It is given every benefit: no ORDER BY, and the disabled-events JSON is parsed only on a match.
 */
export async function scanEveryServer(
  db: Kysely<Schema>,
  events: readonly DatedEvent[],
  now: number,
): Promise<ScannedDelivery[]> {
  const rows = await db.selectFrom('guild_settings').selectAll().execute();
  const due: ScannedDelivery[] = [];
  for (const row of rows) {
    if (row.paused === 1 || row.channel_id === null) continue;
    const local = DateTime.fromMillis(now, { zone: row.time_zone });
    const hour = Number(row.post_time.slice(0, 2));
    const minute = Number(row.post_time.slice(3, 5));
    if (local.hour !== hour || local.minute !== minute) continue;
    const disabled = JSON.parse(row.disabled_events) as string[];
    for (const event of events) {
      if (disabled.includes(event.id)) continue;
      const { month, day } = event.date;
      const dayThisYear = month === 2 && day === 29 && !local.isInLeapYear ? 28 : day;
      if (local.month === month && local.day === dayThisYear) {
        due.push({ guildId: row.guild_id, eventId: event.id, year: local.year });
      }
    }
  }
  return due;
}
