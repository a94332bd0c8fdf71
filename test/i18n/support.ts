import type { Messages } from '../../src/i18n/locales/en.js';

export type Key = keyof Messages;

/** Keys whose functions take a bare number rather than a params object. */
export const NUMBER_KEYS: readonly Key[] = ['ordinal', 'years', 'days'];

/** Params whose every value is `⟦name⟧`, whatever the param is called. */
export function markerParams(): unknown {
  return new Proxy({}, { get: (_t, prop) => (typeof prop === 'string' ? `⟦${prop}⟧` : undefined) });
}

/** What a catalog entry shows: the string itself, or the function called with markers (or 34). */
export function sample(t: Messages, key: Key): string {
  const value = t[key];
  if (typeof value === 'string') return value;
  if (NUMBER_KEYS.includes(key)) return (value as (n: number) => string)(34);
  return (value as (p: unknown) => string)(markerParams());
}
