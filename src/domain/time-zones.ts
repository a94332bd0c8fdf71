import { foldName } from './text-fold.js';

export interface ZoneMatch {
  zone: string;
  label: string;
  /** The query named this zone or its city exactly. */
  exact: boolean;
}

let zones: string[] | null = null;
function allZones(): string[] {
  zones ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
  return zones;
}

function city(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/**
 * IANA zones matching what an admin typed: the zone name ("Europe/Berlin"), its city ("Berlin",
 * "new york"), exact matches first, then prefixes, then substrings.
 */
export function findTimeZones(query: string, limit: number): ZoneMatch[] {
  const q = foldName(query);
  const list = allZones();
  if (q === '') {
    const preferred = [
      'Asia/Baku',
      'UTC',
      'Europe/Istanbul',
      'Europe/Moscow',
      'Europe/London',
      'Europe/Berlin',
      'America/New_York',
    ];
    return preferred.slice(0, limit).map((zone) => ({ zone, label: zone, exact: false }));
  }
  const scored: Array<ZoneMatch & { rank: number }> = [];
  for (const zone of list) {
    const full = foldName(zone);
    const c = foldName(city(zone));
    let rank: number | null = null;
    if (full === q || c === q) rank = 0;
    else if (c.startsWith(q) || full.startsWith(q)) rank = 1;
    else if (full.includes(q)) rank = 2;
    if (rank !== null) scored.push({ zone, label: zone, exact: rank === 0, rank });
  }
  return scored
    .sort((a, b) => a.rank - b.rank || a.zone.localeCompare(b.zone))
    .slice(0, limit)
    .map(({ rank: _rank, ...m }) => m);
}
