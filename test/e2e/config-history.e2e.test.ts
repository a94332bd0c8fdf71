import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_ID,
  eventually,
  GUILD_ID,
  type Harness,
  MANAGE_GUILD,
  MEMBER_ID,
  NEWS_CHANNEL,
  runConfig,
  startHarness,
  TEXT_CHANNEL,
  testGuild,
} from './harness.js';

const EPHEMERAL = 1 << 6;
type Message = {
  flags?: number;
  content?: string;
  embeds?: Array<{ description?: string; footer?: { text: string } }>;
  components?: Array<{ components: Array<{ custom_id: string; disabled?: boolean; label: string }> }>;
};
const DAY = 24 * 60 * 60 * 1000;

describe('/config history and what is kept after the bot leaves a server', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
  });
  afterEach(async () => {
    await h.close();
    expect(h.emulator.violations).toEqual([]);
  });

  const history = async (as: { userId?: string; permissions?: string } = {}) => {
    const handle = await h.emulator.interact({
      type: 'command',
      name: 'config',
      subcommand: 'history',
      guildId: GUILD_ID,
      channelId: TEXT_CHANNEL,
      user: { id: as.userId ?? ADMIN_ID, username: 'aysel' },
      memberPermissions: as.permissions ?? MANAGE_GUILD,
    });
    return { handle, message: (await handle.final()) as Message };
  };
  const press = async (
    messageOf: string,
    customId: string,
    permissions = MANAGE_GUILD,
    userId = ADMIN_ID,
  ) => {
    const handle = await h.emulator.click({
      messageOf,
      customId,
      guildId: GUILD_ID,
      channelId: TEXT_CHANNEL,
      user: { id: userId },
      memberPermissions: permissions,
    });
    return { response: await handle.response(), message: (await handle.final()) as Message };
  };
  const lines = (m: Message) => (m.embeds?.[0]?.description ?? '').split('\n');
  const buttons = (m: Message) => m.components?.[0]?.components ?? [];

  it('lists each change with who made it, newest first, only to the admin', async () => {
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }], { username: 'aysel' });
    h.clock.ms += 60_000;
    await runConfig(h, 'time', [{ name: 'at', type: 3, value: '21:30' }], { username: 'aysel' });
    h.clock.ms += 60_000;
    await runConfig(h, 'pause', [], { username: 'aysel' });
    const { message } = await history();
    expect((message.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    const [pause, time, channel] = lines(message);
    const who = `**aysel** (<@${ADMIN_ID}>)`;
    expect(pause).toBe(
      `<t:${Date.parse('2027-02-20T12:02:00Z') / 1000}:f> · ${who} · Status: posting → paused`,
    );
    expect(time).toContain(`${who} · Local time: 09:00 → 21:30`);
    expect(channel).toContain(`${who} · Channel: not set → <#${TEXT_CHANNEL}>`);
    expect(message.embeds?.[0]?.footer?.text).toMatch(/^Page 1 of 1 · 3 changes/);
    expect(buttons(message).map((b) => b.disabled)).toEqual([true, true]);
    // A refused or unchanged command records nothing.
    await runConfig(h, 'time', [{ name: 'at', type: 3, value: '25:00' }]);
    await runConfig(h, 'pause');
    expect(lines((await history()).message)).toHaveLength(3);
  });

  it('records both settings when choosing a channel lifts a pause Discord caused', async () => {
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    h.emulator.deleteChannel(GUILD_ID, TEXT_CHANNEL);
    await eventually(async () => (await h.bot.settings.get(GUILD_ID)).paused);
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: NEWS_CHANNEL }]);
    const text = lines((await history()).message).join('\n');
    expect(text).toContain(`Channel: <#${TEXT_CHANNEL}> → <#${NEWS_CHANNEL}>`);
    expect(text).toContain('Status: paused (Discord refused posts) → posting');
  });

  it('refuses a member without Manage Server, for the command and for its buttons', async () => {
    const refused = await runConfig(h, 'history', [], { userId: MEMBER_ID, permissions: '0' });
    expect((refused.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(refused.content).toMatch(/Manage Server/);
    for (let i = 0; i < 11; i++) {
      await runConfig(h, 'time', [{ name: 'at', type: 3, value: `1${i % 10}:00` }]);
    }
    const { handle, message } = await history();
    // Someone who lost (or never had) Manage Server presses Next on a page an admin left open.
    const pressed = await press(handle.id, buttons(message)[1]?.custom_id ?? '', '0', MEMBER_ID);
    expect(pressed.response.type).toBe(4);
    expect((pressed.message.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(pressed.message.content).toMatch(/Manage Server/);
    expect(
      lines(
        (await h.emulator
          .click({
            messageOf: handle.id,
            customId: 'config:history:1',
            guildId: GUILD_ID,
            channelId: TEXT_CHANNEL,
            memberPermissions: MANAGE_GUILD,
          })
          .then((c) => c.final())) as Message,
      ),
    ).toHaveLength(1);
  });

  it('pages ten at a time with Previous and Next', async () => {
    for (let i = 0; i < 23; i++) {
      h.clock.ms += 1_000;
      await runConfig(h, 'time', [{ name: 'at', type: 3, value: `${String(i).padStart(2, '0')}:30` }]);
    }
    const { handle, message } = await history();
    expect(lines(message)).toHaveLength(10);
    expect(lines(message)[0]).toContain('21:30 → 22:30');
    expect(message.embeds?.[0]?.footer?.text).toMatch(/^Page 1 of 3 · 23 changes/);
    expect(buttons(message).map((b) => [b.label, b.disabled])).toEqual([
      ['Previous', true],
      ['Next', false],
    ]);
    const second = await press(handle.id, buttons(message)[1]?.custom_id ?? '');
    expect(second.response.type).toBe(7);
    expect(lines(second.message)[0]).toContain('11:30 → 12:30');
    expect(second.message.embeds?.[0]?.footer?.text).toMatch(/^Page 2 of 3/);
    const third = await press(handle.id, buttons(second.message)[1]?.custom_id ?? '');
    expect(lines(third.message)).toHaveLength(3);
    expect(lines(third.message)[2]).toContain('09:00 → 00:30');
    expect(buttons(third.message).map((b) => b.disabled)).toEqual([false, true]);
    const back = await press(handle.id, buttons(third.message)[0]?.custom_id ?? '');
    expect(back.message.embeds?.[0]?.footer?.text).toMatch(/^Page 2 of 3/);
  });

  it('keeps a removed server’s settings and history 30 days for a re-invite, then deletes them', async () => {
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    // An outage is not a removal.
    h.emulator.guildOutage(GUILD_ID);
    await h.emulator.waitFor(() => h.bot.client.guilds.cache.get(GUILD_ID)?.available === false || undefined);
    expect(await h.bot.membership.leftAt(GUILD_ID)).toBeNull();
    h.emulator.removeGuild(GUILD_ID);
    await eventually(async () => (await h.bot.membership.leftAt(GUILD_ID)) !== null);
    // Nothing is planned for a server the bot is not in; Khojaly's day passes without a post or a retry.
    expect((await h.bot.settings.get(GUILD_ID)).nextDueAt).toBeNull();
    const leftAt = (await h.bot.membership.leftAt(GUILD_ID)) ?? 0;
    h.clock.set('2027-02-26T06:00:00Z');
    expect((await h.bot.scheduler.tick()).servers).toBe(0);
    h.clock.ms = leftAt + 29 * DAY;
    expect(await h.bot.membership.sweep()).toBe(0);
    // Re-invited within the grace period: everything is as it was, and the next post is planned again.
    h.emulator.addGuild(testGuild());
    await eventually(async () => (await h.bot.membership.leftAt(GUILD_ID)) === null);
    expect(await h.bot.settings.get(GUILD_ID)).toMatchObject({
      channelId: TEXT_CHANNEL,
      nextDueAt: Date.parse('2027-04-02T05:00:00Z'), // Kalbajar, the next anniversary after 21 March
    });
    expect(await h.bot.settings.recentTrouble(GUILD_ID)).toEqual([]);
    expect(lines((await history()).message)).toHaveLength(1);
    // Removed again and not back within 30 days: deleted by the sweep.
    h.emulator.removeGuild(GUILD_ID);
    await eventually(async () => (await h.bot.membership.leftAt(GUILD_ID)) !== null);
    h.clock.ms += 30 * DAY + 1;
    expect(await h.bot.membership.sweep()).toBe(1);
    expect((await h.bot.settings.get(GUILD_ID)).channelId).toBeNull();
    expect((await h.bot.settings.history(GUILD_ID, 0, 10)).total).toBe(0);
  });

  it('a server missing from READY after a restart was removed while the bot was down', async () => {
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    await h.bot.stop();
    h.emulator.removeGuild(GUILD_ID);
    h.clock.passIdentifyWindow();
    await h.start();
    expect(await h.bot.membership.leftAt(GUILD_ID)).toBe(h.clock.ms);
    expect((await h.bot.settings.get(GUILD_ID)).channelId).toBe(TEXT_CHANNEL);
  });
});
