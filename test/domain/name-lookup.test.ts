import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, RemembranceEvent } from '../../src/domain/dataset.js';
import {
  buildNameIndex,
  closestPlaces,
  findPlaces,
  type NameIndex,
  type NameMatch,
  resolvePlace,
} from '../../src/domain/name-lookup.js';
import { foldName } from '../../src/domain/text-fold.js';
import { realDataset } from './fixtures.js';

/**
 * The name table of shared/reference/sources-and-names.md, every column: as in source, Azerbaijani,
 * other English spellings, Russian, Turkish, other names in use.
 */
const NAME_TABLE: Record<string, string[]> = {
  'nagorno-karabakh': [
    'Nagorno-Karabakh',
    'Dağlıq Qarabağ',
    'Karabakh',
    'Upper Karabakh',
    'Нагорный Карабах',
    'Dağlık Karabağ',
    'Artsakh',
  ],
  shusha: ['Shusha', 'Şuşa', 'Shushi', 'Шуша', 'Şuşa', 'Shushi'],
  lachin: ['Lachin', 'Laçın', 'Lachyn', 'Лачин', 'Laçin', 'Berdzor'],
  kalbajar: [
    'Kalbajar',
    'Kəlbəcər',
    'Kelbajar',
    'Kelbadjar',
    'Kelbadzhar',
    'Кельбаджар',
    'Kelbecer',
    'Karvachar',
  ],
  aghdam: ['Aghdam', 'Ağdam', 'Agdam', 'Агдам', 'Ağdam', 'Akna'],
  fizuli: ['Fizuli', 'Füzuli', 'Fuzuli', 'Физули', 'Fuzuli', 'Varanda'],
  jabrayil: [
    'Jabrayil',
    'Cəbrayıl',
    'Jabrail',
    'Jebrail',
    'Jabrayl',
    'Джебраил',
    'Джабраил',
    'Cebrail',
    'Mekhakavan',
  ],
  gubadli: [
    'Gubadli',
    'Qubadlı',
    'Qubadli',
    'Kubatly',
    'Kubatlu',
    'Губадлы',
    'Кубатлы',
    'Kubadlı',
    'Kashunik',
  ],
  zangilan: ['Zangilan', 'Zəngilan', 'Zangelan', 'Зангилан', 'Zengilan', 'Kovsakan'],
  khojaly: ['Khojaly', 'Xocalı', 'Khojali', 'Khodjaly', 'Ходжалы', 'Hocalı', 'Khojalu'],
};

const TIER_RANK = { exact: 0, prefix: 1, substring: 2, near: 3 } as const;

/** Whether matches come best first: by tier, then by edit distance. */
function isRanked(matches: readonly NameMatch[]): boolean {
  return matches.every((m, i) => {
    const prev = matches[i - 1];
    if (!prev) return true;
    const byTier = TIER_RANK[m.tier] - TIER_RANK[prev.tier];
    return byTier > 0 || (byTier === 0 && m.distance >= prev.distance);
  });
}

/** A made-up event with one name, for indexes the real dataset cannot produce. */
function syntheticEvent(id: string, name: string): RemembranceEvent {
  return {
    id,
    kind: 'occupation',
    names: { source: name, en: name, az: name, ru: name, tr: name },
    aliases: [],
    date: { type: 'day', year: 1993, month: 1, day: 1 },
    dateAsInSource: { sourceId: 's', quote: name, text: name },
    figures: [{ id: 'territory', kind: 'territory', value: 1, unit: 'km2', sourceId: 's', quote: name }],
  };
}

