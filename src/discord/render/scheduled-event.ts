import { GuildScheduledEventEntityType, GuildScheduledEventPrivacyLevel } from 'discord-api-types/v10';
import { messages } from '../../i18n/index.js';
import type { EventDraft } from '../../schedule/events-tab-port.js';
import { renderNotice } from './notice.js';
import { clip } from './payload.js';

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
 * An anniversary as an external event: the notice's title as the name; its text, figures and sources
 * (with their links, spelled out: event descriptions show plain URLs) as the description; and the marker
 * alone on the last line. The description holds only the dataset's and the bot's words, never text a
 * server supplies, so no one else's event can end with a marker; the marker is never clipped away.
 */
export function renderScheduledEvent(draft: EventDraft, location: string): ScheduledEventPayload {
  const t = messages(draft.language);
  const embed = renderNotice(draft.notice, draft.language).embeds[0];
  const fields = embed?.fields ?? [];
  const text = [
    embed?.description ?? '',
    ...fields.filter((f) => f.name !== t.sourceLabel).map((f) => `${f.name}: ${f.value}`),
  ].join('\n');
  // The sources with their links are kept whole; the text before them gives way if the space runs out.
  const sources = [`${t.sourceLabel}:`, ...draft.notice.sources.map((s) => `${s.citation} — ${s.url}`)].join(
    '\n',
  );
  const tail = `\n${draft.marker}`;
  const room = EVENT_LIMITS.description - tail.length;
  const body =
    sources.length + 1 < room ? `${clip(text, room - sources.length - 1)}\n${sources}` : clip(sources, room);
  return {
    name: clip(embed?.title ?? '', EVENT_LIMITS.name),
    description: `${body}${tail}`,
    scheduled_start_time: new Date(draft.startsAt).toISOString(),
    scheduled_end_time: new Date(draft.endsAt).toISOString(),
    privacy_level: GuildScheduledEventPrivacyLevel.GuildOnly,
    entity_type: GuildScheduledEventEntityType.External,
    entity_metadata: { location: clip(location, EVENT_LIMITS.location) },
  };
}

/** The marker on an event description's last line, if it has the shape the bot writes. */
export function markerOf(description: string | null | undefined): string | null {
  const last = description?.split('\n').at(-1) ?? '';
  return /^remembrance:\d{1,20}:[\w-]{1,64}:\d{4}$/.test(last) ? last : null;
}
