import { Errors } from './errors.js';
import type { AnyJson } from './types.js';

/** Registered application commands: bulk overwrite keeps ids (and versions, when unchanged) by type and name. */

type Json = Record<string, AnyJson>;

const DAY_MS = 86_400_000;
const DAILY_CREATES = 200;

function definition(c: Json): string {
  const { id: _id, version: _v, application_id: _a, guild_id: _g, ...rest } = c;
  return JSON.stringify(rest, Object.keys(rest).sort());
}

export class CommandStore {
  private readonly scopes = new Map<string, Json[]>();
  private readonly creates = new Map<string, number[]>();

  constructor(
    private readonly applicationId: string,
    private readonly ids: () => string,
    private readonly now: () => number,
  ) {}

  list(guildId?: string): Json[] {
    return (this.scopes.get(guildId ?? 'global') ?? []).map((c) => structuredClone(c));
  }

  overwrite(guildId: string | undefined, incoming: Json[]): Json[] {
    const scope = guildId ?? 'global';
    const existing = this.scopes.get(scope) ?? [];
    const now = this.now();
    const recent = (this.creates.get(scope) ?? []).filter((t) => t > now - DAY_MS);
    const next = incoming.map((c) => {
      const type = c.type ?? 1;
      const old = existing.find((e) => e.type === type && e.name === c.name);
      if (!old) {
        if (recent.length >= DAILY_CREATES) {
          throw Errors.dailyCommandCreates(((recent[0] as number) + DAY_MS - now) / 1000);
        }
        recent.push(now);
      }
      const stored: Json = {
        ...c,
        id: old?.id ?? this.ids(),
        application_id: this.applicationId,
        version: '',
        type,
        description: c.description ?? '',
        default_member_permissions: c.default_member_permissions ?? null,
        nsfw: c.nsfw ?? false,
        contexts: c.contexts ?? (guildId ? null : [0, 1, 2]),
        integration_types: c.integration_types ?? [0],
        ...(guildId ? { guild_id: guildId } : { dm_permission: c.dm_permission ?? true }),
      };
      stored.version = old && definition(old) === definition(stored) ? old.version : this.ids();
      return stored;
    });
    this.creates.set(scope, recent);
    this.scopes.set(scope, next);
    return this.list(guildId);
  }

  find(name: string, guildId?: string): Json | undefined {
    const inGuild = guildId
      ? this.scopes.get(guildId)?.find((c) => c.name === name && c.type === 1)
      : undefined;
    return inGuild ?? this.scopes.get('global')?.find((c) => c.name === name && c.type === 1);
  }
}
