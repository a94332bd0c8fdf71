import type { Generated } from 'kysely';
import type { DeliveryReason, DeliveryStatus } from './delivery.js';
import type { Language, PauseReason } from './guild-settings.js';
import type { PublicationReason, PublicationStatus } from './publication.js';

/** Row types as SQLite stores them (0/1 for booleans, JSON text for lists, epoch ms for instants). */
export interface GuildSettingsTable {
  guild_id: string;
  /** `guildId >> 22`, for filtering by shard in SQL. */
  shard_key: number;
  channel_id: string | null;
  time_zone: string;
  post_time: string;
  role_id: string | null;
  language: Language;
  paused: 0 | 1;
  pause_reason: PauseReason | null;
  pause_detail: string | null;
  /** JSON array of event ids. */
  disabled_events: string;
  next_due_at: number | null;
  updated_at: number;
  /** When the bot was removed from the server (not an outage); null while it is a member. */
  left_at: number | null;
  /** Days before each anniversary a reminder is posted; 0 = none. */
  reminder_days: number;
  /** 1 when the server shows its anniversaries in Discord's Events tab. */
  events_tab: 0 | 1;
}

/** One anniversary the bot shows (or is making) in a server's Events tab. */
export interface ScheduledEventsTable {
  guild_id: string;
  event_id: string;
  year: number;
  status: 'creating' | 'created' | 'failed' | 'uncertain' | 'dismissed';
  discord_id: string | null;
  digest: string | null;
  starts_at: number;
  ends_at: number;
  reason: string | null;
  claimed_by: string | null;
  claimed_at: number | null;
  updated_at: number;
}

export interface DeliveriesTable {
  guild_id: string;
  event_id: string;
  year: number;
  status: DeliveryStatus;
  nonce: string;
  message_id: string | null;
  reason: DeliveryReason | null;
  detail: string | null;
  retryable: 0 | 1;
  attempts: number;
  claimed_by: string | null;
  claimed_at: number | null;
  first_attempt_at: number | null;
  due_at: number;
  updated_at: number;
}

/** The publishing (crossposting) of one notice posted in an announcement channel; apart from its delivery. */
export interface PublicationsTable {
  guild_id: string;
  event_id: string;
  year: number;
  channel_id: string;
  message_id: string;
  status: PublicationStatus;
  attempts: number;
  /** When a pending publish is next tried. */
  next_at: number | null;
  /** The end of the notice's local day: no publish is tried after it. */
  until_at: number;
  reason: PublicationReason | null;
  detail: string | null;
  updated_at: number;
}

/** One changed setting of one /config change. */
export interface ConfigAuditTable {
  id: Generated<number>;
  guild_id: string;
  at: number;
  user_id: string;
  /** The user's name when they made the change. */
  user_name: string;
  setting: string;
  subject: string | null;
  old_value: string | null;
  new_value: string | null;
}

/** A remembrance date a server's admins added; `date` is YYYY-MM-DD. */
export interface ServerDatesTable {
  guild_id: string;
  id: string;
  name: string;
  date: string;
  source_url: string;
  text: string;
  role_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface SchemaMigrationsTable {
  id: string;
  applied_at: number;
}

/** One row (id 1): the shard count every host of this bot must use. */
export interface ShardLayoutTable {
  id: number;
  shard_count: number;
  recorded_at: number;
}

/** One row per running process and shard it holds, refreshed while it runs. */
export interface HostHeartbeatsTable {
  host_id: string;
  shard_id: number;
  shard_count: number;
  host_name: string;
  pid: number;
  started_at: number;
  seen_at: number;
}

/** Who may IDENTIFY in a max_concurrency bucket until when. */
export interface IdentifyLeasesTable {
  bucket: number;
  holder: string;
  expires_at: number;
}

/** The database as Kysely sees it. */
export interface Schema {
  guild_settings: GuildSettingsTable;
  deliveries: DeliveriesTable;
  publications: PublicationsTable;
  config_audit: ConfigAuditTable;
  server_dates: ServerDatesTable;
  schema_migrations: SchemaMigrationsTable;
  shard_layout: ShardLayoutTable;
  host_heartbeats: HostHeartbeatsTable;
  identify_leases: IdentifyLeasesTable;
  scheduled_events: ScheduledEventsTable;
}
