import type { Occurrence } from '../domain/anniversary.js';
import type { RemembranceEvent } from '../domain/dataset.js';
import type { ServerDate, ServerDateProblem } from '../domain/server-date.js';
import type { AuditEntry } from '../store/config-audit.js';
import type { Delivery } from '../store/delivery.js';
import type { GuildSettings } from '../store/guild-settings.js';
import type { Publication } from '../store/publication.js';
import type { BOT_PERMISSIONS, BotPermissionName } from './permissions.js';

/** A permission the bot needs in the notice channel (see {@link BOT_PERMISSIONS}). */
export type ChannelPermission = BotPermissionName;

/** Something that keeps notices from arriving, with what to do about it. */
export type ConfigProblem =
  | { code: 'no-channel' }
  | { code: 'paused'; reason: NonNullable<GuildSettings['pauseReason']>; detail: string | null }
  | { code: 'channel-missing' }
  | { code: 'missing-permissions'; permissions: ChannelPermission[] }
  | { code: 'all-events-off' }
  /** The Events tab is on but the bot may not create events: grant Create Events. */
  | { code: 'events-permission' }
  /** Discord refused an Events tab event: the server has 100 events, or it refused the event itself. */
  | { code: 'events-refused'; reason: 'events-limit' | 'missing-permissions' | 'rejected' };

/**
 * A coming post — of a dataset anniversary or of one of the server's own dates: its notice, or a reminder
 * `daysBefore` days ahead (the occurrence is then the reminder's own day and instant).
 */
export type UpcomingPost = (
  | { event: RemembranceEvent; serverDate?: undefined }
  | { event?: undefined; serverDate: ServerDate }
) & { kind: 'notice' | 'reminder'; daysBefore: number; occurrence: Occurrence };

export interface ConfigShowReply {
  kind: 'config-show';
  settings: GuildSettings;
  channelName: string | null;
  roleName: string | null;
  next: UpcomingPost[];
  problems: ConfigProblem[];
  /** Recent anniversaries that were missed, failed, or may or may not have been posted. */
  trouble: Array<
    Delivery & { event: RemembranceEvent | undefined; reminder: boolean; serverDateName?: string | undefined }
  >;
  /** Notices posted in an announcement channel whose publishing is being retried or failed. */
  publishing: Array<Publication & { event: RemembranceEvent | undefined }>;
  events: RemembranceEvent[];
}

export type ConfigChange =
  | { what: 'channel'; channelId: string }
  | { what: 'timezone'; zone: string }
  | { what: 'time'; time: string }
  | { what: 'role'; roleId: string }
  | { what: 'role-cleared' }
  | { what: 'event'; event: RemembranceEvent; enabled: boolean }
  /** One of the server's own dates turned on or off. */
  | { what: 'date-event'; name: string; enabled: boolean }
  | { what: 'language' }
  | { what: 'pause' }
  | { what: 'resume' }
  | { what: 'events-tab'; enabled: boolean }
  | { what: 'reminder'; days: number };

export interface ConfigUpdatedReply {
  kind: 'config-updated';
  change: ConfigChange;
  settings: GuildSettings;
  next: UpcomingPost | null;
  /** A standing problem the admin should know about even though this change worked. */
  problems: ConfigProblem[];
}

/** Why a preview was not posted; a failed preview pauses nothing. */
export type PreviewFailure =
  | { code: 'channel-missing' }
  /** Discord refused it (Missing Access or Missing Permissions): grant these in the channel. */
  | { code: 'preview-refused'; permissions: ChannelPermission[] }
  | { code: 'send-failed'; detail: string };

/** `/config test`: the preview of a dataset anniversary's notice, or of one of the server's own dates'. */
export type ConfigTestReply = {
  kind: 'config-test';
  ok: boolean;
  channelId: string;
  failure: PreviewFailure | null;
} & ({ event: RemembranceEvent; serverDate?: undefined } | { event?: undefined; serverDate: ServerDate });

/** An input /config refuses; nothing was changed. */
export type ConfigInputError =
  | { kind: 'config-error'; code: 'invalid-zone'; value: string }
  | { kind: 'config-error'; code: 'invalid-time'; value: string }
  | { kind: 'config-error'; code: 'channel-type'; channelId: string }
  | { kind: 'config-error'; code: 'channel-unknown'; channelId: string }
  | { kind: 'config-error'; code: 'channel-permissions'; channelId: string; permissions: ChannelPermission[] }
  | { kind: 'config-error'; code: 'role-unknown'; roleId: string }
  | { kind: 'config-error'; code: 'role-managed'; roleId: string }
  | { kind: 'config-error'; code: 'role-not-mentionable'; roleId: string; everyone: boolean }
  | { kind: 'config-error'; code: 'unknown-event'; value: string }
  | { kind: 'config-error'; code: 'invalid-language'; value: string }
  | { kind: 'config-error'; code: 'no-channel' }
  | { kind: 'config-error'; code: 'not-paused' }
  | { kind: 'config-error'; code: 'already-paused' }
  /** The Events tab needs Create Events (or Manage Events) in the server. */
  | { kind: 'config-error'; code: 'events-permission' }
  /** Options that do not match the command's definition (a stale registration). */
  | { kind: 'config-error'; code: 'invalid-options' }
  /** A server date refused (see domain/server-date). */
  | { kind: 'config-error'; code: 'date-problem'; problem: ServerDateProblem }
  | { kind: 'config-error'; code: 'date-nothing-to-edit' };

/** A server date added, edited or removed. */
export interface ConfigDateReply {
  kind: 'config-date';
  action: 'added' | 'edited' | 'removed';
  date: ServerDate;
}

/** `/config date list`. */
export interface ConfigDatesReply {
  kind: 'config-dates';
  dates: ServerDate[];
}

/** One page of the server's recorded /config changes, newest first. */
export interface ConfigHistoryReply {
  kind: 'config-history';
  guildId: string;
  entries: Array<AuditEntry & { event: RemembranceEvent | undefined }>;
  /** From 0. */
  page: number;
  pageCount: number;
  total: number;
  /** The custom ids of the Previous and Next buttons (routed back to the command). */
  buttons: { previous: string; next: string };
}

export type ConfigReply =
  | ConfigShowReply
  | ConfigUpdatedReply
  | ConfigTestReply
  | ConfigHistoryReply
  | ConfigDateReply
  | ConfigDatesReply
  | ConfigInputError;
