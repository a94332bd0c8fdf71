import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverDateId } from '../../src/domain/server-date.js';
import type { DeliveryLedger } from '../../src/store/delivery-ledger.js';
import {
  ADMIN_ID,
  GUILD_ID,
  type Harness,
  MANAGE_GUILD,
  MEMBER_ID,
  ROLE_ID,
  runConfig,
  startHarness,
  TEXT_CHANNEL,
  testGuild,
  visibleText,
} from './harness.js';

const OTHER_GUILD = '1300000000000000001';
const OTHER_CHANNEL = '1300000000000001001';

/** A second server with its own channel; its roles are only @everyone. */
function otherGuild() {
  const base = testGuild(OTHER_GUILD);
  return {
    ...base,
    channels: [{ id: OTHER_CHANNEL, name: 'general', type: 0 }],
    roles: base.roles.filter((r) => r.id === OTHER_GUILD),
  };
}
const SOURCE = 'https://example.org/returned';
const MINUTE = 60_000;
// 10 November 2027, 09:00 in Asia/Baku (the default zone and time) is 05:00Z.
const DAY_2027 = Date.parse('2027-11-10T05:00:00Z');

type Option = { name: string; type: number; value: string };
const str = (name: string, value: string): Option => ({ name, type: 3, value });

/** `/config date <action>` in a server, as an admin unless told otherwise. */
async function date(
  h: Harness,
  action: string,
  options: Option[],
  as: { guildId?: string; channelId?: string; userId?: string; permissions?: string } = {},
) {
  const handle = await h.emulator.interact({
    type: 'command',
    name: 'config',
    subcommandGroup: 'date',
    subcommand: action,
    options,
    guildId: as.guildId ?? GUILD_ID,
    channelId: as.channelId ?? TEXT_CHANNEL,
    user: { id: as.userId ?? ADMIN_ID, locale: 'en-US' },
    memberPermissions: as.permissions ?? MANAGE_GUILD,
  });
  return handle.final();
}

const good = (overrides: Record<string, string> = {}): Option[] =>
  Object.entries({
    name: 'Return of <@&1> **Aghdam**',
    date: '2020-11-10',
    source: SOURCE,
    text: 'According to Ministry of Foreign Affairs of the Republic of Azerbaijan, 100 @everyone',
    ...overrides,
  }).map(([k, v]) => str(k, v));

async function upcoming(h: Harness, guildId = GUILD_ID, channelId = TEXT_CHANNEL, name = 'upcoming') {
  const handle = await h.emulator.interact({
    type: 'command',
    name,
    options: name === 'upcoming' ? [{ name: 'count', type: 4, value: 3 }] : [],
    guildId,
    channelId,
    user: { id: MEMBER_ID, locale: 'en-US' },
    memberPermissions: '0',
  });
  return visibleText((await handle.final()) as never);
}

const storedDates = (h: Harness, guildId = GUILD_ID) => h.bot.settings.serverDates(guildId);

