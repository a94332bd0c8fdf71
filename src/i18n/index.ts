import { DateTime } from 'luxon';
import type { CalendarDate } from '../domain/anniversary.js';
import type { Language } from '../domain/dataset.js';
import { az } from './locales/az.js';
import { en, type Messages } from './locales/en.js';
import { ru } from './locales/ru.js';
import { tr } from './locales/tr.js';

const catalogs: Record<Language, Messages> = { en, az, ru, tr };

/** The messages of a language. */
export function messages(language: Language): Messages {
  return catalogs[language];
}

/** A number with the language's thousands separator (4,400 · 4 400 · 4.400). */
export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(catalogs[language].intlLocale).format(value);
}

/** A calendar date in words, in the language (8 May 1992 · 8 мая 1992 г.). */
export function formatDate(date: CalendarDate, language: Language, withYear = true): string {
  const dt = DateTime.fromObject(date, { zone: 'UTC' }).setLocale(catalogs[language].intlLocale);
  return dt.toLocaleString(
    withYear ? { day: 'numeric', month: 'long', year: 'numeric' } : { day: 'numeric', month: 'long' },
  );
}

/**
 * The wall-clock time of an instant in a zone, with the zone's name in the language for that instant
 * ("09:00", "Azerbaijan Standard Time" · "Азербайджан, стандартное время"): text every reader sees the
 * same, wherever they are.
 */
export function formatZonedTime(
  at: number,
  zone: string,
  language: Language,
): { time: string; zone: string } {
  const time = DateTime.fromMillis(at, { zone }).toFormat('HH:mm');
  const name = new Intl.DateTimeFormat(catalogs[language].intlLocale, {
    timeZone: zone,
    timeZoneName: 'long',
  })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return { time, zone: name ?? zone };
}

/** An ISO date (2017-02-23) in words. */
export function formatIsoDate(iso: string, language: Language): string {
  const [year, month, day] = iso.split('-').map(Number);
  return formatDate({ year: year ?? 0, month: month ?? 1, day: day ?? 1 }, language);
}

/** A list joined the language's way: "A, B or C". */
export function formatAlternatives(items: string[], language: Language): string {
  const or = catalogs[language].or;
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${or} ${items[items.length - 1]}`;
}

/**
 * The reply language for a member: their Discord client locale when the bot speaks it,
 * otherwise the server's language. Azerbaijani is not a Discord locale, so it comes only from the server.
 */
export function replyLanguage(discordLocale: string | null | undefined, serverLanguage: Language): Language {
  if (!discordLocale) return serverLanguage;
  if (discordLocale === 'ru') return 'ru';
  if (discordLocale === 'tr') return 'tr';
  if (discordLocale.startsWith('en')) return 'en';
  return serverLanguage;
}
