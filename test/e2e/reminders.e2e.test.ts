import { afterEach, describe, expect, it } from 'vitest';
import { CROSSPOSTED } from '../emulator/crosspost.js';
import {
  ADMIN_ID,
  GUILD_ID,
  type Harness,
  MANAGE_GUILD,
  NEWS_CHANNEL,
  ROLE_ID,
  runConfig,
  startHarness,
  TEXT_CHANNEL,
  visibleText,
} from './harness.js';

// Khojaly 2027: 26 Feb 09:00 in Asia/Baku (UTC+4) is 05:00Z; a 3-day reminder is 23 Feb 05:00Z.
const KHOJALY_2027 = Date.parse('2027-02-26T05:00:00Z');
const DAY = 86_400_000;
const MINUTE = 60_000;
const EPHEMERAL = 1 << 6;
const days = (value: number) => [{ name: 'days', type: 4, value }];

describe('reminders ahead through the real discord.js client and the emulator', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
    expect(h.emulator.violations).toEqual([]);
  });

  it('refuses a reminder while no channel is set, ephemerally, and changes nothing', async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    const reply = await runConfig(h, 'reminder', days(3));
    expect((reply.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.content).toBe('❌ No channel is set yet. Choose one with /config channel first.');
    expect((await h.bot.settings.get(GUILD_ID)).reminderDays).toBe(0);
    // Outside 0–30 Discord's own client refuses: the option's min and max are registered.
    await expect(runConfig(h, 'reminder', days(31))).rejects.toThrow(/refuses days=31/);
    await expect(runConfig(h, 'reminder', days(-1))).rejects.toThrow(/refuses days=-1/);
  });

  it('posts a reminder 3 days before, once, not again after a restart, then the notice on the day', async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    const set = await runConfig(h, 'reminder', days(3));
    expect(set.content).toContain('A reminder will be posted 3 days before each anniversary');
    const show = visibleText(await runConfig(h, 'show'));
    expect(show).toContain('Reminder\n3 days before');
    const history = visibleText(await runConfig(h, 'history'));
    expect(history).toContain('Reminder');
    expect(history).toContain('3 days before');

    const reminderAt = KHOJALY_2027 - 3 * DAY;
    h.clock.ms = reminderAt - MINUTE;
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(0);
    h.clock.ms = reminderAt;
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
    const [reminder] = h.emulator.messages(TEXT_CHANNEL);
    expect(reminder?.content).toBe('**Reminder:** 3 days until this anniversary.');
    const text = visibleText(reminder as never);
    expect(text).toContain('35th anniversary');
    expect(text).toContain('Remembrance day: ');

    h.clock.ms = reminderAt + MINUTE;
    await h.bot.scheduler.tick();
    await h.bot.stop();
    await h.start();
    h.clock.ms = reminderAt + 30 * MINUTE;
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);

    h.clock.ms = KHOJALY_2027;
    await h.bot.scheduler.tick();
    const messages = h.emulator.messages(TEXT_CHANNEL);
    expect(messages).toHaveLength(2);
    expect(messages[1]?.content ?? '').not.toContain('Reminder');
    expect(visibleText(messages[1] as never)).toContain('35th anniversary');
  });

  it('says how many days remain in Russian, with the plural the number takes', async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    await runConfig(h, 'language', [{ name: 'language', type: 3, value: 'ru' }]);
    await runConfig(h, 'reminder', days(5));
    h.clock.ms = KHOJALY_2027 - 5 * DAY;
    await h.bot.scheduler.tick();
    const [reminder] = h.emulator.messages(TEXT_CHANNEL);
    expect(reminder?.content).toBe('**Напоминание:** до этой годовщины осталось 5 дней.');
  });

  it('reminds ahead of a date the server’s admins added: once, at 09:00 local, labelled with their link, unpublished', async () => {
    // 10 November, reminded 3 days ahead: 7 November 2027, 09:00 in Baku (05:00Z).
    h = await startHarness({ now: '2027-11-01T12:00:00Z' });
    const source = 'https://example.org/returned';
    // An announcement channel: the day's notice is published, the reminder (for the server's members) is not.
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: NEWS_CHANNEL }]);
    await runConfig(h, 'reminder', days(3));
    const added = await h.emulator.interact({
      type: 'command',
      name: 'config',
      subcommandGroup: 'date',
      subcommand: 'add',
      options: [
        { name: 'name', type: 3, value: 'Return of **Aghdam**' },
        { name: 'date', type: 3, value: '2020-11-10' },
        { name: 'source', type: 3, value: source },
        { name: 'text', type: 3, value: 'Remember it @everyone' },
        { name: 'role', type: 8, value: ROLE_ID },
      ],
      guildId: GUILD_ID,
      channelId: NEWS_CHANNEL,
      user: { id: ADMIN_ID, locale: 'en-US' },
      memberPermissions: MANAGE_GUILD,
    });
    expect((await added.final()).content).toContain('Added');

    const reminderAt = Date.parse('2027-11-07T05:00:00Z');
    h.clock.ms = reminderAt - MINUTE;
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(NEWS_CHANNEL)).toHaveLength(0);
    h.clock.ms = reminderAt;
    await h.bot.scheduler.tick();
    const [reminder] = h.emulator.messages(NEWS_CHANNEL) as never as Array<{
      flags?: number;
      content: string;
      allowed_mentions: unknown;
      embeds: Array<{ author?: { name: string }; fields?: Array<{ name: string; value: string }> }>;
    }>;
    expect(reminder?.content).toBe(`**Reminder:** 3 days until this anniversary. <@&${ROLE_ID}>`);
    expect(reminder?.allowed_mentions).toEqual({ parse: [], roles: [ROLE_ID] });
    expect((reminder?.flags ?? 0) & CROSSPOSTED).toBe(0);
    expect(reminder?.embeds[0]?.author?.name).toBe('Added by this server’s admins');
    expect(reminder?.embeds[0]?.fields).toEqual([
      { name: 'Source given by this server’s admins', value: source },
    ]);
    const text = visibleText(reminder as never);
    expect(text).toContain('Return of \\*\\*Aghdam\\*\\* — 7th anniversary');
    expect(text).toContain('@\u200beveryone');
    // The footer names the anniversary's own day.
    expect(text).toContain('10 November 2027');

    // Not again after a restart the same day; the day's notice follows on 10 November.
    await h.bot.stop();
    await h.start();
    h.clock.ms = reminderAt + 30 * MINUTE;
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(NEWS_CHANNEL)).toHaveLength(1);
    h.clock.ms = reminderAt + 3 * DAY;
    await h.bot.scheduler.tick();
    const messages = h.emulator.messages(NEWS_CHANNEL);
    expect(messages).toHaveLength(2);
    expect(messages[1]?.content).toBe(`<@&${ROLE_ID}>`);
    const crossposts = h.emulator.requests.filter(
      (r) => r.route === 'POST /channels/:id/messages/:id/crosspost',
    );
    expect(crossposts.map((r) => r.path)).toEqual([
      `/channels/${NEWS_CHANNEL}/messages/${messages[1]?.id}/crosspost`,
    ]);
  });
});
