import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_ID,
  eventually,
  GUILD_ID,
  type Harness,
  HIDDEN_ROLE_ID,
  LOCKED_CHANNEL,
  MANAGE_GUILD,
  MEMBER_ID,
  NEWS_CHANNEL,
  ROLE_ID,
  runConfig,
  startHarness,
  TEXT_CHANNEL,
  VOICE_CHANNEL,
  visibleText,
} from './harness.js';

const EPHEMERAL = 1 << 6;
type Opt = { name: string; type: number; value: string | number | boolean };

describe('/config through the real discord.js client and the emulator', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
  });
  afterEach(async () => {
    await h.close();
    expect(h.emulator.violations).toEqual([]);
  });

  const config = async (
    subcommand: string,
    options: Opt[] = [],
    permissions = MANAGE_GUILD,
    userId = ADMIN_ID,
  ) => {
    const reply = await runConfig(h, subcommand, options, { permissions, userId });
    expect((reply.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    return reply;
  };
  const stored = () => h.bot.settings.get(GUILD_ID);

  it('an admin configures everything and /config show reflects it', async () => {
    expect((await config('channel', [{ name: 'channel', type: 7, value: NEWS_CHANNEL }])).content).toContain(
      `<#${NEWS_CHANNEL}>`,
    );
    const zone = await config('timezone', [{ name: 'zone', type: 3, value: 'Europe/Berlin' }]);
    expect(zone.content).toContain('Europe/Berlin');
    const time = await config('time', [{ name: 'at', type: 3, value: '21:30' }]);
    expect(time.content).toContain('21:30');
    // The next post is Khojaly on 26 Feb 2027 at 21:30 Berlin (20:30Z): the day and time as text in Berlin.
    expect(time.content).toContain(
      `26 February 2027, 21:30 Central European Standard Time (<t:${Date.parse('2027-02-26T20:30:00Z') / 1000}:R>)`,
    );
    await config('role', [{ name: 'role', type: 8, value: ROLE_ID }]);
    await config('event', [
      { name: 'event', type: 3, value: 'shusha' },
      { name: 'enabled', type: 5, value: false },
    ]);
    await config('language', [{ name: 'language', type: 3, value: 'ru' }]);
    const show = visibleText(await config('show'));
    expect(show).toContain(`<#${NEWS_CHANNEL}>`);
    expect(show).toContain('Europe/Berlin');
    expect(show).toContain('21:30');
    expect(show).toContain(`<@&${ROLE_ID}>`);
    expect(show).toContain('Русский');
    expect(show).toMatch(/Shusha — off/);
    // The next three posts: Khojaly 26 Feb, then (Shusha off) Lachin 18 May, Kalbajar 2 Apr → Kalbajar first.
    const khojaly = Date.parse('2027-02-26T20:30:00Z') / 1000;
    const kalbajar = Date.parse('2027-04-02T19:30:00Z') / 1000;
    const lachin = Date.parse('2027-05-18T19:30:00Z') / 1000;
    expect(show.indexOf(`<t:${khojaly}:R>`)).toBeGreaterThan(-1);
    expect(show.indexOf(`<t:${kalbajar}:R>`)).toBeGreaterThan(show.indexOf(`<t:${khojaly}:R>`));
    expect(show.indexOf(`<t:${lachin}:R>`)).toBeGreaterThan(show.indexOf(`<t:${kalbajar}:R>`));
    expect(show).toContain('2 April 2027, 21:30 Central European Summer Time');
    expect(show).not.toMatch(/<t:\d+:F>/);
    const s = await stored();
    expect(s).toMatchObject({
      channelId: NEWS_CHANNEL,
      timeZone: 'Europe/Berlin',
      postTime: '21:30',
      roleId: ROLE_ID,
      language: 'ru',
      disabledEvents: ['shusha'],
      nextDueAt: Date.parse('2027-02-26T20:30:00Z'),
    });
  });

  it('finds a time zone by city name in autocomplete and accepts it', async () => {
    const handle = await h.emulator.interact({
      type: 'autocomplete',
      name: 'config',
      subcommand: 'timezone',
      options: [{ name: 'zone', type: 3, value: 'Baku', focused: true }],
      guildId: GUILD_ID,
      channelId: TEXT_CHANNEL,
      user: { id: ADMIN_ID },
      memberPermissions: MANAGE_GUILD,
    });
    const { data } = await handle.response();
    expect(data.choices[0]).toEqual({ name: 'Asia/Baku', value: 'Asia/Baku' });
    const reply = await config('timezone', [{ name: 'zone', type: 3, value: 'new york' }]);
    expect(reply.content).toContain('America/New_York');
  });

  it('refuses a member without Manage Server and stores nothing', async () => {
    const reply = await config(
      'channel',
      [{ name: 'channel', type: 7, value: TEXT_CHANNEL }],
      '0',
      MEMBER_ID,
    );
    expect(reply.content).toMatch(/Manage Server/);
    expect(await h.bot.settings.get(GUILD_ID)).toMatchObject({ channelId: null });
    const show = await config('show', [], '0', MEMBER_ID);
    expect(show.content).toMatch(/Manage Server/);
  });

  it.each([
    ['timezone', [{ name: 'zone', type: 3, value: 'Mars/Olympus' }], /not a time zone.*Asia\/Baku/],
    ['time', [{ name: 'at', type: 3, value: '25:61' }], /not a time.*21:30/],
    ['time', [{ name: 'at', type: 3, value: 'noon' }], /not a time/],
    ['channel', [{ name: 'channel', type: 7, value: VOICE_CHANNEL }], /text or announcement channel/],
    ['role', [{ name: 'role', type: 8, value: HIDDEN_ROLE_ID }], /cannot mention that role/],
    ['role', [{ name: 'role', type: 8, value: GUILD_ID }], /@everyone/],
    [
      'event',
      [
        { name: 'event', type: 3, value: 'nagorno-karabakh' },
        { name: 'enabled', type: 5, value: true },
      ],
      /not an anniversary/,
    ],
  ] as Array<[string, Opt[], RegExp]>)(
    'refuses /config %s %j and changes nothing',
    async (sub, options, message) => {
      await config('channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
      const before = await stored();
      const reply = await config(sub, options);
      expect(reply.content).toMatch(message);
      expect(reply.content).toMatch(/Nothing was changed/);
      expect(reply.content.split('\n')).toHaveLength(1);
      expect(await stored()).toEqual(before);
    },
  );

  it('names the missing channel permissions and changes nothing', async () => {
    const reply = await config('channel', [{ name: 'channel', type: 7, value: LOCKED_CHANNEL }]);
    expect(reply.content).toContain('Send Messages');
    expect(reply.content).toContain('Embed Links');
    expect(reply.content).not.toContain('View Channel');
    expect((await stored()).channelId).toBeNull();
  });

  it('accepts 9, 9:00 and 09:00 as the same time', async () => {
    for (const value of ['9', '9:00', '09:00']) {
      const reply = await config('time', [{ name: 'at', type: 3, value }]);
      expect(reply.content).toContain('09:00');
    }
  });

  it('clears the role when none is given', async () => {
    await config('role', [{ name: 'role', type: 8, value: ROLE_ID }]);
    expect((await config('role')).content).toMatch(/mention nobody/);
    expect((await stored()).roleId).toBeNull();
  });

  it('pause and resume; show says why and what to do', async () => {
    await config('channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    await config('pause');
    expect((await stored()).nextDueAt).toBeNull();
    expect(visibleText(await config('show'))).toMatch(/paused.*\/config resume/);
    await config('resume');
    expect((await stored()).nextDueAt).toBe(Date.parse('2027-02-26T05:00:00Z'));
  });

  it('test posts a labelled preview now that does not count as the anniversary post', async () => {
    await config('channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    const reply = await config('test', [{ name: 'event', type: 3, value: 'khojaly' }]);
    expect(reply.content).toMatch(/preview/i);
    const [message] = h.emulator.messages(TEXT_CHANNEL);
    expect(message?.content).toMatch(/Preview/);
    expect(message?.allowed_mentions).toEqual({ parse: [] });
    const ledger = await h.bot.settings.recentTrouble(GUILD_ID);
    expect(ledger).toEqual([]);
  });

  it('a deleted notice channel pauses the schedule with the reason; show tells the admin', async () => {
    await config('channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    h.emulator.deleteChannel(GUILD_ID, TEXT_CHANNEL);
    await eventually(async () => (await stored()).paused);
    const s = await stored();
    expect(s.pauseReason).toBe('channel-deleted');
    expect(visibleText(await config('show'))).toMatch(/channel was deleted.*\/config channel/);
    // Choosing a channel the bot can post in again lifts a pause Discord caused.
    await config('channel', [{ name: 'channel', type: 7, value: NEWS_CHANNEL }]);
    expect((await stored()).paused).toBe(false);
  });

  it('keeps the settings when the bot is removed from the server, for a re-invite', async () => {
    await config('channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    h.emulator.removeGuild(GUILD_ID);
    await h.emulator.waitFor(() => !h.bot.client.guilds.cache.has(GUILD_ID) || undefined);
    expect((await stored()).channelId).toBe(TEXT_CHANNEL);
  });
});