describe('name lookup over the real dataset', () => {
  let dataset: Dataset;
  let index: NameIndex;
  beforeAll(() => {
    dataset = realDataset();
    index = buildNameIndex(dataset.events);
  });

  it('covers every event of the dataset in the name table', () => {
    expect(Object.keys(NAME_TABLE).sort()).toEqual(dataset.events.map((e) => e.id).sort());
  });

  for (const [id, variants] of Object.entries(NAME_TABLE)) {
    for (const variant of new Set(variants)) {
      it(`"${variant}" resolves to ${id} and comes first`, () => {
        expect(resolvePlace(index, dataset, variant)).toEqual({ found: true, eventId: id });
        const [first] = findPlaces(index, variant);
        expect(first?.eventId).toBe(id);
        expect(first?.tier).toBe('exact');
      });
    }
  }

  it('resolves each event by its id, with stray spaces', () => {
    for (const event of dataset.events) {
      expect(resolvePlace(index, dataset, ` ${event.id} `)).toEqual({ found: true, eventId: event.id });
    }
  });

  it('folds case and Azerbaijani and Turkish letters', () => {
    expect(foldName('Şuşa')).toBe('susa');
    expect(foldName('suşa')).toBe('susa');
    expect(foldName('SHUSHA')).toBe('shusha');
    expect(foldName('Kəlbəcər')).toBe('kalbacar');
    expect(foldName('Nagorno–Karabakh')).toBe(foldName('nagorno karabakh'));
    for (const query of ['suşa', 'SHUSHA', 'Şuşa', 'şuşa', 'SUSA', 'shushá']) {
      expect(findPlaces(index, query)[0]?.eventId, query).toBe('shusha');
      expect(resolvePlace(index, dataset, query), query).toEqual({ found: true, eventId: 'shusha' });
    }
    for (const query of ['kelbecer', 'Kəlbəcər', 'KƏLBƏCƏR', 'kalbacar', 'KELBECER']) {
      expect(findPlaces(index, query)[0], query).toMatchObject({ eventId: 'kalbajar', tier: 'exact' });
    }
    // Dotless ı, and a capital I lower-cased the Turkish way, both read as i.
    expect(foldName('Xocalı')).toBe('xocali');
    expect(foldName('KHOJALI')).toBe('khojali');
    expect(foldName('Cəbrayıl')).toBe('cabrayil');
    expect(foldName('Ağdam Füzuli Laçın')).toBe('agdamfuzulilacin');
    for (const [query, id] of [
      ['xocali', 'khojaly'],
      ['kubadli', 'gubadli'],
      ['cabrayil', 'jabrayil'],
      ['LAÇIN', 'lachin'],
    ] as const) {
      expect(findPlaces(index, query)[0], query).toMatchObject({ eventId: id, tier: 'exact' });
    }
  });

  it('reads Cyrillic as Latin both ways ("Физули" and "fizuli")', () => {
    expect(findPlaces(index, 'Физ')[0]).toMatchObject({ eventId: 'fizuli', tier: 'prefix' });
    expect(findPlaces(index, 'kelbadzh')[0]).toMatchObject({ eventId: 'kalbajar', tier: 'prefix' });
  });

  it('resolves the misspellings people make', () => {
    for (const [query, id] of [
      ['Fizzuli', 'fizuli'],
      ['Shusa', 'shusha'],
      ['Kalbajr', 'kalbajar'],
      ['Fuzul', 'fizuli'],
      ['Khojalli', 'khojaly'],
      ['Zangilian', 'zangilan'],
      ['Jebrayil', 'jabrayil'],
    ] as const) {
      expect(resolvePlace(index, dataset, query), query).toEqual({ found: true, eventId: id });
      expect(findPlaces(index, query)[0]?.eventId, query).toBe(id);
    }
    expect(findPlaces(index, 'Fizzuli')[0]).toMatchObject({ tier: 'near', distance: 1 });
  });

  it('finds nothing for "Paris", but suggests the closest names', () => {
    expect(findPlaces(index, 'Paris')).toEqual([]);
    const resolution = resolvePlace(index, dataset, 'Paris');
    expect(resolution.found).toBe(false);
    if (resolution.found) return;
    expect(resolution.suggestions).toHaveLength(3);
    expect(new Set(resolution.suggestions.map((s) => s.eventId)).size).toBe(3);
    expect(resolution.suggestions.map((s) => s.distance)).toEqual(
      [...resolution.suggestions.map((s) => s.distance)].sort((a, b) => a - b),
    );
    expect(resolution.suggestions).toEqual(closestPlaces(index, 'Paris', 3));
  });

  it('does not guess between two equally good matches ("kar": Karabakh or Karvachar)', () => {
    const resolution = resolvePlace(index, dataset, 'kar');
    expect(resolution).toMatchObject({ found: false });
    if (resolution.found) return;
    expect(resolution.suggestions.map((s) => s.eventId).sort()).toEqual(['kalbajar', 'nagorno-karabakh']);
  });

  it('finds nothing for empty or punctuation-only text', () => {
    expect(findPlaces(index, '')).toEqual([]);
    expect(findPlaces(index, ' -–. ')).toEqual([]);
  });

  it('ranks a prefix before a near miss in the real index ("kara")', () => {
    const matches = findPlaces(index, 'kara');
    expect(matches[0]).toMatchObject({ eventId: 'nagorno-karabakh', tier: 'prefix' });
    expect(matches.slice(1).map((m) => m.tier)).toEqual(['near', 'near']);
    expect(isRanked(matches)).toBe(true);
  });

  it('returns each event at most once, best first, for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20, unit: 'grapheme' }), (query) => {
        const matches = findPlaces(index, query);
        expect(matches.length).toBeLessThanOrEqual(25);
        expect(new Set(matches.map((m) => m.eventId)).size).toBe(matches.length);
        expect(isRanked(matches)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('still finds a name of five letters or more with any one character deleted, in the first three (property)', () => {
    // Four-letter names are too short for a near miss: "Şuşa" → "Şşa" or "Akna" → "Ana" find nothing.
    const names = index.names.filter((n) => [...n.name].length >= 5);
    expect(names.length).toBeGreaterThan(60);
    const typo = fc
      .constantFrom(...names)
      .chain((entry) => fc.tuple(fc.constant(entry), fc.nat({ max: [...entry.name].length - 1 })));
    fc.assert(
      fc.property(typo, ([entry, drop]) => {
        const query = [...entry.name].filter((_, i) => i !== drop).join('');
        const top = findPlaces(index, query)
          .slice(0, 3)
          .map((m) => m.eventId);
        expect(top, `${entry.name} → ${query}`).toContain(entry.eventId);
      }),
      { numRuns: 500 },
    );
  });

  it('finds every name first whatever its case (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...index.names), fc.boolean(), (entry, upper) => {
        const query = upper ? entry.name.toUpperCase() : entry.name.toLowerCase();
        expect(findPlaces(index, query)[0]?.eventId, query).toBe(entry.eventId);
      }),
      { numRuns: 300 },
    );
  });
});

