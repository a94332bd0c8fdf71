import {
  ExternalScheduledEventCreateRequestSchema,
  ExternalScheduledEventPatchRequestPartialSchema,
} from 'discord-api-spec/zod';
import type { Core } from './core.js';
// Gateway GUILD_SCHEDULED_EVENT_* dispatches need the GuildScheduledEvents intent, which the bot does not ask for.
import { ApiError, Errors } from './errors.js';
import { apiUser } from './fixtures.js';
import { Permission } from './permissions.js';
import type { Router } from './router.js';
import type { AnyJson } from './types.js';
import { type Issue, schemaIssues, throwIfIssues } from './validation.js';

/**
 * Guild scheduled events (resources/guild-scheduled-event) as the bot uses them: external events only,
 * checked against the published schemas and the documented rules the schemas leave out (an external event
 * needs a location and an end after its start; a new event starts in the future), at most 100 SCHEDULED
 * or ACTIVE per server (400 / 30038), Create Events for the bot's own events and Manage Events for anyone's
 * (403 / 50013 otherwise), 10070 for an unknown event.
 */

type Json = Record<string, AnyJson>;

export interface StoredScheduledEvent {
  id: string;
  guild_id: string;
  creator_id: string;
  name: string;
  description: string | null;
  scheduled_start_time: string;
  scheduled_end_time: string | null;
  privacy_level: number;
  /** 1 scheduled, 2 active, 3 completed, 4 canceled. */
  status: number;
  entity_type: number;
  entity_metadata: { location: string } | null;
}

export const MAX_ACTIVE_SCHEDULED_EVENTS = 100;

const tooManyEvents = () =>
  new ApiError(400, 30038, 'Maximum number of uncompleted guild scheduled events reached (100)');
const unknownEvent = () => new ApiError(404, 10070, 'Unknown Guild Scheduled Event');

export class ScheduledEventStore {
  private readonly all: StoredScheduledEvent[] = [];

  list(guildId?: string): StoredScheduledEvent[] {
    return this.all.filter((e) => guildId === undefined || e.guild_id === guildId);
  }

  add(event: StoredScheduledEvent): void {
    this.all.push(event);
  }

  delete(id: string): boolean {
    const at = this.all.findIndex((e) => e.id === id);
    if (at < 0) return false;
    this.all.splice(at, 1);
    return true;
  }
}

function ruleIssues(body: Json, now: number, creating: boolean): Issue[] {
  const issues: Issue[] = [];
  const start = typeof body.scheduled_start_time === 'string' ? Date.parse(body.scheduled_start_time) : null;
  const end = typeof body.scheduled_end_time === 'string' ? Date.parse(body.scheduled_end_time) : null;
  if (creating && (body.scheduled_end_time === undefined || body.scheduled_end_time === null)) {
    issues.push({
      path: ['scheduled_end_time'],
      code: 'BASE_TYPE_REQUIRED',
      message: 'This field is required',
    });
  }
  const location = (body.entity_metadata as Json | undefined)?.location;
  if (creating && (typeof location !== 'string' || location.length === 0)) {
    issues.push({
      path: ['entity_metadata', 'location'],
      code: 'BASE_TYPE_REQUIRED',
      message: 'This field is required',
    });
  }
  if (start !== null && creating && start <= now) {
    issues.push({
      path: ['scheduled_start_time'],
      code: 'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST',
      message: 'Cannot schedule event in the past.',
    });
  }
  if (start !== null && end !== null && end <= start) {
    issues.push({
      path: ['scheduled_end_time'],
      code: 'GUILD_SCHEDULED_EVENT_END_BEFORE_START',
      message: 'Cannot schedule event to end before starting.',
    });
  }
  if (typeof body.name === 'string' && body.name.length === 0) {
    issues.push({ path: ['name'], code: 'BASE_TYPE_MIN_LENGTH', message: 'Must be 1 or more in length.' });
  }
  return issues;
}

