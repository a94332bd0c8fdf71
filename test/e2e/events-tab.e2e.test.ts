import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN_ID,
  GUILD_ID,
  type Harness,
  MANAGE_GUILD,
  runConfig,
  startHarness,
  TEXT_CHANNEL,
  testGuild,
  visibleText,
} from './harness.js';

/** What the test server's @everyone has (the old invite link) and the same with Create Events. */
const WITHOUT_EVENTS = (1024n | 2048n | 16384n | 65536n).toString();
const WITH_EVENTS = (BigInt(WITHOUT_EVENTS) | (1n << 44n)).toString();
const CHANNEL = { name: 'channel', type: 7, value: TEXT_CHANNEL };
const on = (value: boolean) => [{ name: 'enabled', type: 5, value }];
const OTHER_GUILD = '1300000000000000001';
const OTHER_CHANNEL = '1300000000000001001';
const SOURCE = 'https://example.org/returned';

/** A second server that lets the bot create events; its roles are only @everyone. */
function otherGuild() {
  const base = testGuild(OTHER_GUILD);
  return {
    ...base,
    channels: [{ id: OTHER_CHANNEL, name: 'general', type: 0 }],
    roles: base.roles.filter((r) => r.id === OTHER_GUILD).map((r) => ({ ...r, permissions: WITH_EVENTS })),
  };
}

type Option = { name: string; type: number; value: string | boolean };

/** `/config [group] <subcommand>` in a server, as its admin. */
async function configIn(
  h: Harness,
  where: { guildId: string; channelId: string },
  subcommand: string,
  options: Option[],
  subcommandGroup?: string,
) {
  const handle = await h.emulator.interact({
    type: 'command',
    name: 'config',
    ...(subcommandGroup ? { subcommandGroup } : {}),
    subcommand,
    options,
    ...where,
    user: { id: ADMIN_ID, locale: 'en-US' },
    memberPermissions: MANAGE_GUILD,
  });
  return handle.final();
}