describe('name lookup ranking and limits (made-up names)', () => {
  it('ranks exact, then prefix, then substring, then near, whatever the dataset order', () => {
    const index = buildNameIndex([
      syntheticEvent('near', 'Lachyn'),
      syntheticEvent('substring', 'Kalachin'),
      syntheticEvent('prefix', 'Lachinli'),
      syntheticEvent('exact', 'Lachin'),
      syntheticEvent('unrelated', 'Zangilan'),
    ]);
    expect(findPlaces(index, 'lachin').map((m) => [m.eventId, m.tier])).toEqual([
      ['exact', 'exact'],
      ['prefix', 'prefix'],
      ['substring', 'substring'],
      ['near', 'near'],
    ]);
  });

  it('orders near misses by distance, then by dataset order', () => {
    const index = buildNameIndex([
      syntheticEvent('two-away', 'Zangixxn'),
      syntheticEvent('one-away-b', 'Zangilen'),
      syntheticEvent('one-away-a', 'Zangolan'),
    ]);
    expect(findPlaces(index, 'zangilan').map((m) => [m.eventId, m.distance])).toEqual([
      ['one-away-b', 1],
      ['one-away-a', 1],
      ['two-away', 2],
    ]);
  });

  it('returns at most 25 matches, or the limit asked for', () => {
    const events = Array.from({ length: 40 }, (_, i) => syntheticEvent(`place-${i}`, `Place ${i}`));
    const index = buildNameIndex(events);
    expect(findPlaces(index, 'place')).toHaveLength(25);
    expect(findPlaces(index, 'place', 5).map((m) => m.eventId)).toEqual([
      'place-0',
      'place-1',
      'place-2',
      'place-3',
      'place-4',
    ]);
    expect(findPlaces(index, 'place 17')[0]).toMatchObject({ eventId: 'place-17', tier: 'exact' });
  });
});