export function scheduledEventRoutes(router: Router, core: () => Core, store: ScheduledEventStore): void {
  const guildOf = (guildId: string) => {
    const g = core().world.guilds.get(guildId);
    if (!g) throw Errors.unknownGuild();
    if (!g.botIsMember) throw Errors.missingAccess();
    return g;
  };
  const perms = (guildId: string) => core().world.guildPermissions(guildId);
  const mayCreate = (guildId: string) =>
    (perms(guildId) & (Permission.CreateEvents | Permission.ManageEvents)) !== 0n;
  /** The bot's own events need Create Events (or Manage Events); anyone else's need Manage Events. */
  const mayChange = (guildId: string, e: StoredScheduledEvent) =>
    e.creator_id === core().opts.botUserId
      ? mayCreate(guildId)
      : (perms(guildId) & Permission.ManageEvents) !== 0n;
  const eventOf = (guildId: string, id: string) => {
    const e = store.list(guildId).find((x) => x.id === id);
    if (!e) throw unknownEvent();
    return e;
  };
  const api = (e: StoredScheduledEvent) => ({
    ...e,
    channel_id: null,
    entity_id: null,
    creator: apiUser(
      e.creator_id,
      e.creator_id === core().opts.botUserId ? core().opts.botUsername : 'member',
      false,
    ),
    image: null,
    recurrence_rule: null,
  });

  router
    .add('GET /guilds/:id/scheduled-events', ({ params }) => {
      const guildId = params[0] as string;
      guildOf(guildId);
      return { status: 200, body: store.list(guildId).map(api) };
    })
    .add('POST /guilds/:id/scheduled-events', ({ params, body }) => {
      const guildId = params[0] as string;
      guildOf(guildId);
      if (!mayCreate(guildId)) throw Errors.missingPermissions();
      const b = body as Json;
      throwIfIssues([
        ...schemaIssues(ExternalScheduledEventCreateRequestSchema, body),
        ...ruleIssues(b, core().opts.now(), true),
      ]);
      const active = store.list(guildId).filter((e) => e.status === 1 || e.status === 2).length;
      if (active >= MAX_ACTIVE_SCHEDULED_EVENTS) throw tooManyEvents();
      const event = createdEvent(core, guildId, core().opts.botUserId, b);
      store.add(event);
      return { status: 200, body: api(event) };
    })
    .add('GET /guilds/:id/scheduled-events/:id', ({ params }) => {
      guildOf(params[0] as string);
      return { status: 200, body: api(eventOf(params[0] as string, params[1] as string)) };
    })
    .add('PATCH /guilds/:id/scheduled-events/:id', ({ params, body }) => {
      const guildId = params[0] as string;
      guildOf(guildId);
      const event = eventOf(guildId, params[1] as string);
      if (!mayChange(guildId, event)) throw Errors.missingPermissions();
      const b = body as Json;
      throwIfIssues([
        ...schemaIssues(ExternalScheduledEventPatchRequestPartialSchema, body),
        ...ruleIssues(
          {
            scheduled_start_time: b.scheduled_start_time ?? event.scheduled_start_time,
            scheduled_end_time: b.scheduled_end_time ?? event.scheduled_end_time,
            ...(b.name !== undefined ? { name: b.name } : {}),
          },
          core().opts.now(),
          false,
        ),
      ]);
      for (const key of [
        'name',
        'description',
        'scheduled_start_time',
        'scheduled_end_time',
        'privacy_level',
        'entity_metadata',
        'status',
      ] as const) {
        if (b[key] !== undefined) Object.assign(event, { [key]: b[key] });
      }
      return { status: 200, body: api(event) };
    })
    .add('DELETE /guilds/:id/scheduled-events/:id', ({ params }) => {
      const guildId = params[0] as string;
      guildOf(guildId);
      const event = eventOf(guildId, params[1] as string);
      if (!mayChange(guildId, event)) throw Errors.missingPermissions();
      store.delete(event.id);
      return { status: 204, body: undefined };
    });
}

/** A stored event from a create body (the route validated it; members' events come from tests). */
export function createdEvent(
  core: () => Core,
  guildId: string,
  creatorId: string,
  b: Json,
): StoredScheduledEvent {
  return {
    id: core().ids(),
    guild_id: guildId,
    creator_id: creatorId,
    name: String(b.name),
    description: typeof b.description === 'string' ? b.description : null,
    scheduled_start_time: String(b.scheduled_start_time),
    scheduled_end_time: typeof b.scheduled_end_time === 'string' ? b.scheduled_end_time : null,
    privacy_level: Number(b.privacy_level ?? 2),
    status: 1,
    entity_type: Number(b.entity_type ?? 3),
    entity_metadata: (b.entity_metadata as { location: string } | undefined) ?? null,
  };
}
