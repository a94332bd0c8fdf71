import type { Language } from '../../domain/dataset.js';
import type { AnyNotice, ServerDateNotice } from '../../domain/notice.js';
import { formatDate, messages } from '../../i18n/index.js';
import { serverDateMessages } from '../../i18n/server-dates.js';
import { noticeFooter, noticeMentions, renderNotice } from './notice.js';
import { COLOURS, clip, escapeMarkdown, LIMITS, type MessagePayload } from './payload.js';

/** Renders either kind of notice the scheduler posts. */
export function renderAnyNotice(
  notice: AnyNotice,
  language: Language,
  marker: string | null,
): MessagePayload {
  return notice.kind === 'notice'
    ? renderNotice(notice, language, marker)
    : renderServerDateNotice(notice, language, marker);
}

/**
 * The notice of a date a server's admins added. Their words are always set apart from the bot's: the
 * author line (bot-written) says who added it, their text is a quoted block under its own label, their
 * link is under "Source given by this server's admins" — never the dataset's "Source" field or its
 * "According to …" line. Markdown and mentions in their name and text are escaped, and
 * allowed_mentions pings only the configured role. A reminder ahead of the day is the same notice of the
 * anniversary with "N days until this anniversary" before the mention, as the dataset's reminders say it.
 */
export function renderServerDateNotice(
  notice: ServerDateNotice,
  language: Language,
  marker: string | null = null,
): MessagePayload {
  const t = messages(language);
  const s = serverDateMessages(language);
  const { date, occurrence } = notice;
  const quoted = date.text === '' ? [] : [s.textLabel, `> ${escapeMarkdown(date.text)}`];
  const mention =
    notice.roleId === null ? null : notice.roleId === notice.guildId ? '@everyone' : `<@&${notice.roleId}>`;
  // A reminder says how many days remain in the dataset reminder's words; the embed is the day's own.
  const reminder = notice.daysLeft === null ? null : t.reminderLabel({ days: t.days(notice.daysLeft) });
  const content = [notice.preview ? t.noticePreviewLabel : null, reminder, mention].filter(Boolean).join(' ');
  return {
    ...(content ? { content: clip(content, LIMITS.content) } : {}),
    embeds: [
      {
        author: { name: s.addedBy },
        title: clip(
          s.noticeTitle({ name: escapeMarkdown(date.name), ordinal: t.ordinal(occurrence.number) }),
          LIMITS.embedTitle,
        ),
        ...(quoted.length > 0 ? { description: quoted.join('\n') } : {}),
        color: notice.preview ? COLOURS.warn : COLOURS.remembrance,
        fields: [{ name: s.sourceLabel, value: clip(date.sourceUrl, LIMITS.fieldValue) }],
        footer: noticeFooter(
          notice.preview ? t.noticePreviewFooter : null,
          s.noticeFooter({ date: formatDate(occurrence.date, language) }),
          marker,
        ),
      },
    ],
    allowed_mentions: noticeMentions(notice),
  };
}
