import { localDate } from '../../domain/anniversary.js';
import type { Language } from '../../domain/dataset.js';
import { formatDate, formatZonedTime, messages } from '../../i18n/index.js';

/** A posting instant as every reader should read it (see {@link postingTime}). */
export interface PostingTime {
  /** The day and time in the server's zone, with the zone named: "26 February 2027, 09:00 Azerbaijan Standard Time". */
  when: string;
  /** A Discord timestamp the reader's client shows relative to now ("in 3 days"). */
  relative: string;
}

/**
 * When a post goes out: its day and time in the server's zone as text — the same for every reader, wherever
 * they are — and a relative Discord timestamp beside it. Never an absolute Discord timestamp: shown in a
 * reader's own zone, 09:00 in Baku is still the day before west of UTC−5. The one format of /upcoming,
 * /config show and the /config confirmations.
 */
export function postingTime(at: number, zone: string, language: Language): PostingTime {
  return {
    when: messages(language).upcomingWhen({
      date: formatDate(localDate(at, zone), language),
      ...formatZonedTime(at, zone, language),
    }),
    relative: `<t:${Math.floor(at / 1000)}:R>`,
  };
}