describe('dates a server adds, through the real discord.js client and the emulator', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      now: '2027-11-01T12:00:00Z',
      emulator: { guilds: [testGuild(), otherGuild()] },
    });
  });
  afterEach(async () => {
    await h.close();
    expect(h.emulator.violations).toEqual([]);
  });

  it('an admin adds a date with its source; /upcoming lists it; its notice arrives once, labelled, at 09:00', async () => {
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    const added = await date(h, 'add', [...good(), { name: 'role', type: 8, value: ROLE_ID }]);
    expect(added.content).toContain('Added');
    expect(added.flags & 64).toBe(64);
    const [stored] = await storedDates(h);
    expect(stored?.id).toBe(serverDateId('Return of <@&1> **Aghdam**', { year: 2020, month: 11, day: 10 }));

    const list = await upcoming(h);
    expect(list).toContain('added by this server');
    expect(list).toContain(SOURCE);
    const show = visibleText((await runConfig(h, 'show')) as never);
    expect(show).toContain('Aghdam\\*\\* (added by this server)');
    const timeline = await upcoming(h, GUILD_ID, TEXT_CHANNEL, 'timeline');
    expect(timeline).toContain('Return of');
    expect(timeline).toContain(SOURCE);

    h.clock.ms = DAY_2027 - MINUTE;
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(0);
    h.clock.ms = DAY_2027;
    await h.bot.scheduler.tick();
    h.clock.ms = DAY_2027 + MINUTE;
    await h.bot.scheduler.tick();
    const messages = h.emulator.messages(TEXT_CHANNEL);
    expect(messages).toHaveLength(1);
    const notice = messages[0] as never as {
      content: string;
      allowed_mentions: unknown;
      embeds: Array<{ author?: { name: string }; description?: string; fields?: Array<{ name: string }> }>;
    };
    const text = visibleText(notice as never);
    expect(notice.embeds[0]?.author?.name).toBe('Added by this server’s admins');
    expect(text).toContain('7th anniversary');
    expect(text).toContain(SOURCE);
    expect(text).toContain('added by this server');
    // The date's role is mentioned and only it may ping; the admins' text pings nobody and formats nothing.
    expect(notice.content).toBe(`<@&${ROLE_ID}>`);
    expect(notice.allowed_mentions).toEqual({ parse: [], roles: [ROLE_ID] });
    expect(text).toContain('\\*\\*Aghdam\\*\\*');
    expect(text).toContain('@\u200beveryone');
    // The text sits under the admins' label, never under the dataset's "Source" field.
    expect(notice.embeds[0]?.fields?.map((f) => f.name)).toEqual(['Source given by this server’s admins']);
    expect(notice.embeds[0]?.description?.startsWith('In the words of this server’s admins\n> ')).toBe(true);

    // Removed and added again the same day: the ledger knows it, nothing is posted twice.
    const entry = stored?.id ?? '';
    expect((await date(h, 'remove', [str('entry', entry)])).content).toContain('Removed');
    expect(await storedDates(h)).toEqual([]);
    await date(h, 'add', good());
    h.clock.ms = DAY_2027 + 2 * MINUTE;
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
    const ledger = (h.bot.scheduler as unknown as { deps: { ledger: DeliveryLedger } }).deps.ledger;
    expect((await ledger.get({ guildId: GUILD_ID, eventId: entry, year: 2027 }))?.status).toBe('sent');

    // Each change is in the audit trail.
    const history = await h.bot.settings.history(GUILD_ID, 0, 10);
    expect(history.entries.filter((e) => e.setting === 'date')).toHaveLength(3);
  });

  it('another server never sees the date: not in its /upcoming, its list, its autocomplete or its channel', async () => {
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    await date(h, 'add', good());
    const asOther = { guildId: OTHER_GUILD, channelId: OTHER_CHANNEL };
    expect(await upcoming(h, OTHER_GUILD, OTHER_CHANNEL)).not.toContain('added by this server');
    expect(await upcoming(h, OTHER_GUILD, OTHER_CHANNEL, 'timeline')).not.toContain('Return of');
    const list = await date(h, 'list', [], asOther);
    expect(visibleText(list as never)).toContain('no date yet');
    const handle = await h.emulator.interact({
      type: 'autocomplete',
      name: 'config',
      subcommandGroup: 'date',
      subcommand: 'remove',
      options: [{ name: 'entry', type: 3, value: '', focused: true }],
      guildId: OTHER_GUILD,
      channelId: OTHER_CHANNEL,
      user: { id: ADMIN_ID },
      memberPermissions: MANAGE_GUILD,
    });
    expect((await handle.response()).data.choices).toEqual([]);
    // Removing this server's date from the other server finds nothing and changes nothing.
    const [own] = await storedDates(h);
    const refused = await date(h, 'remove', [str('entry', own?.id ?? '')], asOther);
    expect(refused.content).toContain('no such date');
    expect(await storedDates(h)).toHaveLength(1);
  });

  it('lists and autocompletes this server’s dates, and edits keep the date’s identity', async () => {
    await date(h, 'add', good({ date: '2020-02-29' }));
    const [stored] = await storedDates(h);
    const handle = await h.emulator.interact({
      type: 'autocomplete',
      name: 'config',
      subcommandGroup: 'date',
      subcommand: 'edit',
      options: [{ name: 'entry', type: 3, value: 'agh', focused: true }],
      guildId: GUILD_ID,
      channelId: TEXT_CHANNEL,
      user: { id: ADMIN_ID },
      memberPermissions: MANAGE_GUILD,
    });
    expect((await handle.response()).data.choices).toEqual([
      { name: 'Return of <@&1> **Aghdam** (2020-02-29)', value: stored?.id },
    ]);
    const edited = await date(h, 'edit', [str('entry', stored?.id ?? ''), str('text', 'New words')]);
    expect(edited.content).toContain('Updated');
    const [after] = await storedDates(h);
    expect(after).toMatchObject({ id: stored?.id, text: 'New words', sourceUrl: SOURCE });
    expect(visibleText((await date(h, 'list', [])) as never)).toContain('29 February 2020');
  });

  it('/config event turns a server date off like a dataset event, and history names the change', async () => {
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    await date(h, 'add', good());
    const [stored] = await storedDates(h);
    const off = await runConfig(h, 'event', [
      { name: 'event', type: 3, value: stored?.id ?? '' },
      { name: 'enabled', type: 5, value: false },
    ]);
    expect(off.content).toContain('Aghdam\\*\\* will not be posted');
    expect((await h.bot.settings.get(GUILD_ID)).disabledEvents).toEqual([stored?.id]);
    h.clock.ms = DAY_2027;
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(0);
    const history = visibleText((await runConfig(h, 'history')) as never);
    expect(history).toContain('Date added by this server');
  });

  it('a member without Manage Server cannot add a date', async () => {
    const reply = await date(h, 'add', good(), { userId: MEMBER_ID, permissions: '0' });
    expect(reply.content).toContain('Manage Server');
    expect(await storedDates(h)).toEqual([]);
  });

  it('refuses each bad input with a clear ephemeral no, and changes nothing', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ name: '   ' }, '1 to 80 characters'],
      [{ date: '10.11.2020' }, 'YYYY-MM-DD, for example 1992-05-08'],
      [{ date: '2021-02-29' }, 'does not exist'],
      [{ date: '2027-11-02' }, 'in the future'],
      [{ source: 'http://example.org/x' }, 'https://'],
      [{ source: 'javascript:alert(1)' }, 'https://'],
      [{ source: 'https://user:secret@example.org/x' }, 'https://'],
    ];
    for (const [override, message] of cases) {
      const reply = await date(h, 'add', good(override));
      expect(reply.content, JSON.stringify(override)).toContain(message);
      expect(reply.content).toContain('Nothing was changed');
      expect(reply.flags & 64).toBe(64);
    }
    // Over the options' max_length, Discord's own client refuses before the bot hears of it.
    for (const override of <Record<string, string>[]>[
      { name: 'x'.repeat(81) },
      { source: `https://example.org/${'a'.repeat(500)}` },
      { text: 'y'.repeat(501) },
    ]) {
      await expect(date(h, 'add', good(override))).rejects.toThrow(/Discord's client refuses/);
    }
    expect(await storedDates(h)).toEqual([]);
    expect((await h.bot.settings.history(GUILD_ID, 0, 10)).total).toBe(0);

    await date(h, 'add', good());
    expect((await date(h, 'add', good({ name: ' return OF <@&1>  **aghdam** ' }))).content).toContain(
      'already has a date with this name',
    );
    for (let i = 1; i < 25; i++) await date(h, 'add', good({ name: `Date ${i}` }));
    expect(await storedDates(h)).toHaveLength(25);
    expect((await date(h, 'add', good({ name: 'One too many' }))).content).toContain('already has 25 dates');
    expect(await storedDates(h)).toHaveLength(25);
  });
});
