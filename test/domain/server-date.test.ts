import { describe, expect, it } from 'vitest';
import { anniversaryOn } from '../../src/domain/anniversary.js';
import {
  checkServerDate,
  isAcceptableSource,
  parseIsoDate,
  plannedDay,
  type ServerDate,
  serverDateId,
  sourceLink,
} from '../../src/domain/server-date.js';

const today = { year: 2027, month: 11, day: 1 };
const input = {
  name: 'Return of Aghdam',
  date: '2020-11-20',
  source: 'https://example.org/a',
  text: 'Words',
};

describe('server dates', () => {
  it('reads ISO days and refuses other forms and days that do not exist', () => {
    expect(parseIsoDate('2020-02-29')).toEqual({ year: 2020, month: 2, day: 29 });
    expect(parseIsoDate('0099-01-01')).toEqual({ year: 99, month: 1, day: 1 });
    expect(parseIsoDate('2021-02-29')).toBe('date-not-a-day');
    expect(parseIsoDate('2021-13-01')).toBe('date-not-a-day');
    expect(parseIsoDate('20.11.2020')).toBe('date-format');
    expect(parseIsoDate('2020-1-5')).toBe('date-format');
  });

  it('accepts only https links without credentials, up to 512 characters', () => {
    expect(isAcceptableSource('https://example.org/a?b=c#d')).toBe(true);
    for (const bad of [
      'http://example.org',
      'HTTPS://user@example.org',
      'https://u:p@example.org',
      'ftp://example.org',
      'javascript:alert(1)',
      'https://',
      'https://exa mple.org',
      `https://example.org/${'a'.repeat(493)}`,
    ]) {
      expect(isAcceptableSource(bad), bad).toBe(false);
    }
    expect(isAcceptableSource(`https://example.org/${'a'.repeat(492)}`)).toBe(true);
    // Stored in the parser's form: nothing in it can close the brackets or quotes it is shown in.
    expect(sourceLink('https://example.org/a>b<c"d')).toBe('https://example.org/a%3Eb%3Cc%22d');
    expect(sourceLink('https://Example.org')).toBe('https://example.org/');
  });

  it('checks name, day (not after today), source and text, first problem first', () => {
    expect(checkServerDate(input, today)).toMatchObject({ ok: true, value: { name: 'Return of Aghdam' } });
    expect(checkServerDate({ ...input, name: ' a\n b ' }, today)).toMatchObject({
      ok: true,
      value: { name: 'a b' },
    });
    expect(checkServerDate({ ...input, name: '' }, today)).toEqual({ ok: false, problem: 'date-name' });
    expect(checkServerDate({ ...input, name: 'x'.repeat(81) }, today)).toEqual({
      ok: false,
      problem: 'date-name',
    });
    expect(checkServerDate({ ...input, date: '2027-11-01' }, today).ok).toBe(true);
    expect(checkServerDate({ ...input, date: '2027-11-02' }, today)).toEqual({
      ok: false,
      problem: 'date-future',
    });
    expect(checkServerDate({ ...input, source: 'http://x.org' }, today)).toEqual({
      ok: false,
      problem: 'date-source',
    });
    expect(checkServerDate({ ...input, text: 'y'.repeat(501) }, today)).toEqual({
      ok: false,
      problem: 'date-text',
    });
  });

  it('keeps one identity per name and day, whatever the spacing and case of the name', () => {
    const day = { year: 2020, month: 11, day: 20 };
    expect(serverDateId(' return  of AGHDAM ', day)).toBe(serverDateId('Return of Aghdam', day));
    expect(serverDateId('Return of Aghdam', { ...day, day: 21 })).not.toBe(
      serverDateId('Return of Aghdam', day),
    );
  });

  it('remembers 29 February on 28 February in common years', () => {
    const date = { date: { year: 2020, month: 2, day: 29 } } as ServerDate;
    expect(anniversaryOn(plannedDay(date), 2027)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(anniversaryOn(plannedDay(date), 2028)).toEqual({ year: 2028, month: 2, day: 29 });
  });
});
