import type { Language } from '../domain/dataset.js';

/** Each language's name in itself, as a server admin picks it (shown the same whatever the reader's language). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  az: 'Azərbaycanca',
  ru: 'Русский',
  tr: 'Türkçe',
};
