import type { ConfigDateReply, ConfigDatesReply } from '../../app/config-replies.js';
import type { Language } from '../../domain/dataset.js';
import { isLeapDay, SERVER_DATE_LIMITS, type ServerDate } from '../../domain/server-date.js';
import { formatDate } from '../../i18n/index.js';
import { serverDateMessages } from '../../i18n/server-dates.js';
import { COLOURS, clip, escapeMarkdown, LIMITS, type MessagePayload, NO_MENTIONS } from './payload.js';

/**
 * A server's own date named beside the dataset's anniversaries (/upcoming, /config show, /config test): its
 * name, never formatting, marked as added by this server — with the admins' link where `withSource`.
 */
export function ownDateName(date: ServerDate, language: Language, withSource = false): string {
  const mark = serverDateMessages(language).upcomingMark;
  return `${escapeMarkdown(date.name)} (${withSource ? `${mark}, <${date.sourceUrl}>` : mark})`;
}

/** The answers of `/config date add|edit|remove|list`; admins' names never ping and never format. */
export function renderServerDates(
  reply: ConfigDateReply | ConfigDatesReply,
  language: Language,
): MessagePayload {
  const s = serverDateMessages(language);
  if (reply.kind === 'config-dates') {
    const lines = reply.dates.map((d) =>
      s.listLine({
        name: escapeMarkdown(d.name),
        date: formatDate(d.date, language),
        source: `<${d.sourceUrl}>`,
      }),
    );
    return {
      embeds: [
        {
          title: s.listTitle,
          description: clip(lines.length > 0 ? lines.join('\n') : s.listEmpty, LIMITS.embedDescription),
          color: COLOURS.remembrance,
          footer: { text: s.listFooter({ count: reply.dates.length, max: SERVER_DATE_LIMITS.perServer }) },
        },
      ],
      allowed_mentions: NO_MENTIONS,
    };
  }
  const name = escapeMarkdown(reply.date.name);
  const content =
    reply.action === 'added'
      ? [
          s.added({ name, date: formatDate(reply.date.date, language) }),
          ...(isLeapDay(reply.date.date) ? [s.leapDay] : []),
        ].join(' ')
      : reply.action === 'edited'
        ? s.edited({ name })
        : s.removed({ name });
  return { content: `✅ ${content}`, embeds: [], allowed_mentions: NO_MENTIONS };
}
