import { afterEach, describe, expect, it } from 'vitest';
import {
  type ConfigOption,
  eventually,
  GUILD_ID,
  type Harness,
  NEWS_CHANNEL,
  ROLE_ID,
  runConfig,
  startHarness,
  TEXT_CHANNEL,
  testGuild,
} from './harness.js';

const BOT_ROLE = '1200000000000002009';
const VIEW = (1n << 10n).toString();
const SEND_EMBED_HISTORY = ((1n << 11n) | (1n << 14n) | (1n << 16n)).toString();

describe('the lean Discord cache', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
    expect(h.emulator.violations).toEqual([]);
  });

  const config = (subcommand: string, options: ConfigOption[]) => runConfig(h, subcommand, options);

  it('keeps only @everyone and configured channels and roles; fetches the rest when an admin picks them', async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    const guild = h.bot.client.guilds.cache.get(GUILD_ID);
    expect(guild?.channels.cache.size).toBe(0);
    expect([...(guild?.roles.cache.keys() ?? [])]).toEqual([GUILD_ID]);
    await config('channel', [{ name: 'channel', type: 7, value: NEWS_CHANNEL }]);
    await config('role', [{ name: 'role', type: 8, value: ROLE_ID }]);
    expect(guild?.channels.cache.has(NEWS_CHANNEL)).toBe(true);
    expect(guild?.roles.cache.has(ROLE_ID)).toBe(true);
    // After a restart the configured channel and role are kept from the start.
    await h.bot.stop();
    h.clock.passIdentifyWindow();
    await h.start();
    const again = h.bot.client.guilds.cache.get(GUILD_ID);
    expect([...(again?.channels.cache.keys() ?? [])]).toEqual([NEWS_CHANNEL]);
    expect(again?.roles.cache.has(ROLE_ID)).toBe(true);
    // So a CHANNEL_DELETE of it still reaches the bot and pauses the schedule.
    h.emulator.deleteChannel(GUILD_ID, NEWS_CHANNEL);
    const paused = await eventually(async () => {
      const s = await h.bot.settings.get(GUILD_ID);
      return s.paused ? s : null;
    });
    expect(paused.pauseReason).toBe('channel-deleted');
  });

  it('counts a role given to the bot after it started when checking channel permissions', async () => {
    const base = testGuild();
    h = await startHarness({
      now: '2027-02-20T12:00:00Z',
      emulator: {
        guilds: [
          {
            ...base,
            roles: [
              { id: GUILD_ID, name: '@everyone', permissions: VIEW },
              ...base.roles.filter((r) => r.id !== GUILD_ID),
              { id: BOT_ROLE, name: 'Bots', permissions: SEND_EMBED_HISTORY },
            ],
          },
        ],
      },
    });
    const refused = await config('channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    expect(refused.content).toMatch(/Send Messages, Embed Links, Read Message History/);
    h.emulator.setBotRoles(GUILD_ID, [BOT_ROLE]);
    // The bot learns of its new role from the gateway; the role itself was dropped from the cache on arrival.
    const accepted = await eventually(async () => {
      const reply = await config('channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
      return String(reply.content).startsWith('✅') ? reply : null;
    });
    expect(accepted.content).toContain(`<#${TEXT_CHANNEL}>`);
    expect((await h.bot.settings.get(GUILD_ID)).channelId).toBe(TEXT_CHANNEL);
  });
});
