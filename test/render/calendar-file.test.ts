import { describe, expect, it } from 'vitest';
import { calendarCommand } from '../../commands/calendar.js';
import { calendarFile, renderCalendar } from '../../src/discord/render/calendar.js';
import { calendarReply } from '../../src/domain/calendar.js';
import { eventsWithDay, LANGUAGES } from '../../src/domain/dataset.js';
import { at, realDataset } from '../domain/fixtures.js';
import { commandContext, invocation } from './command-context.js';
import { readCalendar } from './ics-reader.js';

const NOW = at('2026-11-26T12:00:00Z');
const MFA = 'https://en.trend.az/azerbaijan/karabakh/2724545.html';
const VK = 'http://www.virtualkarabakh.az/read.php?lang=2&menu=42&id=5416';

describe('/calendar’s .ics file, read back by ical.js', () => {
  const dataset = realDataset();
  const reply = calendarReply(dataset, NOW);

  for (const language of LANGUAGES) {
    it(`in ${language}: one yearly all-day event per remembered day, with figures and sources`, () => {
      const cal = readCalendar(calendarFile(reply, language));
      const expected = eventsWithDay(dataset);
      expect(cal.events).toHaveLength(expected.length);
      expect(cal.method).toBe('PUBLISH');
      for (const event of expected) {
        const read = cal.events.find((e) => e.uid === `${event.id}@remembrance-bot`);
        expect(read, event.id).toBeDefined();
        if (!read) continue;
        const { year, month, day } = event.date;
        expect(read.start).toEqual({ year, month, day, isDate: true });
        expect(read.end?.isDate).toBe(true);
        expect(read.rrule).toBe('FREQ=YEARLY');
        expect(read.stamp).toBe('2026-11-26T12:00:00Z');
        const mm = String(month).padStart(2, '0');
        const dd = String(day).padStart(2, '0');
        expect(read.occurrences(3)).toEqual([0, 1, 2].map((k) => `${year + k}-${mm}-${dd}`));
        expect(read.summary).toContain(event.names[language]);
        const url = event.kind === 'massacre' ? MFA : VK;
        expect(read.description).toContain(url);
        expect(read.url).toBe(url);
        for (const f of event.figures) {
          const shown = new Intl.NumberFormat(language === 'en' ? 'en-GB' : language).format(f.value);
          expect(read.description.replace(/\s/g, ' ')).toContain(shown.replace(/\s/g, ' '));
        }
      }
    });
  }

  it('remembers Khojaly on 26 February and gives Nagorno-Karabakh (a period) no event', () => {
    const cal = readCalendar(calendarFile(reply, 'en'));
    const khojaly = cal.events.find((e) => e.uid === 'khojaly@remembrance-bot');
    expect(khojaly?.start).toEqual({ year: 1992, month: 2, day: 26, isDate: true });
    expect(khojaly?.summary).toBe('Khojaly (Xocalı): anniversary of the massacre (1992)');
    expect(khojaly?.description).toContain('The night of 25–26 February 1992.');
    expect(khojaly?.description).toContain('Ministry of Foreign Affairs of the Republic of Azerbaijan');
    expect(cal.events.some((e) => e.uid.startsWith('nagorno-karabakh'))).toBe(false);
    expect(cal.name).toBe('Remembrance anniversaries');
  });

  it('writes RFC 5545 lines: CRLF, folded at 75 octets, text escaped', () => {
    for (const language of LANGUAGES) {
      const text = calendarFile(reply, language);
      expect(text.endsWith('\r\n') || text.endsWith('END:VCALENDAR')).toBe(true);
      const lines = text.split('\r\n');
      expect(lines.every((l) => !l.includes('\n'))).toBe(true);
      for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    }
    // A comma in the citation is escaped, so a parser does not split the text there.
    const en = calendarFile(reply, 'en');
    expect(en).toContain('\\,');
    expect(
      readCalendar(en).events.some((e) =>
        e.description.includes('"The Occupation in Figures", virtualkarabakh.az'),
      ),
    ).toBe(true);
  });

  it('is the same file (UIDs included) for the same instant, so a re-import updates rather than duplicates', () => {
    expect(calendarFile(calendarReply(dataset, NOW), 'ru')).toBe(calendarFile(reply, 'ru'));
    const uids = (l: 'en' | 'az') => readCalendar(calendarFile(reply, l)).events.map((e) => e.uid);
    expect(uids('az')).toEqual(uids('en'));
  });

  it('the command replies publicly with the file and the dates as text', async () => {
    const ctx = commandContext(dataset, NOW);
    const result = await calendarCommand.execute(invocation(), ctx);
    expect(result.ephemeral).toBe(false);
    const payload = renderCalendar(result.reply as typeof reply, 'az');
    expect(payload.files?.[0]?.name).toBe('remembrance-anniversaries-az.ics');
    const text = payload.embeds[0]?.description ?? '';
    expect(text).toContain('26 fevral');
    expect(text).toContain('Dağlıq Qarabağ: bir gün deyil, dövrdür');
  });
});
