import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GUILD_ID, type Harness, MEMBER_ID, startHarness, TEXT_CHANNEL, visibleText } from './harness.js';

const EPHEMERAL = 1 << 6;

describe('lookup commands through the real discord.js client and the emulator', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-26T12:00:00Z' });
  });
  afterEach(async () => {
    await h.close();
    expect(h.emulator.violations).toEqual([]);
  });

  const run = (
    name: string,
    options: Array<{ name: string; type: number; value: string | number }> = [],
    locale = 'en-US',
  ) =>
    h.emulator.interact({
      type: 'command',
      name,
      options,
      guildId: GUILD_ID,
      channelId: TEXT_CHANNEL,
      user: { id: MEMBER_ID, locale },
      memberPermissions: '0',
    });

  it('logs in with the Guilds intent only and registers every command', async () => {
    expect(h.emulator.identifies[0]?.intents).toBe(1);
    const names = (h.emulator.commands() as Array<{ name: string }>).map((c) => c.name).sort();
    expect(names).toEqual(['calendar', 'config', 'district', 'khojaly', 'sources', 'timeline', 'upcoming']);
    expect(h.emulator.requests.filter((r) => r.route.startsWith('PUT /applications'))).toHaveLength(1);
  });

  it('skips registration on a restart when nothing changed', async () => {
    await h.bot.stop();
    h.clock.passIdentifyWindow();
    await h.start();
    expect(h.emulator.identifyRateViolations).toEqual([]);
    const puts = h.emulator.requests.filter((r) => r.method === 'PUT' && r.route.includes('/commands'));
    const gets = h.emulator.requests.filter((r) => r.method === 'GET' && r.route.includes('/commands'));
    expect(puts).toHaveLength(1);
    expect(gets).toHaveLength(2);
  });

  it('/district with a misspelled name answers the place with its source, quickly', async () => {
    const handle = await run('district', [{ name: 'name', type: 3, value: 'Füzuli' }]);
    const reply = await handle.final();
    const text = visibleText(reply);
    expect(text).toContain('Fizuli (Füzuli)');
    expect(text).toContain('23 August 1993');
    expect(text).toContain('1,390 km²');
    expect(text).toContain('33 years ago');
    expect(text).toContain('virtualkarabakh.az');
    expect(reply.allowed_mentions).toEqual({ parse: [], roles: [], users: [] });
    expect((reply.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(handle.ackMs()).toBeDefined();
  });

  it('/district autocomplete forgives spelling and answers at most 25 choices, best first', async () => {
    const handle = await h.emulator.interact({
      type: 'autocomplete',
      name: 'district',
      options: [{ name: 'name', type: 3, value: 'Физ', focused: true }],
      guildId: GUILD_ID,
      channelId: TEXT_CHANNEL,
      user: { id: MEMBER_ID },
    });
    const response = await handle.response();
    expect(response.type).toBe(8);
    expect(response.data.choices[0]).toEqual({ name: 'Fizuli (Füzuli)', value: 'fizuli' });
    expect(response.data.choices.length).toBeLessThanOrEqual(25);
  });

  it('an unknown name gets an ephemeral reply with the closest names', async () => {
    const reply = await (await run('district', [{ name: 'name', type: 3, value: 'Paris' }])).final();
    expect((reply.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.content).toMatch(/No place called “Paris”.*Did you mean/);
  });

  it('/khojaly gives the Ministry’s figures with attribution and link', async () => {
    const text = visibleText(await (await run('khojaly')).final());
    for (const figure of ['613', '106 women', '63 children', '70 elderly', '1,000', '1,275', '150']) {
      expect(text).toContain(figure);
    }
    expect(text).toContain('Ministry of Foreign Affairs of the Republic of Azerbaijan');
    expect(text).toContain('https://en.trend.az/azerbaijan/karabakh/2724545.html');
  });

  it('/timeline lists every entry in date order and never a total of the areas', async () => {
    const text = visibleText(await (await run('timeline')).final());
    const order = [
      'Nagorno-Karabakh',
      'Khojaly',
      'Shusha',
      'Lachin',
      'Kalbajar',
      'Aghdam',
      'Fizuli',
      'Jabrayil',
      'Gubadli',
      'Zangilan',
    ];
    const positions = order.map((n) => text.indexOf(n));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).not.toMatch(/13,682|13682|9,282|9282/);
  });

  it('/upcoming shows each anniversary once: its date and time here as text, and how soon; Khojaly first in late November', async () => {
    const reply = await (await run('upcoming', [{ name: 'count', type: 4, value: 3 }])).final();
    const text = visibleText(reply);
    const unix = Date.parse('2027-02-26T05:00:00Z') / 1000;
    expect(text).toContain(`26 February 2027, 09:00 Azerbaijan Standard Time (<t:${unix}:R>)`);
    expect(text).not.toMatch(/<t:\d+:[dDfFtTs]>/);
    expect(text.indexOf('Khojaly')).toBeLessThan(text.indexOf('Kalbajar'));
  });

  it('/sources lists each source with its link', async () => {
    const text = JSON.stringify(await (await run('sources')).final());
    expect(text).toContain('http://www.virtualkarabakh.az/read.php?lang=2&menu=42&id=5416');
    expect(text).toContain('https://en.trend.az/azerbaijan/karabakh/2724545.html');
  });

  it('an unexpected error is logged with the interaction id and the member is told that id', async () => {
    // A broken port makes the handler throw, as a database failure would.
    h.bot.settings.get = async () => {
      throw new Error('database exploded');
    };
    const handle = await run('upcoming');
    const reply = await handle.final();
    expect((reply.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.content).toContain(handle.id);
    const line = h.logs.find((l) => l.includes('interaction failed'));
    expect(line).toContain(handle.id);
  });

  it('never writes the token to the logs', async () => {
    await (await run('khojaly')).final();
    expect(h.logs.length).toBeGreaterThan(0);
    expect(h.logs.join('\n')).not.toContain(h.emulator.token);
  });
});
