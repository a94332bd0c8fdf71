import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/config/dataset-file.js';
import { projectRoot } from '../../src/config/project-root.js';
import { serverDateCalendarUid } from '../../src/discord/render/calendar.js';
import { eventsWithDay } from '../../src/domain/dataset.js';
import { readCalendar } from '../render/ics-reader.js';
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

const DATASET_DAYS = eventsWithDay(loadDataset(path.join(projectRoot(), 'data/remembrance.json'))).map(
  (e) => e.id,
);
const OTHER_GUILD = '1300000000000000001';
const OTHER_CHANNEL = '1300000000000001001';
const DM_CHANNEL = '1300000000000009001';
const SOURCE = 'https://example.org/returned';
const EPHEMERAL = 1 << 6;

/** A second server with its own channel; its roles are only @everyone. */
function otherGuild() {
  const base = testGuild(OTHER_GUILD);
  return {
    ...base,
    channels: [{ id: OTHER_CHANNEL, name: 'general', type: 0 }],
    roles: base.roles.filter((r) => r.id === OTHER_GUILD),
  };
}

type Option = { name: string; type: number; value: string | boolean; focused?: boolean };
const str = (name: string, value: string): Option => ({ name, type: 3, value });

interface Where {
  guildId?: string | undefined;
  channelId: string;
}
const HERE: Where = { guildId: GUILD_ID, channelId: TEXT_CHANNEL };
const THERE: Where = { guildId: OTHER_GUILD, channelId: OTHER_CHANNEL };
const DM: Where = { channelId: DM_CHANNEL };

/** `/config date <action>` as an admin. */
async function date(h: Harness, action: string, options: Option[], where: Where = HERE) {
  const handle = await h.emulator.interact({
    type: 'command',
    name: 'config',
    subcommandGroup: 'date',
    subcommand: action,
    options,
    ...where,
    user: { id: ADMIN_ID, locale: 'en-US' },
    memberPermissions: MANAGE_GUILD,
  });
  return handle.final();
}

const add = (h: Harness, name: string, day: string, where: Where = HERE) =>
  date(
    h,
    'add',
    [str('name', name), str('date', day), str('source', SOURCE), str('text', 'The district came home')],
    where,
  );

/** `/calendar` as a member (in DMs there is no member, only the user): the reply and the parsed file. */
async function calendar(h: Harness, where: Where) {
  const handle = await h.emulator.interact({
    type: 'command',
    name: 'calendar',
    ...where,
    user: { id: MEMBER_ID, locale: 'en-US' },
    ...(where.guildId ? { memberPermissions: '0' } : {}),
  });
  const reply = await handle.final();
  const files = handle.attachments();
  expect(files.map((f) => f.filename)).toEqual(['remembrance-anniversaries-en.ics']);
  return { reply, text: visibleText(reply), file: readCalendar(files[0]?.data.toString('utf8') ?? '') };
}

/** The choices Discord shows while an admin types in `/config test event:` (or another subcommand's option). */
async function choices(h: Harness, subcommand: string, typed: string, where: Where = HERE) {
  const handle = await h.emulator.interact({
    type: 'autocomplete',
    name: 'config',
    subcommand,
    options: [{ name: 'event', type: 3, value: typed, focused: true }],
    ...where,
    user: { id: ADMIN_ID },
    memberPermissions: MANAGE_GUILD,
  });
  return (await handle.response()).data.choices as Array<{ name: string; value: string }>;
}

const ownId = async (h: Harness, guildId = GUILD_ID) => {
  const [stored] = await h.bot.settings.serverDates(guildId);
  if (!stored) throw new Error('no date stored');
  return stored.id;
};

