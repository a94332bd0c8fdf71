import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_ID,
  GUILD_ID,
  type Harness,
  MANAGE_GUILD,
  runConfig,
  startHarness,
  TEXT_CHANNEL,
  visibleText,
} from './harness.js';

// Khojaly 2027 at 09:00 in Asia/Baku (the default zone and time, UTC+4) is 26 Feb 05:00Z; 3 days ahead, 23 Feb.
const KHOJALY = Date.parse('2027-02-26T05:00:00Z');
const REMINDER = Date.parse('2027-02-23T05:00:00Z');
const R = (ms: number) => `<t:${ms / 1000}:R>`;
const ABSOLUTE = /<t:\d+:[FfDdTt]>/;
const days = (value: number) => [{ name: 'days', type: 4, value }];
const channel = [{ name: 'channel', type: 7, value: TEXT_CHANNEL }];
/** ICU puts no-break spaces in some dates; compare words, keep the lines. */
const spaced = (text: string) => text.replace(/[^\S\n]/g, ' ');

describe('the times /config names, through the real discord.js client and the emulator', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
  });
  afterEach(async () => {
    await h.close();
    expect(h.emulator.violations).toEqual([]);
  });

  it('after /config reminder days:3 the next post is the reminder, and it is what the bot posts next', async () => {
    await runConfig(h, 'channel', channel);
    const set = await runConfig(h, 'reminder', days(3));
    expect(set.content).toContain(
      `Next post: Reminder: Khojaly in 3 days — 23 February 2027, 09:00 Azerbaijan Standard Time (${R(REMINDER)}).`,
    );
    expect(set.content).not.toMatch(ABSOLUTE);

    const show = visibleText(await runConfig(h, 'show'));
    expect(show).toContain(
      [
        `Reminder: Khojaly in 3 days · 23 February 2027, 09:00 Azerbaijan Standard Time (${R(REMINDER)})`,
        `Khojaly · 26 February 2027, 09:00 Azerbaijan Standard Time (${R(KHOJALY)})`,
      ].join('\n'),
    );
    expect(show).not.toMatch(ABSOLUTE);

    // What the line promised is what comes: the reminder first, at its minute.
    h.clock.ms = REMINDER;
    await h.bot.scheduler.tick();
    const [first] = h.emulator.messages(TEXT_CHANNEL);
    expect(first?.content).toBe('**Reminder:** 3 days until this anniversary.');
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
  });

  it('says it in the member’s language, with the zone named in it', async () => {
    await runConfig(h, 'channel', channel);
    const set = await runConfig(h, 'reminder', days(3), { locale: 'ru' });
    expect(spaced(set.content)).toContain(
      `Следующая публикация: Напоминание: Ходжалы через 3 дня — 23 февраля 2027 г., 09:00 (Азербайджан, стандартное время) (${R(REMINDER)}).`,
    );
    const show = spaced(visibleText(await runConfig(h, 'show', [], { locale: 'tr' })));
    expect(show).toContain(
      `Hatırlatma: Hocalı, 3 gün sonra · 23 Şubat 2027, 09:00 (Azerbaycan Standart Saati) (${R(REMINDER)})`,
    );
    expect(show).not.toMatch(ABSOLUTE);
  });

  it('names the server’s own day for a server west of UTC−5, where UTC is already on the next day', async () => {
    await runConfig(h, 'channel', channel);
    await runConfig(h, 'timezone', [{ name: 'zone', type: 3, value: 'America/Los_Angeles' }]);
    const time = await runConfig(h, 'time', [{ name: 'at', type: 3, value: '21:30' }]);
    // 21:30 on 26 February in Los Angeles is 27 February 05:30Z (the 27th in Baku and in Europe too): the line
    // says the 26th, the day the server remembers it.
    expect(time.content).toContain(
      `Next post: Khojaly — 26 February 2027, 21:30 Pacific Standard Time (${R(Date.parse('2027-02-27T05:30:00Z'))}).`,
    );
    expect(time.content).not.toMatch(ABSOLUTE);
  });

  it('names a server’s own date when it comes before the next reminder, marked as the server’s', async () => {
    await runConfig(h, 'channel', channel);
    const added = await h.emulator.interact({
      type: 'command',
      name: 'config',
      subcommandGroup: 'date',
      subcommand: 'add',
      options: [
        { name: 'name', type: 3, value: 'Local day' },
        { name: 'date', type: 3, value: '2001-02-22' },
        { name: 'source', type: 3, value: 'https://example.org/local' },
        { name: 'text', type: 3, value: 'We remember.' },
      ],
      guildId: GUILD_ID,
      channelId: TEXT_CHANNEL,
      user: { id: ADMIN_ID, locale: 'en-US' },
      memberPermissions: MANAGE_GUILD,
    });
    expect((await added.final()).content).toContain('Added');
    // 22 February 09:00 in Baku comes before Khojaly's reminder on the 23rd (its own reminder, the 19th, is past).
    const set = await runConfig(h, 'reminder', days(3));
    expect(set.content).toContain(
      `Next post: Local day (added by this server) — 22 February 2027, 09:00 Azerbaijan Standard Time (${R(Date.parse('2027-02-22T05:00:00Z'))}).`,
    );
    const show = visibleText(await runConfig(h, 'show'));
    expect(show.indexOf('Local day (added by this server) · 22 February 2027')).toBeGreaterThan(-1);
    expect(show.indexOf('Reminder: Khojaly in 3 days · 23 February 2027')).toBeGreaterThan(
      show.indexOf('Local day (added by this server) · 22 February 2027'),
    );
  });
});
