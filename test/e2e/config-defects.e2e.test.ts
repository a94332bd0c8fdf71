import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  eventually,
  GUILD_ID,
  type Harness,
  MEMBER_ID,
  runConfig,
  startHarness,
  TEXT_CHANNEL,
  visibleText,
} from './harness.js';

const EPHEMERAL = 1 << 6;
const channel = { name: 'channel', type: 7, value: TEXT_CHANNEL };

describe('/config defects of issue 12, through the real discord.js client and the emulator', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
  });
  afterEach(async () => {
    await h.close();
    expect(h.emulator.violations).toEqual([]);
  });
  const stored = () => h.bot.settings.get(GUILD_ID);

  it('a preview Discord refuses says what to grant, and pauses nothing', async () => {
    await runConfig(h, 'channel', [channel]);
    // The bot loses Send Messages and Embed Links in the channel after it was chosen.
    h.emulator.setChannelOverwrites(GUILD_ID, TEXT_CHANNEL, [
      { id: GUILD_ID, type: 0, allow: '0', deny: (2048n | 16384n).toString() },
    ]);
    await eventually(async () => {
      const view = h.bot.client.channels.cache.get(TEXT_CHANNEL);
      const me = h.bot.client.guilds.cache.get(GUILD_ID)?.members.me;
      return view && !view.isDMBased() && me && !view.permissionsFor(me).has('SendMessages');
    });
    const text = visibleText(await runConfig(h, 'test', [{ name: 'event', type: 3, value: 'khojaly' }]));
    expect(text).toMatch(/could not be posted/);
    expect(text).toMatch(/Send Messages, Embed Links/);
    expect(text).toMatch(/run \/config test again/);
    expect(text).not.toMatch(/Notices are paused/);
    expect(text).toMatch(/Notices were not paused/);
    expect(await stored()).toMatchObject({ paused: false, channelId: TEXT_CHANNEL });
    expect(h.emulator.messages(TEXT_CHANNEL)).toEqual([]);
  });

  it('a refusal the cache did not foresee names every permission a notice needs, in Russian too', async () => {
    await runConfig(h, 'channel', [channel]);
    h.emulator.fail({ method: 'POST', route: 'POST /channels/:id/messages' }, { status: 403, code: 50013 });
    const reply = await runConfig(h, 'test', [], { locale: 'ru' });
    expect(reply.content).toMatch(/«Просматривать канал», «Отправлять сообщения», «Встраивать ссылки»/);
    expect(reply.content).toMatch(/Уведомления не приостановлены/);
    expect((await stored()).paused).toBe(false);
  });

  it('two admins turning off different anniversaries at once both keep their change', async () => {
    const off = (event: string) =>
      runConfig(h, 'event', [
        { name: 'event', type: 3, value: event },
        { name: 'enabled', type: 5, value: false },
      ]);
    await Promise.all([off('shusha'), off('lachin'), off('kalbajar'), off('khojaly')]);
    expect((await stored()).disabledEvents).toEqual(['kalbajar', 'khojaly', 'lachin', 'shusha']);
  });

  it('days passed paused are not reported as missed after resuming', async () => {
    await runConfig(h, 'channel', [channel]);
    expect((await stored()).nextDueAt).toBe(Date.parse('2027-02-26T05:00:00Z'));
    await runConfig(h, 'pause');
    expect((await stored()).nextDueAt).toBeNull();
    h.clock.set('2027-02-27T12:00:00Z'); // Khojaly's day went by while paused
    await h.bot.scheduler.tick();
    await runConfig(h, 'resume');
    await h.bot.scheduler.tick();
    expect(await h.bot.settings.recentTrouble(GUILD_ID)).toEqual([]);
    expect(visibleText(await runConfig(h, 'show'))).not.toMatch(/missed/);
    expect(h.emulator.messages(TEXT_CHANNEL)).toEqual([]);
  });

  describe('a deferred answer keeps the visibility the command answers with', () => {
    beforeEach(async () => {
      await h.bot.stop();
      h.clock.passIdentifyWindow();
      await h.start({ deferAfterMs: 0 });
    });
    const interact = (name: string, options: Array<{ name: string; type: number; value: string }> = []) =>
      h.emulator.interact({
        type: 'command',
        name,
        options,
        guildId: GUILD_ID,
        channelId: TEXT_CHANNEL,
        user: { id: MEMBER_ID, locale: 'en-US' },
      });

    it('/upcoming and /timeline defer in public and their answer is public', async () => {
      for (const name of ['upcoming', 'timeline']) {
        const handle = await interact(name);
        const first = await handle.response();
        expect(first.type).toBe(5);
        expect(((first.data as { flags?: number } | undefined)?.flags ?? 0) & EPHEMERAL).toBe(0);
        const final = await handle.final();
        expect(visibleText(final)).not.toBe('');
      }
    });

    it('/config defers privately', async () => {
      const handle = await h.emulator.interact({
        type: 'command',
        name: 'config',
        subcommand: 'show',
        guildId: GUILD_ID,
        channelId: TEXT_CHANNEL,
        memberPermissions: (1n << 5n).toString(),
      });
      const first = await handle.response();
      expect(first.type).toBe(5);
      expect(((first.data as { flags?: number }).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
      expect(visibleText(await handle.final())).toMatch(/Anniversary notices/);
    });

    it('a refusal after a public deferral is shown only to the member', async () => {
      const handle = await interact('district', [{ name: 'name', type: 3, value: 'Atlantis' }]);
      expect((await handle.response()).type).toBe(5);
      await h.emulator.waitFor(() => handle.followUps.length > 0 || undefined);
      const [followUp] = handle.followUps as Array<{ flags?: number; content?: string }>;
      expect((followUp?.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
      expect(followUp?.content).toMatch(/Atlantis/);
      expect(handle.edits).toEqual([]);
      expect(
        h.emulator.requests.some((r) => r.method === 'DELETE' && r.path.endsWith('/messages/@original')),
      ).toBe(true);
    });
  });
});
