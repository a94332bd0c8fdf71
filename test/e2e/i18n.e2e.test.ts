import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ConfigOption,
  GUILD_ID,
  type Harness,
  MEMBER_ID,
  runConfig,
  startHarness,
  TEXT_CHANNEL,
  visibleText,
} from './harness.js';

describe('languages through the real discord.js client and the emulator', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
  });
  afterEach(async () => {
    await h.close();
    expect(h.emulator.violations).toEqual([]);
  });

  const config = (subcommand: string, options: ConfigOption[]) => runConfig(h, subcommand, options);

  it('a server set to Azerbaijani receives its notice in Azerbaijani', async () => {
    await config('channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    await config('language', [{ name: 'language', type: 3, value: 'az' }]);
    h.clock.set('2027-02-26T05:00:00Z');
    await h.bot.scheduler.tick();
    const [notice] = h.emulator.messages(TEXT_CHANNEL);
    const text = visibleText(notice as never);
    expect(text).toContain('Xocalı');
    expect(text).toMatch(/ə/);
    expect(text).toContain('35-ci');
    expect(text).toContain('613');
    // The source's own words and citation stay in the source's language.
    expect(text).toContain('Ministry of Foreign Affairs of the Republic of Azerbaijan');
  });

  it('a member with the Russian client gets /district in Russian, whatever the server language', async () => {
    const reply = await (
      await h.emulator.interact({
        type: 'command',
        name: 'district',
        options: [{ name: 'name', type: 3, value: 'Shusha' }],
        guildId: GUILD_ID,
        channelId: TEXT_CHANNEL,
        user: { id: MEMBER_ID, locale: 'ru' },
        memberPermissions: '0',
      })
    ).final();
    const text = visibleText(reply);
    expect(text).toContain('Шуша');
    expect(text).toContain('8 мая 1992');
    expect(text).toMatch(/289\s?км²/);
    expect(text).toContain('may 08, 1992'); // the source's words, verbatim
  });

  it('a member whose client language the bot does not speak gets the server language', async () => {
    await config('language', [{ name: 'language', type: 3, value: 'tr' }]);
    const reply = await (
      await h.emulator.interact({
        type: 'command',
        name: 'district',
        options: [{ name: 'name', type: 3, value: 'Lachin' }],
        guildId: GUILD_ID,
        channelId: TEXT_CHANNEL,
        user: { id: MEMBER_ID, locale: 'de' },
        memberPermissions: '0',
      })
    ).final();
    expect(visibleText(reply)).toContain('Laçın (Lachin)');
  });

  it('registers descriptions in Russian and Turkish for those Discord clients', async () => {
    const district = (
      h.emulator.commands() as Array<{ name: string; description_localizations?: Record<string, string> }>
    ).find((c) => c.name === 'district');
    expect(district?.description_localizations?.ru).toMatch(/[а-я]/);
    expect(district?.description_localizations?.tr).toBeTruthy();
  });
});
