import type { Language, RemembranceEvent } from '../domain/dataset.js';

/** A place's name as readers of `language` spell it. */
export function placeName(event: RemembranceEvent, language: Language): string {
  return event.names[language];
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
