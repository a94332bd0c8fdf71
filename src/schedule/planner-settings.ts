import { parseLocalTime } from '../domain/anniversary.js';
import type { GuildSettings } from '../store/guild-settings.js';
import type { PlannerSettings } from './planner.js';

/** The planner's view of stored settings. */
export function plannerSettings(settings: GuildSettings): PlannerSettings {
  const postTime = parseLocalTime(settings.postTime);
  if (!postTime) throw new Error(`stored post time "${settings.postTime}" is not HH:MM`);
  return {
    guildId: settings.guildId,
    timeZone: settings.timeZone,
    postTime,
    disabledEvents: settings.disabledEvents,
    reminderDays: settings.reminderDays,
    nextDueAt: settings.nextDueAt,
  };
}
