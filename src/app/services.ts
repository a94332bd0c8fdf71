import type { CalendarDate, LocalTime } from '../domain/anniversary.js';
import type { ServerDate, ServerDateProblem } from '../domain/server-date.js';
import type { AuditEntry } from '../store/config-audit.js';
import type { Delivery } from '../store/delivery.js';
import type { GuildSettings, GuildSettingsPatch } from '../store/guild-settings.js';
import type { Publication } from '../store/publication.js';
import type { ChannelPermission } from './config-replies.js';

/** The posting zone and time of a server, or the defaults outside one. */
export interface ServerSchedule {
  timeZone: string;
  postTime: LocalTime;
  /** Anniversaries and own dates the server turned off (/config event); none outside a server. */
  disabledEvents: readonly string[];
}

/** What the bot can see of a channel, from its cache. */
export interface ChannelView {
  id: string;
  name: string;
  /** Text and announcement channels can hold notices; nothing else can. */
  postable: boolean;
  /** Permissions the bot lacks there, among the ones notices need. */
  missing: ChannelPermission[];
  /** Whether the bot may mention @everyone and any role there. */
  canMentionEveryone: boolean;
}

export interface RoleView {
  id: string;
  name: string;
  isEveryone: boolean;
  mentionable: boolean;
  /** Bot and integration roles, which nobody can be given. */
  managed: boolean;
}

/** Read-only view of servers: the gateway's, completed from Discord's API when the cache lacks something. */
export interface GuildDirectory {
  channel(guildId: string, channelId: string): Promise<ChannelView | null>;
  role(guildId: string, roleId: string): Promise<RoleView | null>;
  /** Whether the bot may create scheduled events in the server (Create or Manage Events); null if unknown. */
  canCreateEvents(guildId: string): Promise<boolean | null>;
}

/** A change to one of a server's own dates: the checked values (see domain/server-date). */
export type DateEdit =
  | {
      kind: 'date-add';
      value: { name: string; date: CalendarDate; sourceUrl: string; text: string; roleId: string | null };
    }
  | {
      kind: 'date-edit';
      id: string;
      /** Only what is given changes; `roleId: null` clears the date's own role. */
      patch: { sourceUrl?: string; text?: string; roleId?: string | null };
    }
  | { kind: 'date-remove'; id: string };

export type DateWriteResult =
  | { ok: true; settings: GuildSettings; date: ServerDate }
  | { ok: false; problem: ServerDateProblem };

/** A change to a server's settings: fields to set, one event turned on or off (atomically), or a date. */
export type SettingsEdit =
  | { kind: 'patch'; patch: GuildSettingsPatch }
  | { kind: 'event'; eventId: string; enabled: boolean }
  | DateEdit;

/** The member who made a change, as Discord named them at the time. */
export interface ConfigActor {
  userId: string;
  userName: string;
}

/** A server's stored settings, kept together with its next posting instant. */
export interface ServerSettingsPort {
  get(guildId: string): Promise<GuildSettings>;
  /** Applies a change and recomputes when the server next posts; an actor's change is audited. */
  write(guildId: string, edit: SettingsEdit, actor?: ConfigActor): Promise<GuildSettings>;
  recentTrouble(guildId: string): Promise<Delivery[]>;
  /** A server's own dates, oldest day first. */
  serverDates(guildId: string): Promise<ServerDate[]>;
  /** Adds, edits or removes one of them, audited; a refusal changes nothing. */
  writeDate(guildId: string, edit: DateEdit, actor: ConfigActor): Promise<DateWriteResult>;
  /** Recent notices whose publishing to following servers is failing or failed. */
  recentPublishing(guildId: string): Promise<Publication[]>;
  /** One page (from 0) of this server's recorded /config changes, newest first, and how many there are. */
  history(guildId: string, page: number, size: number): Promise<{ entries: AuditEntry[]; total: number }>;
}

export type PreviewOutcome =
  | { ok: true; messageId: string }
  | {
      ok: false;
      code: 'missing-access' | 'missing-permissions' | 'unknown-channel' | 'send-failed';
      detail: string;
    };

/** The ports commands use, filled by the composition root. */
export interface AppServices {
  /** The zone and local time a server posts at (defaults for DMs and unconfigured servers). */
  schedule(guildId: string | null): Promise<ServerSchedule>;
  settings: ServerSettingsPort;
  guilds: GuildDirectory;
  /** Posts a labelled preview of an event's notice to the server's channel now. */
  preview(guildId: string, eventId: string): Promise<PreviewOutcome>;
  /** Why Discord last refused to make one of the server's Events tab events (a code), if it did. */
  eventsTabRefusal(guildId: string): Promise<EventsTabRefusal | null>;
}

/** Discord's refusal of an Events tab event: the server is at its 100 events, or the payload was refused. */
export type EventsTabRefusal = 'events-limit' | 'missing-permissions' | 'rejected';

/** A stored refusal code as a {@link EventsTabRefusal}; anything else (none, or unknown) as null. */
export function eventsTabRefusalOf(code: string | null): EventsTabRefusal | null {
  return code === 'events-limit' || code === 'missing-permissions' || code === 'rejected' ? code : null;
}
