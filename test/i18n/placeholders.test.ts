import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/domain/dataset.js';
import { messages } from '../../src/i18n/index.js';
import { en } from '../../src/i18n/locales/en.js';
import { type Key, NUMBER_KEYS, sample } from './support.js';

const allKeys = Object.keys(en) as Key[];
const paramKeys = allKeys.filter((key) => typeof en[key] === 'function' && !NUMBER_KEYS.includes(key));
const others = LANGUAGES.filter((l) => l !== 'en');

/**
 * Calls a catalog function with params whose every value is a unique marker, whatever the param is called,
 * and returns the names of the params whose marker appears in the output.
 */
function shownParams(fn: unknown, kind: 'string' | 'number'): string[] {
  const values = new Map<string, string | number>();
  const params = new Proxy(
    {},
    {
      get(_target, prop) {
        if (typeof prop !== 'string') return undefined;
        if (!values.has(prop))
          values.set(prop, kind === 'string' ? `⟦${prop}⟧` : 9_100_003 + values.size * 7_919);
        return values.get(prop);
      },
    },
  );
  const output = String((fn as (p: unknown) => unknown)(params));
  return [...values.entries()]
    .filter(([, marker]) => output.includes(String(marker)))
    .map(([name]) => name)
    .sort();
}

/** Every param an English function reads. */
function readParams(fn: unknown): string[] {
  const names = new Set<string>();
  const params = new Proxy(
    {},
    {
      get(_target, prop) {
        if (typeof prop === 'string') names.add(prop);
        return 'x';
      },
    },
  );
  (fn as (p: unknown) => string)(params);
  return [...names].sort();
}

const count = (text: string, token: string) => text.split(token).length - 1;

describe('placeholders', () => {
  it('covers the parameterised keys', () => {
    expect(paramKeys.length).toBeGreaterThan(40);
  });

  it.each(paramKeys)('en %s shows every param it reads', (key) => {
    expect(shownParams(en[key], 'string')).toEqual(readParams(en[key]));
  });

  describe.each(others)('%s', (language) => {
    const t = messages(language);

    it.each(paramKeys)('%s shows exactly the params English shows (string markers)', (key) => {
      expect(shownParams(t[key], 'string')).toEqual(shownParams(en[key], 'string'));
    });

    it.each(paramKeys)('%s shows exactly the params English shows (number markers)', (key) => {
      expect(shownParams(t[key], 'number')).toEqual(shownParams(en[key], 'number'));
    });

    it.each(allKeys)('%s keeps the Discord markdown English has', (key) => {
      const mine = sample(t, key);
      const english = sample(en, key);
      for (const token of ['**', '`', '||', '~~', '<t:', '<#', '<@']) {
        expect(count(mine, token), token).toBe(count(english, token));
      }
    });
  });
});
