import {
  isoDate,
  SERVER_DATE_LIMITS,
  type ServerDate,
  type ServerDateProblem,
  serverDateId,
} from '../domain/server-date.js';
import type { SettingChange } from '../store/config-audit.js';
import type { DateEdit, SettingsEdit } from './services.js';

/** What a date edit does to the stored dates, and the audit entry that records it. */
export type DateChange =
  | { ok: true; kind: 'add'; after: ServerDate; audit: SettingChange }
  | { ok: true; kind: 'edit'; before: ServerDate; after: ServerDate; audit: SettingChange }
  | { ok: true; kind: 'remove'; before: ServerDate; audit: SettingChange };

export function isDateEdit(edit: SettingsEdit): edit is DateEdit {
  return edit.kind === 'date-add' || edit.kind === 'date-edit' || edit.kind === 'date-remove';
}

/** How a date reads in the audit trail: its name and day (its id is the subject). */
function summary(date: ServerDate): string {
  return `${date.name} (${isoDate(date.date)}) ${date.sourceUrl}`;
}

/**
 * Works out a date edit against the server's stored dates: at most {@link SERVER_DATE_LIMITS.perServer},
 * no two with the same name and day (the same id), and only existing dates edited or removed.
 */
export function dateChanges(
  edit: DateEdit,
  existing: readonly ServerDate[],
  guildId: string,
  now: number,
): DateChange | { ok: false; problem: ServerDateProblem } {
  if (edit.kind === 'date-add') {
    const id = serverDateId(edit.value.name, edit.value.date);
    if (existing.some((d) => d.id === id)) return { ok: false, problem: 'date-duplicate' };
    if (existing.length >= SERVER_DATE_LIMITS.perServer) return { ok: false, problem: 'date-limit' };
    const after: ServerDate = { guildId, id, ...edit.value, createdAt: now, updatedAt: now };
    return {
      ok: true,
      kind: 'add',
      after,
      audit: { setting: 'date', subject: id, from: null, to: summary(after) },
    };
  }
  const before = existing.find((d) => d.id === edit.id);
  if (!before) return { ok: false, problem: 'date-unknown' };
  if (edit.kind === 'date-remove') {
    return {
      ok: true,
      kind: 'remove',
      before,
      audit: { setting: 'date', subject: before.id, from: summary(before), to: null },
    };
  }
  const after: ServerDate = { ...before, ...edit.patch, updatedAt: now };
  return {
    ok: true,
    kind: 'edit',
    before,
    after,
    audit: { setting: 'date', subject: before.id, from: summary(before), to: summary(after) },
  };
}
