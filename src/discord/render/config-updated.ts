/** The /config confirmations: what changed, the next post it leads to, and any problem left. */
import type { ConfigUpdatedReply } from '../../app/config-replies.js';
import type { Language } from '../../domain/dataset.js';
import { messages } from '../../i18n/index.js';
import { placeName } from '../../i18n/place-names.js';
import { nextPost } from './config-next-post.js';
import { problemText } from './config-problems.js';
import { clip, escapeMarkdown, LIMITS, type MessagePayload, NO_MENTIONS } from './payload.js';

export function renderUpdated(reply: ConfigUpdatedReply, memberLanguage: Language): MessagePayload {
  const c = reply.change;
  // The admin just chose this language: confirm the change in it.
  const language = c.what === 'language' ? reply.settings.language : memberLanguage;
  const t = messages(language);
  const what = (() => {
    switch (c.what) {
      case 'channel':
        return t.updatedChannel({ channel: `<#${c.channelId}>` });
      case 'timezone':
        return t.updatedZone({ zone: c.zone });
      case 'time':
        return t.updatedTime({ time: c.time });
      case 'role':
        return t.updatedRole({ role: c.roleId === reply.settings.guildId ? '@everyone' : `<@&${c.roleId}>` });
      case 'role-cleared':
        return t.updatedRoleCleared;
      case 'event':
        return c.enabled
          ? t.updatedEventOn({ name: placeName(c.event, language) })
          : t.updatedEventOff({ name: placeName(c.event, language) });
      case 'date-event':
        return c.enabled
          ? t.updatedEventOn({ name: escapeMarkdown(c.name) })
          : t.updatedEventOff({ name: escapeMarkdown(c.name) });
      case 'language':
        return t.updatedLanguage;
      case 'pause':
        return t.updatedPause;
      case 'resume':
        return t.updatedResume;
      case 'events-tab':
        return c.enabled ? t.updatedEventsTabOn : t.updatedEventsTabOff;
      case 'reminder':
        return c.days === 0 ? t.updatedReminderOff : t.updatedReminder({ days: t.days(c.days) });
    }
  })();
  const next = reply.next
    ? t.updatedNext(nextPost(reply.next, reply.settings.timeZone, t, language))
    : c.what === 'pause'
      ? null
      : t.updatedNoNext;
  const problems = reply.problems.filter((p) => !(c.what === 'pause' && p.code === 'paused'));
  const lines = [`✅ ${what}`, next, ...problems.map((p) => `⚠️ ${problemText(p, t)}`)].filter(Boolean);
  return { content: clip(lines.join('\n'), LIMITS.content), embeds: [], allowed_mentions: NO_MENTIONS };
}
