import { describe, expect, it } from 'vitest';
import { postingTime } from '../../src/discord/render/posting-time.js';
import { localDate } from '../../src/domain/anniversary.js';
import { at } from '../domain/fixtures.js';

/** ICU puts a (narrow) no-break space in some places; compare words, not the kind of space. */
const spaced = (text: string) => text.replace(/\s/g, ' ');

// Khojaly 2027 at 09:00 in Baku (UTC+4).
const KHOJALY_BAKU = at('2027-02-26T05:00Z');

describe('postingTime', () => {
  it('names the server’s day even where a reader’s own zone is still on the day before', () => {
    // West of UTC−5 this instant is still 25 February: an absolute <t:…:F> would have shown the 25th there.
    expect(localDate(KHOJALY_BAKU, 'America/Los_Angeles')).toEqual({ year: 2027, month: 2, day: 25 });
    expect(postingTime(KHOJALY_BAKU, 'Asia/Baku', 'en')).toEqual({
      when: '26 February 2027, 09:00 Azerbaijan Standard Time',
      relative: `<t:${KHOJALY_BAKU / 1000}:R>`,
    });
  });

  it('names a server west of UTC−5 by its own day, though it is already the next day in UTC', () => {
    const evening = at('2027-02-26T05:30Z');
    expect(postingTime(evening, 'America/Los_Angeles', 'en')).toEqual({
      when: '25 February 2027, 21:30 Pacific Standard Time',
      relative: `<t:${evening / 1000}:R>`,
    });
  });

  it('names the zone as it is on that day: summer and winter time in Berlin', () => {
    expect(postingTime(at('2027-05-08T07:00Z'), 'Europe/Berlin', 'en').when).toBe(
      '8 May 2027, 09:00 Central European Summer Time',
    );
    expect(postingTime(at('2027-02-26T08:00Z'), 'Europe/Berlin', 'en').when).toBe(
      '26 February 2027, 09:00 Central European Standard Time',
    );
    // The day the clocks go forward: 09:00 is still 09:00, an hour nearer to UTC than the day before.
    expect(postingTime(at('2027-03-28T07:00Z'), 'Europe/Berlin', 'en').when).toBe(
      '28 March 2027, 09:00 Central European Summer Time',
    );
  });

  it.each([
    [
      'en',
      '26 February 2027, 09:00 Azerbaijan Standard Time',
      '8 May 2027, 09:00 Central European Summer Time',
    ],
    [
      'az',
      '26 fevral 2027, 09:00 (Azərbaycan Standart Vaxtı)',
      '8 may 2027, 09:00 (Mərkəzi Avropa Yay Vaxtı)',
    ],
    [
      'ru',
      '26 февраля 2027 г., 09:00 (Азербайджан, стандартное время)',
      '8 мая 2027 г., 09:00 (Центральная Европа, летнее время)',
    ],
    ['tr', '26 Şubat 2027, 09:00 (Azerbaycan Standart Saati)', '8 Mayıs 2027, 09:00 (Orta Avrupa Yaz Saati)'],
  ] as const)('%s: the date, time and zone in the language', (language, baku, berlin) => {
    const winter = postingTime(KHOJALY_BAKU, 'Asia/Baku', language);
    expect(spaced(winter.when)).toBe(baku);
    expect(winter.relative).toBe(`<t:${KHOJALY_BAKU / 1000}:R>`);
    expect(spaced(postingTime(at('2027-05-08T07:00Z'), 'Europe/Berlin', language).when)).toBe(berlin);
  });
});
