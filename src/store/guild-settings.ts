import type { Language } from '../domain/dataset.js';

// The languages a server can choose are the dataset's. Adding one needs a migration (a CHECK lists them).
export { LANGUAGES, type Language } from '../domain/dataset.js';

/** Why posting is paused: an admin asked, or Discord told us we cannot post to the channel. */
export const PAUSE_REASONS = [
  'admin',
  'channel-deleted',
  'missing-access',
  'missing-permissions',
  'unknown-channel',
] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const DEFAULT_TIME_ZONE = 'Asia/Baku';
export const DEFAULT_POST_TIME = '09:00';
export const DEFAULT_LANGUAGE: Language = 'en';

/** A server's settings. They belong to the server, not to the admin who last changed them. */
export interface GuildSettings {
  guildId: string;
  channelId: string | null;
  /** IANA zone the post time is read in. */
  timeZone: string;
  /** 'HH:MM', 24-hour. */
  postTime: string;
  /** Role to mention; equal to guildId for @everyone. */
  roleId: string | null;
  language: Language;
  paused: boolean;
  /** Set exactly when paused. */
  pauseReason: PauseReason | null;
  /** The missing permission names or Discord's error message, when there is one. */
  pauseDetail: string | null;
  /** Event ids this server turned off, sorted and without duplicates. */
  disabledEvents: string[];
  /** Whether upcoming anniversaries are shown in Discord's Events tab (off by default). */
  eventsTab: boolean;
  /** Days before each anniversary a reminder is posted, 0–30; 0 = no reminders. */
  reminderDays: number;
  /** Epoch ms of the next post this server is due, as computed by the scheduler. */
  nextDueAt: number | null;
  updatedAt: number;
}

/** What can be changed through {@link SettingsRepository.update}. */
export type GuildSettingsPatch = Partial<Omit<GuildSettings, 'guildId' | 'updatedAt'>>;

/** The settings a server has before anyone configured it. */
export function defaultSettings(guildId: string, now: number): GuildSettings {
  return {
    guildId,
    channelId: null,
    timeZone: DEFAULT_TIME_ZONE,
    postTime: DEFAULT_POST_TIME,
    roleId: null,
    language: DEFAULT_LANGUAGE,
    paused: false,
    pauseReason: null,
    pauseDetail: null,
    disabledEvents: [],
    eventsTab: false,
    reminderDays: 0,
    nextDueAt: null,
    updatedAt: now,
  };
}

/**
 * The part of a snowflake Discord shards by: `guildId >> 22` (its creation time). A server belongs to
 * shard `shardKey(guildId) % shardCount`, which is what the repository filters on in SQL.
 */
export function shardKey(guildId: string): number {
  if (!/^\d{1,20}$/.test(guildId)) {
    throw new RangeError(`Not a Discord snowflake: "${guildId}"`);
  }
  return Number(BigInt(guildId) >> 22n);
}

/**
 * Applies a patch to settings and keeps the pause fields consistent: a server that is not paused has no
 * reason or detail, and pausing without a reason records 'admin'. Undefined patch values leave a field
 * alone; the disabled events come out sorted and without duplicates.
 */
export function applySettingsPatch(
  current: GuildSettings,
  patch: GuildSettingsPatch,
  now: number,
): GuildSettings {
  const next: GuildSettings = { ...current };
  for (const [key, value] of Object.entries(patch) as [keyof GuildSettingsPatch, unknown][]) {
    if (value !== undefined) Object.assign(next, { [key]: value });
  }
  // A whole GuildSettings object type-checks as a patch; it must not move the row to another server.
  next.guildId = current.guildId;
  next.updatedAt = now;
  if (!next.paused) {
    next.paused = false;
    next.pauseReason = null;
    next.pauseDetail = null;
  } else if (next.pauseReason === null) {
    next.pauseReason = 'admin';
  }
  next.disabledEvents = [...new Set(next.disabledEvents)].sort();
  return next;
}
