import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/domain/dataset.js';
import { messages } from '../../src/i18n/index.js';
import { en } from '../../src/i18n/locales/en.js';
import { type Key, sample } from './support.js';

const allKeys = Object.keys(en) as Key[];
const others = LANGUAGES.filter((l) => l !== 'en');

/** Functions whose output may equal English: they only arrange values and punctuation. */
const SAME_AS_ENGLISH = new Set<Key>([
  'km2',
  'placeDateValue',
  'timelinePeriod',
  'configNextLine',
  'historyLine',
  'historyChange',
]);

/** English words that must not be left in a translation (outside brackets and placeholders). */
const ENGLISH_WORDS = new Set(
  'the and of with will not is are to nothing changed channel channels notice notices anniversary anniversaries source sources choose time zone role paused posted please settings ago years year killed in next again failed missing send messages embed links wounded mention status language remembered cite supports preview'.split(
    ' ',
  ),
);

/** A translation's words, without placeholders, command names and the bracketed Discord names az gives. */
function words(text: string): string[] {
  return text
    .replace(/⟦\w+⟧/g, ' ')
    .replace(/\/[a-z]+(?: [a-z]+)?/g, ' ')
    .replace(/\([^)]*\)/g, ' ')
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

describe('catalogs', () => {
  it('are four distinct catalogs', () => {
    expect(new Set(LANGUAGES.map((l) => messages(l))).size).toBe(4);
    expect(LANGUAGES.map((l) => messages(l).intlLocale)).toEqual(['en-GB', 'az', 'ru', 'tr']);
  });

  describe.each(LANGUAGES)('%s', (language) => {
    const t = messages(language);

    it('has exactly the keys of English, each of the same kind', () => {
      expect(Object.keys(t).sort()).toEqual([...allKeys].sort());
      for (const key of allKeys) expect(typeof t[key], key).toBe(typeof en[key]);
    });

    it.each(allKeys)('%s is not empty and has no stray whitespace or "undefined"', (key) => {
      const text = sample(t, key);
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text).toBe(text.trim());
      expect(text).not.toMatch(/undefined|\[object|\s{2}/);
    });
  });

  describe.each(others)('%s is translated', (language) => {
    const t = messages(language);

    it.each(allKeys.filter((k) => !SAME_AS_ENGLISH.has(k)))('%s differs from English', (key) => {
      expect(sample(t, key)).not.toBe(sample(en, key));
    });

    it.each(allKeys)('%s has no English words left', (key) => {
      expect(words(sample(t, key)).filter((w) => ENGLISH_WORDS.has(w))).toEqual([]);
    });
  });

  it('names the language each server setting writes in', () => {
    expect(messages('az').updatedLanguage).toContain('Azərbaycan dilində');
    expect(messages('ru').updatedLanguage).toContain('на русском языке');
    expect(messages('tr').updatedLanguage).toContain('Türkçe');
  });

  it('uses Discord’s own permission names in Russian and Turkish, and the English ones in brackets in az', () => {
    expect(messages('ru')).toMatchObject({
      permissionViewChannel: '«Просматривать канал»',
      permissionSendMessages: '«Отправлять сообщения»',
      permissionEmbedLinks: '«Встраивать ссылки»',
    });
    expect(messages('tr')).toMatchObject({
      permissionViewChannel: 'Kanalı Görüntüle',
      permissionSendMessages: 'Mesaj Gönder',
      permissionEmbedLinks: 'Bağlantı Yerleştir',
    });
    expect(messages('az').permissionViewChannel).toMatch(/\(View Channel\)$/);
    expect(messages('az').permissionSendMessages).toMatch(/\(Send Messages\)$/);
    expect(messages('az').permissionEmbedLinks).toMatch(/\(Embed Links\)$/);
    expect(messages('ru').errorManageGuild).toContain('«Управлять сервером»');
    expect(messages('tr').errorManageGuild).toContain('Sunucuyu Yönet');
    expect(messages('az').errorManageGuild).toContain('(Manage Server)');
  });

  it('keeps the source’s citation as given in every attribution', () => {
    const citation = '"The Occupation in Figures", virtualkarabakh.az';
    for (const language of LANGUAGES) {
      const t = messages(language);
      expect(t.accordingTo({ citation })).toContain(citation);
      expect(t.khojalyAttribution({ citation })).toContain(citation);
      expect(t.nameAndFiguresAccordingTo({ citation })).toContain(citation);
    }
  });

  it('spot-checks a few translations', () => {
    expect(messages('ru').noticeOccupationTitle({ name: 'Шуша', ordinal: messages('ru').ordinal(34) })).toBe(
      'Шуша: 34-я годовщина оккупации',
    );
    expect(messages('tr').noticeOccupationTitle({ name: 'Şuşa', ordinal: messages('tr').ordinal(34) })).toBe(
      'Şuşa: işgalin 34. yıl dönümü',
    );
    expect(messages('az').noticeOccupationTitle({ name: 'Şuşa', ordinal: messages('az').ordinal(34) })).toBe(
      'Şuşa: işğalın 34-cü ildönümü',
    );
    expect(messages('ru').yearsAgo({ years: messages('ru').years(33) })).toBe('33 года назад');
    expect(messages('tr').yearsAgo({ years: messages('tr').years(35) })).toBe('35 yıl önce');
    expect(messages('az').yearsAgo({ years: messages('az').years(35) })).toBe('35 il əvvəl');
  });
});
