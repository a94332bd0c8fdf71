import type { SettingChange } from '../store/config-audit.js';
import type { GuildSettings } from '../store/guild-settings.js';

/**
 * What a write changed, setting by setting, as codes and raw values (ids, zone names, HH:MM): the audit
 * stores these, and the history renders them in the reader's language.
 */
export function settingChanges(before: GuildSettings, after: GuildSettings): SettingChange[] {
  const changes: SettingChange[] = [];
  const field = (setting: string, from: string | null, to: string | null) => {
    if (from !== to) changes.push({ setting, subject: null, from, to });
  };
  field('channel', before.channelId, after.channelId);
  field('timezone', before.timeZone, after.timeZone);
  field('time', before.postTime, after.postTime);
  field('role', before.roleId, after.roleId);
  field('language', before.language, after.language);
  field('reminder', String(before.reminderDays), String(after.reminderDays));
  field('paused', pauseState(before), pauseState(after));
  field('events-tab', before.eventsTab ? 'on' : 'off', after.eventsTab ? 'on' : 'off');
  const was = new Set(before.disabledEvents);
  const is = new Set(after.disabledEvents);
  for (const id of [...new Set([...was, ...is])].sort()) {
    if (was.has(id) !== is.has(id)) {
      changes.push({
        setting: 'event',
        subject: id,
        from: was.has(id) ? 'off' : 'on',
        to: is.has(id) ? 'off' : 'on',
      });
    }
  }
  return changes;
}

/** 'posting', or the pause reason code — so a history shows why a pause an admin lifted had happened. */
function pauseState(s: GuildSettings): string {
  return s.paused ? (s.pauseReason ?? 'admin') : 'posting';
}
