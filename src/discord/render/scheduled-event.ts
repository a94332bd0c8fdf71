import { GuildScheduledEventEntityType, GuildScheduledEventPrivacyLevel } from 'discord-api-types/v10';
import type { Language } from '../../domain/dataset.js';
import type { Notice, ServerDateNotice } from '../../domain/notice.js';
import { SERVER_DATE_ID_PREFIX } from '../../domain/server-date.js';
import { messages } from '../../i18n/index.js';
import { serverDateMessages } from '../../i18n/server-dates.js';
import type { EventDraft } from '../../schedule/events-tab-port.js';
import { renderNotice } from './notice.js';
import { clip, escapeMarkdown } from './payload.js';

/** Discord's limits on an external scheduled event. */
export const EVENT_LIMITS = { name: 100, description: 1000, location: 100 } as const;

/** The body of `POST /guilds/{id}/scheduled-events` (and of its PATCH) for an anniversary. */
export interface ScheduledEventPayload {
  name: string;
  description: string;
  scheduled_start_time: string;
  scheduled_end_time: string;
  privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly;
  entity_type: GuildScheduledEventEntityType.External;
  entity_metadata: { location: string };
}

/**
 * An anniversary as an external event: its name, a description that ends with the marker alone on the
 * last line, the day, and where the notice is posted. The marker is never clipped away, and no text a
 * server supplies can put a line of its own after it (see {@link serverDateText}).
 */
export function renderScheduledEvent(draft: EventDraft, location: string): ScheduledEventPayload {
  const { notice, language, marker } = draft;
  const { name, body } =
    notice.kind === 'notice'
      ? datasetText(notice, language, EVENT_LIMITS.description - marker.length - 1)
      : serverDateText(notice, language, EVENT_LIMITS.description - marker.length - 1);
  return {
    name,
    description: `${body}\n${marker}`,
    scheduled_start_time: new Date(draft.startsAt).toISOString(),
    scheduled_end_time: new Date(draft.endsAt).toISOString(),
    privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly,
    entity_type: GuildScheduledEventEntityType.External,
    entity_metadata: { location: clip(location, EVENT_LIMITS.location) },
  };
}

/**
 * A dataset anniversary: the notice's title as the name; its text, figures and sources (with their links,
 * spelled out: event descriptions show plain URLs) as the description, within `room` characters.
 */
function datasetText(notice: Notice, language: Language, room: number): { name: string; body: string } {
  const t = messages(language);
  const embed = renderNotice(notice, language).embeds[0];
  const fields = embed?.fields ?? [];
  const text = [
    embed?.description ?? '',
    ...fields.filter((f) => f.name !== t.sourceLabel).map((f) => `${f.name}: ${f.value}`),
  ].join('\n');
  // The sources with their links are kept whole; the text before them gives way if the space runs out.
  const sources = [`${t.sourceLabel}:`, ...notice.sources.map((s) => `${s.citation} — ${s.url}`)].join('\n');
  const body =
    sources.length + 1 < room ? `${clip(text, room - sources.length - 1)}\n${sources}` : clip(sources, room);
  return { name: clip(embed?.title ?? '', EVENT_LIMITS.name), body };
}

/**
 * A date the server's admins added, in the server's language: its name and which anniversary as the name;
 * then, as on its notice, the bot's line saying the admins added it, their text quoted under its own label
 * (Markdown and mentions escaped), and their link under "Source given by this server's admins" — never the
 * dataset's sources. Their name and text are single lines (whitespace is collapsed when they are stored),
 * so nothing of theirs can stand on a line of its own. Their link and the bot's words are kept whole;
 * their name and text give way to fit Discord's limits. An event's name shows no Markdown, so the name is
 * left as typed there.
 */
function serverDateText(
  notice: ServerDateNotice,
  language: Language,
  room: number,
): { name: string; body: string } {
  const t = messages(language);
  const s = serverDateMessages(language);
  const { date } = notice;
  const ordinal = t.ordinal(notice.occurrence.number);
  const nameRoom = EVENT_LIMITS.name - s.noticeTitle({ name: '', ordinal }).length;
  const name = s.noticeTitle({ name: clipWhole(date.name, nameRoom), ordinal });
  const source = `${s.sourceLabel}:\n${date.sourceUrl}`;
  const quoteRoom = room - s.addedBy.length - source.length - `\n${s.textLabel}:\n> \n`.length;
  const quoted =
    date.text === '' || quoteRoom < 2
      ? []
      : [`${s.textLabel}:`, `> ${clipWhole(escapeMarkdown(date.text), quoteRoom)}`];
  return { name, body: [s.addedBy, ...quoted, source].join('\n') };
}

/** `clip` that never cuts a character made of two UTF-16 units in half (admins' words may hold emoji). */
function clipWhole(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = max - 1;
  const split = /[\uD800-\uDBFF]/.test(text.charAt(cut - 1));
  return `${text.slice(0, split ? cut - 1 : cut)}…`;
}

const MARKER = new RegExp(`^remembrance:\\d{1,20}:(?:${SERVER_DATE_ID_PREFIX})?[\\w-]{1,64}:\\d{4}$`);

/** The marker on an event description's last line, if it has the shape the bot writes. */
export function markerOf(description: string | null | undefined): string | null {
  const last = description?.split('\n').at(-1) ?? '';
  return MARKER.test(last) ? last : null;
}
