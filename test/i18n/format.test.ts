import { Locale } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/domain/dataset.js';
import {
  formatAlternatives,
  formatDate,
  formatIsoDate,
  formatNumber,
  replyLanguage,
} from '../../src/i18n/index.js';

describe('formatNumber', () => {
  it.each([
    ['en', '4,400'],
    ['az', '4.400'],
    ['ru', '4\u00a0400'],
    ['tr', '4.400'],
  ] as const)('%s writes 4400 as %s', (language, text) => {
    expect(formatNumber(4400, language)).toBe(text);
  });

  it('leaves small numbers alone', () => {
    for (const language of LANGUAGES) expect(formatNumber(613, language)).toBe('613');
  });
});

/** ICU puts a (narrow) no-break space in some places; compare words, not the kind of space. */
const spaced = (text: string) => text.replace(/\s/g, ' ');

describe('formatDate', () => {
  it.each([
    ['en', '8 May 1992', '26 February'],
    ['az', '8 may 1992', '26 fevral'],
    ['ru', '8 мая 1992 г.', '26 февраля'],
    ['tr', '8 Mayıs 1992', '26 Şubat'],
  ] as const)('%s: %s, %s', (language, withYear, withoutYear) => {
    expect(spaced(formatDate({ year: 1992, month: 5, day: 8 }, language))).toBe(withYear);
    expect(formatDate({ year: 2000, month: 2, day: 26 }, language, false)).toBe(withoutYear);
  });

  it('reads ISO dates', () => {
    expect(spaced(formatIsoDate('2017-02-23', 'ru'))).toBe('23 февраля 2017 г.');
    expect(formatIsoDate('2017-02-23', 'tr')).toBe('23 Şubat 2017');
  });
});

describe('formatAlternatives', () => {
  it.each([
    ['en', 'A, B or C'],
    ['az', 'A, B və ya C'],
    ['ru', 'A, B или C'],
    ['tr', 'A, B ya da C'],
  ] as const)('%s: %s', (language, text) => {
    expect(formatAlternatives(['A', 'B', 'C'], language)).toBe(text);
  });
});

describe('replyLanguage', () => {
  it.each([
    ['ru', 'en', 'ru'],
    ['tr', 'az', 'tr'],
    ['en-US', 'ru', 'en'],
    ['en-GB', 'tr', 'en'],
    ['de', 'az', 'az'],
    ['de', 'ru', 'ru'],
    ['uk', 'tr', 'tr'],
    [undefined, 'az', 'az'],
    [null, 'tr', 'tr'],
    ['', 'ru', 'ru'],
  ] as const)('client %s on a %s server → %s', (locale, server, expected) => {
    expect(replyLanguage(locale, server)).toBe(expected);
  });

  it('never answers az from a client locale: it comes only from the server', () => {
    for (const locale of [...Object.values(Locale), 'az', 'az-AZ']) {
      for (const server of ['en', 'ru', 'tr'] as const) {
        expect(replyLanguage(locale, server), `${locale} on ${server}`).not.toBe('az');
      }
    }
  });
});
