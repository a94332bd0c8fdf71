import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCalendar } from '../render/ics-reader.js';
import { decodePng } from '../support/png.js';
import {
  GUILD_ID,
  type Harness,
  MEMBER_ID,
  runConfig,
  startHarness,
  TEXT_CHANNEL,
  visibleText,
} from './harness.js';

const EPHEMERAL = 1 << 6;
const VK = 'http://www.virtualkarabakh.az/read.php?lang=2&menu=42&id=5416';
const MFA = 'https://en.trend.az/azerbaijan/karabakh/2724545.html';

describe('/calendar and the /timeline picture through the real discord.js client and the emulator', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2026-11-26T12:00:00Z' });
  });
  afterEach(async () => {
    await h.close();
    expect(h.emulator.violations).toEqual([]);
  });

  /** SAVE_ATTACHMENTS=dir keeps what a member would download, to look at it (the picture) by eye. */
  const keep = (file: { filename: string; data: Buffer } | undefined) => {
    const dir = process.env.SAVE_ATTACHMENTS;
    if (dir && file) writeFileSync(join(dir, file.filename), file.data);
  };

  const run = async (name: string, locale = 'en-US') => {
    const handle = await h.emulator.interact({
      type: 'command',
      name,
      guildId: GUILD_ID,
      channelId: TEXT_CHANNEL,
      user: { id: MEMBER_ID, locale },
      memberPermissions: '0',
    });
    const reply = await handle.final();
    const files = handle.attachments();
    files.forEach(keep);
    return { reply, files };
  };

  it('/calendar answers everyone with an .ics file ical.js reads as yearly events with their sources', async () => {
    const { reply, files } = await run('calendar');
    expect((reply.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(visibleText(reply)).toContain('Nagorno-Karabakh: a period, not a single day');
    expect(files.map((f) => f.filename)).toEqual(['remembrance-anniversaries-en.ics']);
    const file = files[0];
    if (!file) throw new Error('no file');
    expect(file.size).toBe(file.data.length);
    const calendar = readCalendar(file.data.toString('utf8'));
    expect(calendar.events).toHaveLength(9);
    for (const event of calendar.events) {
      expect(event.rrule, event.uid).toBe('FREQ=YEARLY');
      expect(event.start.isDate, event.uid).toBe(true);
      expect(event.description, event.uid).toMatch(/Source: .+ — https?:\/\//);
    }
    const byUid = (id: string) => calendar.events.find((e) => e.uid === `${id}@remembrance-bot`);
    expect(byUid('khojaly')?.occurrences(2)).toEqual(['1992-02-26', '1993-02-26']);
    expect(byUid('khojaly')?.description).toContain(MFA);
    expect(byUid('shusha')?.start).toEqual({ year: 1992, month: 5, day: 8, isDate: true });
    expect(byUid('shusha')?.description).toContain('Territory: 289 km²');
    expect(byUid('shusha')?.description).toContain(VK);
    expect(byUid('nagorno-karabakh')).toBeUndefined();
  });

  it('/calendar in Azerbaijani (the server’s language) and Russian (the member’s client)', async () => {
    await runConfig(h, 'language', [{ name: 'language', type: 3, value: 'az' }]);
    const az = await run('calendar', 'de');
    expect(az.files[0]?.filename).toBe('remembrance-anniversaries-az.ics');
    const azEvents = readCalendar(az.files[0]?.data.toString('utf8') ?? '').events;
    const kalbajar = azEvents.find((e) => e.uid === 'kalbajar@remembrance-bot');
    expect(kalbajar?.summary).toBe('Kəlbəcər (Kalbajar): işğalın ildönümü (1993)');
    expect(kalbajar?.description).toContain('Ərazi: 3.054 km²');
    expect(kalbajar?.description).toContain(VK);
    const ru = await run('calendar', 'ru');
    const ruEvents = readCalendar(ru.files[0]?.data.toString('utf8') ?? '').events;
    expect(ruEvents.find((e) => e.uid === 'khojaly@remembrance-bot')?.summary).toBe(
      'Ходжалы (Khojaly): годовщина резни (1992)',
    );
    expect(ruEvents.map((e) => e.uid).sort()).toEqual(azEvents.map((e) => e.uid).sort());
  });

  it('/timeline keeps its text and attaches a whole PNG, shown in the embed, in the reader’s language', async () => {
    const { reply, files } = await run('timeline');
    expect(visibleText(reply)).toContain('**8 May 1992** — Shusha · 289 km²');
    expect(reply.embeds[0].image).toEqual({ url: 'attachment://timeline-en.png' });
    expect(files.map((f) => [f.filename, f.contentType])).toEqual([['timeline-en.png', 'image/png']]);
    const png = decodePng(files[0]?.data ?? Buffer.alloc(0));
    expect([png.width, png.height]).toEqual([1200, expect.any(Number)]);
    expect(png.height).toBeGreaterThan(600);
    expect(files[0]?.size).toBeLessThan(512 * 1024);
    expect(files[0]?.description).toMatch(/^A time axis from 1988 to 1993/);

    await runConfig(h, 'language', [{ name: 'language', type: 3, value: 'az' }]);
    const az = await run('timeline', 'de');
    expect(az.files[0]?.filename).toBe('timeline-az.png');
    expect(decodePng(az.files[0]?.data ?? Buffer.alloc(0)).width).toBe(1200);
    expect(az.files[0]?.data.equals(files[0]?.data ?? Buffer.alloc(0))).toBe(false);
  });
});
