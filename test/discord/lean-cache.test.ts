import type { Client, Guild } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheNeeds } from '../../src/discord/cache-needs.js';
import { createDiscordClient } from '../../src/discord/client.js';
import {
  KeepingCollection,
  LEAN_CACHE_WARNING,
  suppressedDiscordWarnings,
} from '../../src/discord/lean-cache.js';

/**
 * Guards the bot's reliance on discord.js beyond its supported options (src/discord/lean-cache.ts): if an
 * upgrade stops calling makeCache for these managers, inserts through another path than `set`, or renames
 * the warning, this fails instead of the bot silently caching 500,000 objects or printing a warning.
 */

const GUILD = '1300000000000000001';
const KEPT_CHANNEL = '1300000000000000101';
const OTHER_CHANNEL = '1300000000000000102';
const KEPT_ROLE = '1300000000000000201';
const OTHER_ROLE = '1300000000000000202';

function rawGuild() {
  const role = (id: string, name: string) => ({
    id,
    name,
    permissions: '0',
    position: 0,
    color: 0,
    hoist: false,
    managed: false,
    mentionable: false,
    flags: 0,
  });
  const channel = (id: string, name: string) => ({ id, name, type: 0, position: 0, guild_id: GUILD });
  return {
    id: GUILD,
    name: 'Lean',
    owner_id: '1300000000000000999',
    features: [],
    channels: [channel(KEPT_CHANNEL, 'kept'), channel(OTHER_CHANNEL, 'other')],
    roles: [role(GUILD, '@everyone'), role(KEPT_ROLE, 'kept'), role(OTHER_ROLE, 'other')],
    members: [],
    emojis: [{ id: '1300000000000000301', name: 'wave', animated: false, available: true, roles: [] }],
    stickers: [],
  };
}

describe('the lean cache adapter', () => {
  let client: Client | undefined;
  afterEach(async () => {
    await client?.destroy();
  });

  it('keeps only the channels and roles CacheNeeds names, and drops discord.js’s warning about it', async () => {
    const seen: string[] = [];
    const listen = (w: Error) => seen.push(w.name);
    process.on('warning', listen);
    try {
      const needs = new CacheNeeds();
      needs.keepChannel(KEPT_CHANNEL);
      needs.keepRole(KEPT_ROLE);
      client = createDiscordClient({ apiUrl: 'http://127.0.0.1:9/api' }, needs);
      // What discord.js does with a GUILD_CREATE (GuildManager._add is how its gateway handler adds one).
      const guild = (client.guilds as unknown as { _add(d: unknown): Guild })._add(rawGuild());
      expect(guild.channels.cache).toBeInstanceOf(KeepingCollection);
      expect(guild.roles.cache).toBeInstanceOf(KeepingCollection);
      expect([...guild.channels.cache.keys()]).toEqual([KEPT_CHANNEL]);
      expect([...client.channels.cache.keys()]).toEqual([KEPT_CHANNEL]);
      expect([...guild.roles.cache.keys()].sort()).toEqual([GUILD, KEPT_ROLE].sort());
      // Managers that keep nothing share one empty collection, and it stays empty.
      expect(guild.emojis.cache.size).toBe(0);
      expect(guild.bans.cache).toBe(guild.invites.cache);
      expect(guild.voiceStates.cache).toBe(guild.stickers.cache);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(seen).not.toContain(LEAN_CACHE_WARNING);
      // discord.js still warns under this name (so the filter matches something real).
      expect(suppressedDiscordWarnings()).toBeGreaterThan(0);
    } finally {
      process.off('warning', listen);
    }
  });

  it('lets every other warning through', async () => {
    const needs = new CacheNeeds();
    client = createDiscordClient({ apiUrl: 'http://127.0.0.1:9/api' }, needs);
    // Node's own listener would print the test warning; keep it off for this check.
    const others = process.listeners('warning');
    process.removeAllListeners('warning');
    const seen: string[] = [];
    process.on('warning', (w) => seen.push(`${w.name}: ${w.message}`));
    try {
      process.emitWarning('something else', 'OtherWarning');
      process.emitWarning(
        'Overriding the cache handling for GuildManager is unsupported',
        LEAN_CACHE_WARNING,
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(seen).toEqual([
        'OtherWarning: something else',
        `${LEAN_CACHE_WARNING}: Overriding the cache handling for GuildManager is unsupported`,
      ]);
    } finally {
      process.removeAllListeners('warning');
      for (const l of others) process.on('warning', l);
    }
  });

  it('learns from the gateway, not from a private field, that the bot was given roles after arrival', () => {
    const needs = new CacheNeeds();
    const bot = '1300000000000000777';
    needs.observe(
      { t: 'GUILD_MEMBER_UPDATE', d: { guild_id: GUILD, user: { id: bot }, roles: [OTHER_ROLE] } },
      bot,
    );
    expect(needs.keepsRole(OTHER_ROLE, GUILD)).toBe(true);
    expect(needs.takeBotRolesChanged(GUILD)).toBe(true);
    expect(needs.takeBotRolesChanged(GUILD)).toBe(false);
  });
});