describe('a server’s own dates in /calendar and /config test, through the real discord.js client', () => {
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

  it('/calendar in the server holds its date, labelled, with its link; another server and DMs do not', async () => {
    await add(h, 'Return of Aghdam', '2020-02-29');
    const id = await ownId(h);

    const here = await calendar(h, HERE);
    expect((here.reply.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(here.text).toContain('this server’s own dates (1)');
    expect(here.text).toContain(`Return of Aghdam · <${SOURCE}>`);
    expect(here.file.events).toHaveLength(9 + 1);
    const own = here.file.events.find((e) => e.uid === serverDateCalendarUid(GUILD_ID, id));
    if (!own) throw new Error('the server’s date is not in its calendar');
    expect(own.summary).toBe('Return of Aghdam (2020) — added by this server’s admins');
    expect(own.url).toBe(SOURCE);
    expect(own.description).toContain('Added by this server’s admins.');
    expect(own.description).toContain('In the words of this server’s admins: The district came home');
    expect(own.description).toContain(`Source given by this server’s admins: ${SOURCE}`);
    expect(own.description).not.toMatch(/trend\.az|virtualkarabakh/);
    // Remembered on 28 February in common years, as its notice is.
    expect(own.occurrences(5)).toEqual([
      '2020-02-29',
      '2021-02-28',
      '2022-02-28',
      '2023-02-28',
      '2024-02-29',
    ]);

    for (const elsewhere of [THERE, DM]) {
      const other = await calendar(h, elsewhere);
      expect(other.file.events).toHaveLength(9);
      expect(other.file.events.some((e) => e.uid.startsWith('server-'))).toBe(false);
      expect(other.text).not.toContain('Return of Aghdam');
      expect(other.text).not.toContain('own dates');
    }

    // Turned off with /config event, it leaves the server's calendar, and the reply says a day was left out.
    await runConfig(h, 'event', [
      { name: 'event', type: 3, value: id },
      { name: 'enabled', type: 5, value: false },
    ]);
    const off = await calendar(h, HERE);
    expect(off.file.events).toHaveLength(9);
    expect(off.text).toContain('Left out: the days this server turned off with /config event (1).');
  });

  it('/config test event:<own date> posts one labelled preview with the admins’ link; unknown ids are refused', async () => {
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    await add(h, 'Return of Aghdam', '2020-11-10');
    await add(h, 'Their own memorial', '2001-03-03', THERE);
    const id = await ownId(h);

    const reply = await runConfig(h, 'test', [str('event', id)]);
    expect(reply.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.content).toContain(
      'A labelled preview of the Return of Aghdam (added by this server) notice was posted',
    );
    const messages = h.emulator.messages(TEXT_CHANNEL);
    expect(messages).toHaveLength(1);
    const preview = messages[0] as never as {
      content: string;
      allowed_mentions: unknown;
      embeds: Array<{ author?: { name: string }; footer?: { text: string } }>;
    };
    expect(preview.content).toContain('**Preview**');
    expect(preview.allowed_mentions).toEqual({ parse: [] });
    expect(preview.embeds[0]?.author?.name).toBe('Added by this server’s admins');
    expect(preview.embeds[0]?.footer?.text).toMatch(/^Preview · /);
    const text = visibleText(preview as never);
    expect(text).toContain('Return of Aghdam — 7th anniversary');
    expect(text).toContain(SOURCE);
    // A preview is no delivery.
    expect(await h.bot.settings.recentTrouble(GUILD_ID)).toEqual([]);

    // Another server's date, and an id that names nothing: the clear unknown-event no, and nothing posted.
    for (const value of [await ownId(h, OTHER_GUILD), 'server:00000000000000000000']) {
      const refused = await runConfig(h, 'test', [str('event', value)]);
      expect(refused.content).toContain('is not an anniversary the bot posts');
    }
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
    expect(h.emulator.messages(OTHER_CHANNEL)).toHaveLength(0);

    // Without a choice, the next post of any kind: here the server's own date (10 November comes first).
    const next = await runConfig(h, 'test');
    expect(next.content).toContain('Return of Aghdam (added by this server)');
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(2);
    expect(visibleText(h.emulator.messages(TEXT_CHANNEL)[1] as never)).toContain(SOURCE);
  });

  it('/config test’s autocomplete offers this server’s own dates, first, and only in this server', async () => {
    await add(h, 'Return of Aghdam', '2020-11-10');
    const id = await ownId(h);
    const here = await choices(h, 'test', '');
    expect(here[0]).toEqual({ name: 'Return of Aghdam (2020-11-10)', value: id });
    expect(here.map((c) => c.value)).toContain('khojaly');
    expect(await choices(h, 'test', 'retur')).toEqual([{ name: 'Return of Aghdam (2020-11-10)', value: id }]);
    const there = await choices(h, 'test', '', THERE);
    expect(there.map((c) => c.value)).not.toContain(id);
    expect(there.map((c) => c.value)).toContain('khojaly');
    expect(there.every((c) => !c.value.startsWith('server:'))).toBe(true);
  });

  it('/upcoming leaves out what the server turned off, and says so; all off only when its own dates are off too', async () => {
    await add(h, 'Return of Aghdam', '2020-11-10');
    const id = await ownId(h);
    const upcoming = async () => {
      const handle = await h.emulator.interact({
        type: 'command',
        name: 'upcoming',
        options: [{ name: 'count', type: 4, value: 25 }],
        ...HERE,
        user: { id: MEMBER_ID, locale: 'en-US' },
        memberPermissions: '0',
      });
      return visibleText(await handle.final());
    };
    const off = (event: string) =>
      runConfig(h, 'event', [
        { name: 'event', type: 3, value: event },
        { name: 'enabled', type: 5, value: false },
      ]);
    const before = await upcoming();
    expect(before).toContain('Return of Aghdam');
    expect(before).toContain('Khojaly');
    expect(before).not.toContain('Not listed');

    await off(id);
    await off('khojaly');
    const after = await upcoming();
    expect(after).not.toContain('Return of Aghdam');
    expect(after).not.toContain('Khojaly');
    expect(after).toContain('Shusha');
    expect(after).toContain('Not listed: the days this server turned off with /config event (2).');

    // Every dataset day off while the server's own date is on: notices still come, so no "all off" problem.
    await runConfig(h, 'event', [
      { name: 'event', type: 3, value: id },
      { name: 'enabled', type: 5, value: true },
    ]);
    for (const event of DATASET_DAYS.filter((id) => id !== 'khojaly')) {
      await off(event);
    }
    expect(visibleText(await runConfig(h, 'show'))).not.toContain('Every anniversary is turned off');
    const onlyOwn = await upcoming();
    expect(onlyOwn).toContain('Return of Aghdam');
    expect(onlyOwn).toContain(`(${DATASET_DAYS.length})`);

    await off(id);
    expect(visibleText(await runConfig(h, 'show'))).toContain('Every anniversary is turned off');
    const none = await upcoming();
    expect(none).toContain('This server has turned off every day it remembers (/config event).');
    expect(none).toContain(`(${DATASET_DAYS.length + 1})`);
  });

  it('/config date edit server-role:True goes back to the server’s role; with a role as well it is refused', async () => {
    await date(h, 'add', [
      str('name', 'Return of Aghdam'),
      str('date', '2020-11-10'),
      str('source', SOURCE),
      str('text', 'The district came home'),
      { name: 'role', type: 8, value: ROLE_ID },
    ]);
    const id = await ownId(h);
    const roleOf = async () => (await h.bot.settings.serverDates(GUILD_ID))[0]?.roleId;
    expect(await roleOf()).toBe(ROLE_ID);

    const both = await date(h, 'edit', [
      str('entry', id),
      { name: 'role', type: 8, value: ROLE_ID },
      { name: 'server-role', type: 5, value: true },
    ]);
    expect(both.content).toContain('Give either a role or server-role:True');
    expect(both.content).toContain('Nothing was changed.');
    expect(await roleOf()).toBe(ROLE_ID);

    const back = await date(h, 'edit', [str('entry', id), { name: 'server-role', type: 5, value: true }]);
    expect(back.content).toContain('Updated');
    expect(await roleOf()).toBeNull();

    // server-role:False alone changes nothing, and says what to give.
    const nothing = await date(h, 'edit', [str('entry', id), { name: 'server-role', type: 5, value: false }]);
    expect(nothing.content).toContain('Give a new source, text or role (or server-role:True) to change');
  });

  it('/config date edit stores the link percent-encoded, as add does', async () => {
    await add(h, 'Return of Aghdam', '2020-11-10');
    const id = await ownId(h);
    const edited = await date(h, 'edit', [
      str('entry', id),
      str('source', ' https://example.org/a?q="<b>" '),
    ]);
    expect(edited.content).toContain('Updated');
    const [stored] = await h.bot.settings.serverDates(GUILD_ID);
    expect(stored?.sourceUrl).toBe('https://example.org/a?q=%22%3Cb%3E%22');
    // The same link given to add is stored the same way.
    await date(h, 'add', [
      str('name', 'Another'),
      str('date', '2020-11-11'),
      str('source', 'https://example.org/a?q="<b>"'),
      str('text', 'Words'),
    ]);
    const another = (await h.bot.settings.serverDates(GUILD_ID)).find((d) => d.name === 'Another');
    expect(another?.sourceUrl).toBe(stored?.sourceUrl);
  });
});