describe("Discord's Events tab through the real discord.js client and the emulator", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
    expect(h.emulator.violations).toEqual([]);
  });

  const botEvents = () =>
    h.emulator.scheduledEvents(GUILD_ID).filter((e) => e.creator_id === h.emulator.botUserId);
  const creates = () =>
    h.emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/scheduled-events')).length;
  const grantEvents = async () => {
    h.emulator.setRolePermissions(GUILD_ID, GUILD_ID, WITH_EVENTS);
    // The role update reaches the bot's cache through the gateway.
    await h.emulator.waitFor(() =>
      h.bot.client.guilds.cache.get(GUILD_ID)?.members.me?.permissions.has(1n << 44n),
    );
  };

  it('refuses the switch without Create Events and changes nothing', async () => {
    h = await startHarness({ now: '2027-08-15T12:00:00Z' });
    await runConfig(h, 'channel', [CHANNEL]);
    const refused = await runConfig(h, 'events', on(true));
    expect(visibleText(refused)).toContain('Create Events');
    expect(visibleText(refused)).toContain('Nothing was changed');
    expect((await h.bot.settings.get(GUILD_ID)).eventsTab).toBe(false);
    await h.bot.eventsTab.run();
    expect(h.emulator.scheduledEvents()).toEqual([]);
  });

  it('holds the next anniversaries once each, follows the posting time, and removes them when switched off', async () => {
    h = await startHarness({ now: '2027-08-15T12:00:00Z' });
    await grantEvents();
    await runConfig(h, 'channel', [CHANNEL]);
    expect(visibleText(await runConfig(h, 'events', on(true)))).toContain('Events tab');
    await h.bot.eventsTab.run();
    // Fizuli and Jabrayil (23 August) are within 14 days; Gubadli (31 August) is not yet.
    expect(
      botEvents()
        .map((e) => e.name)
        .sort(),
    ).toEqual([
      'Fizuli (Füzuli): the 34th anniversary of its occupation',
      'Jabrayil (Cəbrayıl): the 34th anniversary of its occupation',
    ]);
    for (const e of botEvents()) {
      // 09:00 in Baku (UTC+4) until the end of that local day.
      expect(e.scheduled_start_time).toBe('2027-08-23T05:00:00.000Z');
      expect(e.scheduled_end_time).toBe('2027-08-23T20:00:00.000Z');
      expect(e.entity_type).toBe(3);
      expect(e.privacy_level).toBe(2);
      expect(e.entity_metadata?.location).toBe('#general');
      expect(e.description?.length).toBeLessThanOrEqual(1000);
      expect(e.description).toMatch(/https?:\/\//);
      expect(e.description?.split('\n').at(-1)).toMatch(/^remembrance:\d+:(fizuli|jabrayil):2027$/);
    }
    await h.bot.eventsTab.run();
    expect(creates()).toBe(2);
    const ids = botEvents().map((e) => e.id);

    await runConfig(h, 'time', [{ name: 'at', type: 3, value: '10:30' }]);
    await h.bot.eventsTab.run();
    expect(botEvents().map((e) => e.id)).toEqual(ids);
    expect(botEvents().map((e) => e.scheduled_start_time)).toEqual([
      '2027-08-23T06:30:00.000Z',
      '2027-08-23T06:30:00.000Z',
    ]);
    expect(creates()).toBe(2);

    // Another zone and another language: the same events, moved and reworded.
    await runConfig(h, 'timezone', [{ name: 'zone', type: 3, value: 'Europe/Istanbul' }]);
    await runConfig(h, 'language', [{ name: 'language', type: 3, value: 'az' }]);
    await h.bot.eventsTab.run();
    expect(botEvents().map((e) => e.id)).toEqual(ids);
    expect(botEvents().map((e) => e.scheduled_start_time)).toEqual([
      '2027-08-23T07:30:00.000Z',
      '2027-08-23T07:30:00.000Z',
    ]);
    expect(
      botEvents()
        .map((e) => e.name)
        .sort(),
    ).toEqual([expect.stringContaining('Cəbrayıl'), expect.stringContaining('Füzuli')]);
    expect(creates()).toBe(2);
    await runConfig(h, 'language', [{ name: 'language', type: 3, value: 'en' }]);
    await runConfig(h, 'timezone', [{ name: 'zone', type: 3, value: 'Asia/Baku' }]);

    // Paused: the bot's events leave the tab; resumed: they come back.
    await runConfig(h, 'pause');
    await h.bot.eventsTab.run();
    expect(botEvents()).toEqual([]);
    await runConfig(h, 'resume');
    await h.bot.eventsTab.run();
    expect(botEvents()).toHaveLength(2);

    // The day is over: its events are removed, and the next anniversary (31 August) has come within reach.
    h.clock.set('2027-08-23T21:00:00Z');
    await h.bot.eventsTab.run();
    expect(botEvents().map((e) => e.name)).toEqual([
      'Gubadli (Qubadlı): the 34th anniversary of its occupation',
    ]);

    await runConfig(h, 'events', on(false));
    await h.bot.eventsTab.run();
    expect(botEvents()).toEqual([]);
    const shown = visibleText(await runConfig(h, 'show'));
    expect(shown).toContain('Events tab');
  });

  it('a lost answer to a create and a restart make no second event', async () => {
    h = await startHarness({ now: '2027-08-15T12:00:00Z' });
    await h.bot.stop();
    h.clock.passIdentifyWindow();
    await h.start({ eventRequestTimeoutMs: 1_000 });
    await grantEvents();
    await runConfig(h, 'channel', [CHANNEL]);
    await runConfig(h, 'events', on(true));
    // Discord makes the first event and the answer never arrives.
    h.emulator.fail({ method: 'POST', route: 'POST /guilds/:id/scheduled-events' }, { status: 'swallow' });
    const first = await h.bot.eventsTab.run();
    expect(first).toMatchObject({ created: 1, failed: 1 });
    expect(botEvents()).toHaveLength(2);
    await h.bot.stop();
    h.clock.passIdentifyWindow();
    await h.start();
    expect(h.emulator.identifyRateViolations).toEqual([]);
    // The restarted bot looks before creating and finds the event whose answer was lost.
    expect(await h.bot.eventsTab.run()).toMatchObject({ created: 0, adopted: 1 });
    // Adopted without knowing what it says, it is brought up to date once.
    expect(await h.bot.eventsTab.run()).toMatchObject({ created: 0, adopted: 0, updated: 1 });
    expect(botEvents()).toHaveLength(2);
    expect(creates()).toBe(2);
  });

  it('makes no event past Discord’s 100 per server, and /config show says the tab is full', async () => {
    h = await startHarness({ now: '2027-08-15T12:00:00Z' });
    await grantEvents();
    for (let i = 0; i < 100; i++) {
      h.emulator.addScheduledEventAs('1200000000000003001', GUILD_ID, {
        name: `Meeting ${i}`,
        scheduled_start_time: '2027-09-01T10:00:00.000Z',
        scheduled_end_time: '2027-09-01T11:00:00.000Z',
        entity_metadata: { location: 'Hall' },
      });
    }
    await runConfig(h, 'channel', [CHANNEL]);
    await runConfig(h, 'events', on(true));
    expect(await h.bot.eventsTab.run()).toMatchObject({ created: 0, failed: 2 });
    expect(creates()).toBe(0);
    expect(visibleText(await runConfig(h, 'show'))).toContain('The Events tab is full');
    // Room again: the next run makes them.
    for (const e of h.emulator.scheduledEvents(GUILD_ID).slice(0, 5)) e.status = 3;
    expect(await h.bot.eventsTab.run()).toMatchObject({ created: 2 });
    expect(visibleText(await runConfig(h, 'show'))).not.toContain('The Events tab is full');
  });

  it('/config show says what to grant when the permission is taken away', async () => {
    h = await startHarness({ now: '2027-08-15T12:00:00Z' });
    await grantEvents();
    await runConfig(h, 'channel', [CHANNEL]);
    await runConfig(h, 'events', on(true));
    h.emulator.setRolePermissions(GUILD_ID, GUILD_ID, WITHOUT_EVENTS);
    await h.emulator.waitFor(
      () => h.bot.client.guilds.cache.get(GUILD_ID)?.members.me?.permissions.has(1n << 44n) === false,
    );
    expect(visibleText(await runConfig(h, 'show'))).toContain('grant it Create Events');
    await h.bot.eventsTab.run();
    expect(h.emulator.scheduledEvents()).toEqual([]);
  });

  it('holds a date a server’s admins added in that server’s tab only, labelled with their link; follows an edit and the removal', async () => {
    h = await startHarness({
      now: '2027-08-15T12:00:00Z',
      emulator: { guilds: [testGuild(), otherGuild()] },
    });
    await grantEvents();
    const here = { guildId: GUILD_ID, channelId: TEXT_CHANNEL };
    const there = { guildId: OTHER_GUILD, channelId: OTHER_CHANNEL };
    for (const where of [here, there]) {
      await configIn(h, where, 'channel', [{ name: 'channel', type: 7, value: where.channelId }]);
      await configIn(h, where, 'events', on(true));
    }
    const str = (name: string, value: string) => ({ name, type: 3, value });
    const added = await configIn(
      h,
      here,
      'add',
      [
        str('name', 'Return of **Aghdam**'),
        str('date', '2020-08-20'),
        str('source', SOURCE),
        str('text', 'Remember it @everyone'),
      ],
      'date',
    );
    expect(added.content).toContain('Added');
    const [date] = await h.bot.settings.serverDates(GUILD_ID);
    await h.bot.eventsTab.run();

    const own = () => botEvents().find((e) => e.name.startsWith('Return of'));
    expect(own()?.name).toBe('Return of **Aghdam** — 7th anniversary');
    // 20 August, 09:00 in Baku until the end of that local day.
    expect(own()?.scheduled_start_time).toBe('2027-08-20T05:00:00.000Z');
    expect(own()?.scheduled_end_time).toBe('2027-08-20T20:00:00.000Z');
    const lines = own()?.description?.split('\n') ?? [];
    expect(lines).toEqual([
      'Added by this server’s admins',
      'In the words of this server’s admins:',
      '> Remember it @\u200beveryone',
      'Source given by this server’s admins:',
      SOURCE,
      `remembrance:${GUILD_ID}:${date?.id}:2027`,
    ]);
    expect(botEvents()).toHaveLength(3);
    // The other server's tab holds the dataset's anniversaries only.
    const theirs = h.emulator
      .scheduledEvents(OTHER_GUILD)
      .filter((e) => e.creator_id === h.emulator.botUserId);
    expect(theirs.map((e) => e.name).sort()).toEqual([
      'Fizuli (Füzuli): the 34th anniversary of its occupation',
      'Jabrayil (Cəbrayıl): the 34th anniversary of its occupation',
    ]);
    for (const e of theirs) expect(e.description).not.toContain(SOURCE);

    // The admins change its text: the same event says the new words.
    const id = own()?.id;
    await configIn(h, here, 'edit', [str('entry', date?.id ?? ''), str('text', 'New words')], 'date');
    await h.bot.eventsTab.run();
    expect(own()?.id).toBe(id);
    expect(own()?.description).toContain('> New words');

    // Removed: it leaves the tab; the dataset's stay, and the other server's are untouched.
    const removed = await configIn(h, here, 'remove', [str('entry', date?.id ?? '')], 'date');
    expect(removed.content).toContain('Removed');
    await h.bot.eventsTab.run();
    expect(own()).toBeUndefined();
    expect(botEvents()).toHaveLength(2);
    expect(h.emulator.scheduledEvents(OTHER_GUILD)).toHaveLength(2);
    expect(creates()).toBe(5);
  });
});
