import type { Dataset, RemembranceEvent } from './dataset.js';
import { editDistance, foldedForms, foldName, transliterateCyrillic } from './text-fold.js';

/** How a query matched a name, best first. */
export type MatchTier = 'exact' | 'prefix' | 'substring' | 'near';
const TIER_RANK: Record<MatchTier, number> = { exact: 0, prefix: 1, substring: 2, near: 3 };

export interface NameMatch {
  eventId: string;
  /** The name (as written in the dataset) that matched the query. */
  matchedName: string;
  tier: MatchTier;
  /** Edit distance for near misses; 0 otherwise. */
  distance: number;
}

interface IndexedName {
  eventId: string;
  name: string;
  keys: string[];
  /** Position of the event in the dataset, to break ties in a stable, meaningful order. */
  order: number;
}

/** A prepared index of every name and alias of every event. Build once at start. */
export interface NameIndex {
  readonly names: readonly IndexedName[];
}

/** Builds the lookup index from the dataset's names and aliases. */
export function buildNameIndex(events: readonly RemembranceEvent[]): NameIndex {
  const names: IndexedName[] = [];
  events.forEach((event, order) => {
    const all = new Set<string>([
      event.id,
      event.names.source,
      event.names.en,
      event.names.az,
      event.names.ru,
      event.names.tr,
      ...event.aliases,
    ]);
    for (const name of all) names.push({ eventId: event.id, name, keys: foldedForms(name), order });
  });
  return { names };
}

/** The largest edit distance still taken as a misspelling of a name of this length. */
function nearMissBudget(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return 3;
}

function matchKey(query: string, key: string): { tier: MatchTier; distance: number } | null {
  if (key === query) return { tier: 'exact', distance: 0 };
  if (key.startsWith(query)) return { tier: 'prefix', distance: 0 };
  if (query.length >= 3 && key.includes(query)) return { tier: 'substring', distance: 0 };
  const budget = nearMissBudget(query.length);
  if (budget === 0) return null;
  // A partly typed name is compared with the key's start of the same length too ("fuzul" ~ "fizuli").
  const whole = editDistance(query, key, budget);
  const start = query.length < key.length ? editDistance(query, key.slice(0, query.length), budget) : whole;
  const distance = Math.min(whole, start);
  return distance <= budget ? { tier: 'near', distance } : null;
}

function compareMatches(a: NameMatch & { order: number }, b: NameMatch & { order: number }): number {
  return TIER_RANK[a.tier] - TIER_RANK[b.tier] || a.distance - b.distance || a.order - b.order;
}

/**
 * Finds the events a typed name refers to, one match per event, best first:
 * exact, then prefix, then substring, then near misses by edit distance.
 * Case, diacritics (ş ç ğ ı ö ü ə), punctuation and Cyrillic are folded.
 */
export function findPlaces(index: NameIndex, query: string, limit = 25): NameMatch[] {
  const folded = foldName(query);
  if (folded === '') return [];
  const queries = [...new Set([folded, transliterateCyrillic(folded)])];
  const best = new Map<string, NameMatch & { order: number }>();
  for (const entry of index.names) {
    for (const key of entry.keys) {
      for (const q of queries) {
        const m = matchKey(q, key);
        if (!m) continue;
        const candidate = { eventId: entry.eventId, matchedName: entry.name, order: entry.order, ...m };
        const current = best.get(entry.eventId);
        if (!current || compareMatches(candidate, current) < 0) best.set(entry.eventId, candidate);
      }
    }
  }
  return [...best.values()]
    .sort(compareMatches)
    .slice(0, limit)
    .map(({ order: _order, ...match }) => match);
}

/**
 * The closest names to a query that matched nothing, for "did you mean":
 * one per event, ordered by edit distance, whatever that distance is.
 */
export function closestPlaces(index: NameIndex, query: string, count = 3): NameMatch[] {
  const folded = foldName(query);
  const best = new Map<string, NameMatch & { order: number }>();
  for (const entry of index.names) {
    for (const key of entry.keys) {
      const distance = editDistance(folded, key);
      const current = best.get(entry.eventId);
      if (!current || distance < current.distance) {
        best.set(entry.eventId, {
          eventId: entry.eventId,
          matchedName: entry.name,
          tier: 'near',
          distance,
          order: entry.order,
        });
      }
    }
  }
  return [...best.values()]
    .sort(compareMatches)
    .slice(0, count)
    .map(({ order: _order, ...match }) => match);
}

/** What a submitted `/district name:` value refers to. */
export type PlaceResolution = { found: true; eventId: string } | { found: false; suggestions: NameMatch[] };

/**
 * Resolves a submitted value: an event id chosen from autocomplete, or text the member typed.
 * Text resolves when its best match is exact, prefix or substring and unambiguous, or the only
 * closest near miss; otherwise the closest names are suggested.
 */
export function resolvePlace(
  index: NameIndex,
  dataset: Pick<Dataset, 'events'>,
  value: string,
): PlaceResolution {
  const byId = dataset.events.find((e) => e.id === value.trim());
  if (byId) return { found: true, eventId: byId.id };
  const matches = findPlaces(index, value, 25);
  const [first, second] = matches;
  if (first) {
    const tied = second && second.tier === first.tier && second.distance === first.distance;
    if (first.tier === 'exact' || !tied) return { found: true, eventId: first.eventId };
    return {
      found: false,
      suggestions: matches.filter((m) => m.tier === first.tier && m.distance === first.distance),
    };
  }
  return { found: false, suggestions: closestPlaces(index, value, 3) };
}
