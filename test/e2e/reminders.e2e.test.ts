import { afterEach, describe, expect, it } from 'vitest';
import { GUILD_ID, type Harness, runConfig, startHarness, TEXT_CHANNEL, visibleText } from './harness.js';

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
});
