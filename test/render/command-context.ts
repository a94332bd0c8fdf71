import type { CommandContext, Invocation, OptionValue } from '../../src/app/command.js';
import { recomputeNextDue } from '../../src/app/server-settings.js';
import type {
  AppServices,
  ChannelView,
  DateWriteResult,
  EventsTabRefusal,
  GuildDirectory,
  PreviewOutcome,
  RoleView,
  ServerSettingsPort,
  SettingsEdit,
} from '../../src/app/services.js';
import { parseLocalTime } from '../../src/domain/anniversary.js';
import type { Dataset, Language } from '../../src/domain/dataset.js';
import { buildNameIndex } from '../../src/domain/name-lookup.js';
import type { ServerDate } from '../../src/domain/server-date.js';
import type { AuditEntry } from '../../src/store/config-audit.js';
import type { Delivery } from '../../src/store/delivery.js';
import {
  applySettingsPatch,
  defaultSettings,
  type GuildSettings,
  type GuildSettingsPatch,
} from '../../src/store/guild-settings.js';

export const GUILD = '1100000000000000001';
export const USER = '1100000000000000002';
export const CHANNEL = '1100000000000000003';
export const ROLE = '1100000000000000004';
/** Manage Server (1 << 5). */
export const MANAGE_GUILD = 1n << 5n;

/** Settings kept in a map, with the next due instant recomputed as the real ServerSettings does. */
export class MemorySettings implements ServerSettingsPort {
  readonly rows = new Map<string, GuildSettings>();
  trouble: Delivery[] = [];

  constructor(
    private readonly dataset: Dataset,
    private readonly now: () => number,
  ) {}

  async get(guildId: string): Promise<GuildSettings> {
    return this.rows.get(guildId) ?? defaultSettings(guildId, this.now());
  }

  async update(guildId: string, patch: GuildSettingsPatch): Promise<GuildSettings> {
    const changed = applySettingsPatch(await this.get(guildId), patch, this.now());
    const base = changed.paused ? { ...changed, nextDueAt: null } : changed;
    const saved = { ...changed, nextDueAt: recomputeNextDue(base, this.dataset, this.now()) };
    this.rows.set(guildId, saved);
    return saved;
  }

  async write(guildId: string, edit: SettingsEdit): Promise<GuildSettings> {
    if (edit.kind === 'patch') return this.update(guildId, edit.patch);
    if (edit.kind !== 'event') throw new Error('MemorySettings keeps no server dates (the store tests do)');
    const current = await this.get(guildId);
    const others = current.disabledEvents.filter((id) => id !== edit.eventId);
    return this.update(guildId, { disabledEvents: edit.enabled ? others : [...others, edit.eventId] });
  }

  async history(): Promise<{ entries: AuditEntry[]; total: number }> {
    return { entries: [], total: 0 };
  }

  async recentPublishing(): Promise<never[]> {
    return [];
  }

  async recentTrouble(): Promise<Delivery[]> {
    return this.trouble;
  }

  async serverDates(): Promise<ServerDate[]> {
    return [];
  }

  async writeDate(): Promise<DateWriteResult> {
    throw new Error('MemorySettings keeps no server dates (the store tests do)');
  }
}

/** Channels and roles a test says the server has. */
export class MemoryDirectory implements GuildDirectory {
  readonly channels = new Map<string, ChannelView>();
  readonly roles = new Map<string, RoleView>();
  /** Whether the bot may create scheduled events (Create or Manage Events). */
  eventsAllowed = true;

  async channel(_guildId: string, channelId: string): Promise<ChannelView | null> {
    return this.channels.get(channelId) ?? null;
  }

  async role(_guildId: string, roleId: string): Promise<RoleView | null> {
    return this.roles.get(roleId) ?? null;
  }

  async canCreateEvents(): Promise<boolean | null> {
    return this.eventsAllowed;
  }
}

export interface FakeServices extends AppServices {
  settings: MemorySettings;
  guilds: MemoryDirectory;
  previewOutcome: PreviewOutcome;
  previews: Array<{ guildId: string; eventId: string }>;
  eventsRefusal: EventsTabRefusal | null;
}

/** In-memory fakes of every port /config and /upcoming use. */
export function fakeServices(dataset: Dataset, now: () => number): FakeServices {
  const settings = new MemorySettings(dataset, now);
  const services: FakeServices = {
    settings,
    guilds: new MemoryDirectory(),
    previewOutcome: { ok: true, messageId: '1100000000000000099' },
    previews: [],
    eventsRefusal: null,
    async eventsTabRefusal() {
      return services.eventsRefusal;
    },
    async schedule(guildId) {
      const s = guildId ? await settings.get(guildId) : defaultSettings('0', now());
      const postTime = parseLocalTime(s.postTime);
      if (!postTime) throw new Error(`bad stored time ${s.postTime}`);
      return { timeZone: s.timeZone, postTime, disabledEvents: s.disabledEvents };
    },
    async preview(guildId, eventId) {
      services.previews.push({ guildId, eventId });
      return services.previewOutcome;
    },
  };
  return services;
}

/** The context every command receives, built from the real dataset and a fixed clock. */
export function commandContext(
  dataset: Dataset,
  fixedNow: number,
): CommandContext<FakeServices> & { services: FakeServices } {
  const now = () => fixedNow;
  return { dataset, names: buildNameIndex(dataset.events), now, services: fakeServices(dataset, now) };
}

/** An invocation in the test server by a member with Manage Server, unless told otherwise. */
export function invocation(
  options: Record<string, OptionValue> = {},
  extra: Partial<Invocation> = {},
): Invocation {
  return {
    interactionId: '1100000000000000010',
    guildId: GUILD,
    channelId: CHANNEL,
    userId: USER,
    userName: 'admin',
    memberPermissions: MANAGE_GUILD,
    subcommand: null,
    options,
    language: 'en' as Language,
    ...extra,
  };
}

/** A channel the bot can post in. */
export function postableChannel(id = CHANNEL, overrides: Partial<ChannelView> = {}): ChannelView {
  return { id, name: 'remembrance', postable: true, missing: [], canMentionEveryone: false, ...overrides };
}
