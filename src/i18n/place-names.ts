import type { Language, RemembranceEvent, Source } from '../domain/dataset.js';

/** A place's name as readers of `language` spell it. */
export function placeName(event: RemembranceEvent, language: Language): string {
  return event.names[language];
}

/**
 * What an event is called in titles: the name its cited source gives it (Khojaly: the Ministry's statement
 * calls it the Khojaly genocide), or else its place's name.
 */
export function eventName(event: RemembranceEvent, language: Language): string {
  return event.nameInSource?.names[language] ?? event.names[language];
}

/** A source cited inside a sentence of `language`, its publisher named as that language names it. */
export function citedAs(source: Source, language: Language): string {
  return source.citedAs[language];
}

/**
 * The name and, in brackets, the other spelling a reader needs: the source's spelling for readers of
 * other languages, the Azerbaijani spelling for English readers ("Fizuli (Füzuli)", "Физули (Fizuli)").
 */
export function placeTitle(event: RemembranceEvent, language: Language): string {
  const name = event.names[language];
  const other = language === 'en' ? event.names.az : event.names.source;
  return name === other ? name : `${name} (${other})`;
}

/** An autocomplete choice label (≤ 100 characters): the name, and the typed alias when that is what matched. */
export function choiceLabel(event: RemembranceEvent, language: Language, matchedName: string | null): string {
  const title = placeTitle(event, language);
  const known = Object.values(event.names).map((n) => n.toLowerCase());
  const label =
    matchedName && matchedName !== event.id && !known.includes(matchedName.toLowerCase())
      ? `${title} — ${matchedName}`
      : title;
  return label.slice(0, 100);
}
