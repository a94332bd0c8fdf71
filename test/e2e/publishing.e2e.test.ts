import { afterEach, describe, expect, it } from 'vitest';
import type { PublicationLedger } from '../../src/store/publication-ledger.js';
import { CROSSPOSTED } from '../emulator/crosspost.js';
import { GUILD_ID, type Harness, NEWS_CHANNEL, runConfig, startHarness, TEXT_CHANNEL } from './harness.js';

// Khojaly 2027: 26 Feb 09:00 in Asia/Baku (UTC+4) is 05:00Z.
const KHOJALY_2027 = Date.parse('2027-02-26T05:00:00Z');
const MINUTE = 60_000;
const KEY = { guildId: GUILD_ID, eventId: 'khojaly', year: 2027 };

const publications = (h: Harness) =>
  (
    h.bot.scheduler as unknown as {
      deps: { publishing: { deps: { ledger: PublicationLedger } } };
    }
  ).deps.publishing.deps.ledger;
const requests = (h: Harness, route: string) => h.emulator.requests.filter((r) => r.route === route);
const CROSSPOST = 'POST /channels/:id/messages/:id/crosspost';
const POST = 'POST /channels/:id/messages';

describe('notices in an announcement channel are published, through discord.js and the emulator', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
    expect(h.emulator.violations).toEqual([]);
  });

  it('publishes the notice once, and not again after a restart', async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: NEWS_CHANNEL }]);
    h.clock.ms = KHOJALY_2027;
    await h.bot.scheduler.tick();
    const [notice] = h.emulator.messages(NEWS_CHANNEL);
    expect(h.emulator.messages(NEWS_CHANNEL)).toHaveLength(1);
    expect((notice?.flags ?? 0) & CROSSPOSTED).toBe(CROSSPOSTED);
    expect(requests(h, CROSSPOST)).toHaveLength(1);
    expect(await publications(h).get(KEY)).toMatchObject({ status: 'published', messageId: notice?.id });
    await h.bot.stop();
    h.clock.passIdentifyWindow();
    await h.start();
    h.clock.ms = KHOJALY_2027 + 30 * MINUTE;
    await h.bot.scheduler.tick();
    expect(requests(h, CROSSPOST)).toHaveLength(1);
    expect(h.emulator.messages(NEWS_CHANNEL)).toHaveLength(1);
  });

  it('does not publish in an ordinary text channel', async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: TEXT_CHANNEL }]);
    h.clock.ms = KHOJALY_2027;
    await h.bot.scheduler.tick();
    expect(h.emulator.messages(TEXT_CHANNEL)).toHaveLength(1);
    expect(requests(h, CROSSPOST)).toHaveLength(0);
    expect(await publications(h).get(KEY)).toBeNull();
  });

  it('takes the hourly publish limit as an answer, shows it, and publishes later without a second notice', async () => {
    h = await startHarness({ now: '2027-02-20T12:00:00Z' });
    await runConfig(h, 'channel', [{ name: 'channel', type: 7, value: NEWS_CHANNEL }]);
    // The channel's moderators published 10 messages in the 50 minutes before 09:00.
    for (let i = 0; i < 10; i++)
      h.emulator.publishes.note(NEWS_CHANNEL, KHOJALY_2027 - 50 * MINUTE + i * MINUTE);
    h.clock.ms = KHOJALY_2027;
    const started = Date.now();
    await h.bot.scheduler.tick();
    // Not waited out in discord.js's queue (that would take 10 minutes).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(requests(h, CROSSPOST).map((r) => r.status)).toEqual([429]);
    const pending = await publications(h).get(KEY);
    expect(pending).toMatchObject({ status: 'pending', reason: 'rate-limited', attempts: 1 });
    expect(pending?.nextAt).toBeGreaterThanOrEqual(KHOJALY_2027 + 10 * MINUTE);
    expect(pending?.nextAt).toBeLessThan(KHOJALY_2027 + 11 * MINUTE);
    // Other requests are not held up: /config answers at once and shows the pending publish.
    const show = await runConfig(h, 'show');
    expect(JSON.stringify(show)).toContain('not yet published to following servers');

    h.clock.ms = KHOJALY_2027 + 5 * MINUTE;
    await h.bot.scheduler.tick();
    expect(requests(h, CROSSPOST)).toHaveLength(1);
    h.clock.ms = KHOJALY_2027 + 11 * MINUTE;
    await h.bot.scheduler.tick();
    expect(requests(h, CROSSPOST).map((r) => r.status)).toEqual([429, 200]);
    expect(await publications(h).get(KEY)).toMatchObject({ status: 'published' });
    // One notice, posted once: the publish retry never sends it again.
    expect(requests(h, POST)).toHaveLength(1);
    expect(h.emulator.messages(NEWS_CHANNEL)).toHaveLength(1);
  });
});
