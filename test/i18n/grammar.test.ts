import { describe, expect, it } from 'vitest';
import { messages } from '../../src/i18n/index.js';
import { azOrdinalSuffix } from '../../src/i18n/locales/az.js';

describe('Russian years', () => {
  it.each([
    [1, '1 год'],
    [2, '2 года'],
    [3, '3 года'],
    [4, '4 года'],
    [5, '5 лет'],
    [11, '11 лет'],
    [12, '12 лет'],
    [14, '14 лет'],
    [21, '21 год'],
    [22, '22 года'],
    [25, '25 лет'],
    [34, '34 года'],
    [35, '35 лет'],
    [100, '100 лет'],
    [101, '101 год'],
    [111, '111 лет'],
  ])('%i → %s', (n, text) => {
    expect(messages('ru').years(n)).toBe(text);
  });
});

describe('Russian days (how many remain before an anniversary)', () => {
  it.each([
    [1, '1 день'],
    [2, '2 дня'],
    [4, '4 дня'],
    [5, '5 дней'],
    [11, '11 дней'],
    [21, '21 день'],
    [22, '22 дня'],
    [30, '30 дней'],
  ])('%i → %s', (n, text) => {
    expect(messages('ru').days(n)).toBe(text);
  });

  it('reads as a sentence in every language', () => {
    expect(messages('en').reminderLabel({ days: messages('en').days(1) })).toBe(
      '**Reminder:** 1 day until this anniversary.',
    );
    expect(messages('ru').reminderLabel({ days: messages('ru').days(3) })).toBe(
      '**Напоминание:** до этой годовщины осталось 3 дня.',
    );
    expect(messages('az').reminderLabel({ days: messages('az').days(7) })).toBe(
      '**Xatırlatma:** bu ildönümünə 7 gün qalıb.',
    );
    expect(messages('tr').reminderLabel({ days: messages('tr').days(7) })).toBe(
      '**Hatırlatma:** bu yıl dönümüne 7 gün kaldı.',
    );
  });
});

describe('no plural after a number in Azerbaijani and Turkish', () => {
  it.each([1, 2, 5, 35])('%i', (n) => {
    expect(messages('az').years(n)).toBe(`${n} il`);
    expect(messages('tr').years(n)).toBe(`${n} yıl`);
  });
});

describe('ordinals', () => {
  it('Russian agrees with «годовщина»', () => {
    expect([1, 2, 3, 34, 100].map(messages('ru').ordinal)).toEqual(['1-я', '2-я', '3-я', '34-я', '100-я']);
  });

  it('Turkish writes a dot', () => {
    expect([1, 34, 100].map(messages('tr').ordinal)).toEqual(['1.', '34.', '100.']);
  });

  it.each([
    [1, '1-ci'],
    [2, '2-ci'],
    [3, '3-cü'],
    [4, '4-cü'],
    [5, '5-ci'],
    [6, '6-cı'],
    [7, '7-ci'],
    [8, '8-ci'],
    [9, '9-cu'],
    [10, '10-cu'],
    [20, '20-ci'],
    [30, '30-cu'],
    [40, '40-cı'],
    [50, '50-ci'],
    [60, '60-cı'],
    [70, '70-ci'],
    [80, '80-ci'],
    [90, '90-cı'],
    [100, '100-cü'],
    [33, '33-cü'],
    [34, '34-cü'],
    [35, '35-ci'],
    [36, '36-cı'],
    [39, '39-cu'],
    [110, '110-cu'],
    [200, '200-cü'],
    [1000, '1000-ci'],
    [2000, '2000-ci'],
    [1_000_000, '1000000-cu'],
  ])('Azerbaijani %i → %s', (n, text) => {
    expect(messages('az').ordinal(n)).toBe(text);
  });

  it('Azerbaijani suffix always harmonises with one of the four vowels', () => {
    for (let n = 0; n <= 2030; n++) expect(azOrdinalSuffix(n)).toMatch(/^c[ıiuü]$/);
  });
});
