import ICAL from 'ical.js';

/** One VEVENT as an independent parser (ical.js, Mozilla's) reads it back. */
export interface ReadEvent {
  uid: string;
  summary: string;
  description: string;
  url: string | null;
  start: { year: number; month: number; day: number; isDate: boolean };
  end: { year: number; month: number; day: number; isDate: boolean } | null;
  /** e.g. "FREQ=YEARLY" */
  rrule: string | null;
  stamp: string | null;
  /** The next occurrences from the start, as yyyy-mm-dd. */
  occurrences(count: number): string[];
}

const ymd = (t: ICAL.Time) =>
  `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;

/** Parses .ics text with ical.js; throws as it does on anything RFC 5545 does not allow. */
export function readCalendar(text: string): {
  name: string | null;
  method: string | null;
  events: ReadEvent[];
} {
  const root = new ICAL.Component(ICAL.parse(text));
  const events = root.getAllSubcomponents('vevent').map((vevent): ReadEvent => {
    const event = new ICAL.Event(vevent);
    const rrule = vevent.getFirstPropertyValue('rrule') as ICAL.Recur | null;
    const endTime = vevent.getFirstPropertyValue('dtend') as ICAL.Time | null;
    const url = vevent.getFirstPropertyValue('url');
    const stamp = vevent.getFirstPropertyValue('dtstamp') as ICAL.Time | null;
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      url: url === null ? null : String(url),
      start: {
        year: event.startDate.year,
        month: event.startDate.month,
        day: event.startDate.day,
        isDate: event.startDate.isDate,
      },
      end: endTime && { year: endTime.year, month: endTime.month, day: endTime.day, isDate: endTime.isDate },
      rrule: rrule ? rrule.toString() : null,
      stamp: stamp ? stamp.toString() : null,
      occurrences(count) {
        const it = event.iterator();
        const out: string[] = [];
        for (let next = it.next(); next && out.length < count; next = it.next()) out.push(ymd(next));
        return out;
      },
    };
  });
  const name = root.getFirstPropertyValue('x-wr-calname') ?? root.getFirstPropertyValue('name');
  const method = root.getFirstPropertyValue('method');
  return {
    name: name === null ? null : String(name),
    method: method === null ? null : String(method),
    events,
  };
}
