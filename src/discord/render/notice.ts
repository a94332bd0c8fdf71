import { AllowedMentionsTypes, type APIAllowedMentions, type APIEmbedField } from 'discord-api-types/v10';
import type { Language } from '../../domain/dataset.js';
import type { Notice } from '../../domain/notice.js';
import { formatDate, formatNumber, messages } from '../../i18n/index.js';
import { citedAs, eventName, placeTitle } from '../../i18n/place-names.js';
import { eventDateText, figureValue } from './lookup.js';
import { COLOURS, clip, LIMITS, link, type MessagePayload } from './payload.js';

/** Between the footer's text and a delivery's marker; a read-back looks for the two together at the end. */
export const MARKER_SEPARATOR = ' · ';

/**
 * The footer with the delivery's marker at its end. The footer holds only the bot's own words and a date,
 * never text a server supplies, so nothing else can end with a marker; it is never clipped away.
 */
export function withMarker(text: string, marker: string | null): string {
  if (marker === null) return clip(text, LIMITS.footer);
  const tail = `${MARKER_SEPARATOR}${marker}`;
  return `${clip(text, LIMITS.footer - tail.length)}${tail}`;
}

/** A notice's footer: the preview label (in a preview), the day's own words, and the delivery's marker last. */
export function noticeFooter(preview: string | null, day: string, marker: string | null): { text: string } {
  return { text: withMarker([preview, day].filter(Boolean).join(' · '), marker) };
}

/** Whom a notice pings: its role, or @everyone when the role is the server's; a preview shows it but pings nobody. */
export function noticeMentions(notice: {
  roleId: string | null;
  guildId: string;
  preview: boolean;
}): APIAllowedMentions {
  if (notice.roleId === null || notice.preview) return { parse: [] };
  return notice.roleId === notice.guildId
    ? { parse: [AllowedMentionsTypes.Everyone] }
    : { parse: [], roles: [notice.roleId] };
}

/** Whether a listed message's embeds carry a delivery's marker where {@link renderNotice} puts it. */
export function carriesMarker(embeds: Array<{ footer?: { text?: string } }>, marker: string): boolean {
  return embeds.some((e) => e.footer?.text?.endsWith(`${MARKER_SEPARATOR}${marker}`) === true);
}

/**
 * An anniversary notice, readable on a phone: who is remembered, which anniversary, the figures
 * with their source. The configured role is mentioned in the content and allowed_mentions allows
 * exactly that role (or @everyone when that is the chosen role) and never users.
 */
export function renderNotice(
  notice: Notice,
  language: Language,
  marker: string | null = null,
): MessagePayload {
  const t = messages(language);
  const { event, occurrence } = notice;
  if (event.date.type === 'period') throw new Error('a period has no anniversary notice');
  const title =
    event.kind === 'massacre'
      ? t.noticeMassacreTitle({ name: eventName(event, language), ordinal: t.ordinal(occurrence.number) })
      : t.noticeOccupationTitle({ name: placeTitle(event, language), ordinal: t.ordinal(occurrence.number) });
  const figures: APIEmbedField[] =
    event.kind === 'massacre'
      ? [
          {
            name: t.killedLabel,
            value: t.killedValue({
              killed: formatNumber(event.figures.find((f) => f.kind === 'killed')?.value ?? 0, language),
              women: formatNumber(event.figures.find((f) => f.kind === 'killed-women')?.value ?? 0, language),
              children: formatNumber(
                event.figures.find((f) => f.kind === 'killed-children')?.value ?? 0,
                language,
              ),
              elderly: formatNumber(
                event.figures.find((f) => f.kind === 'killed-elderly')?.value ?? 0,
                language,
              ),
            }),
          },
          ...(['wounded', 'hostages', 'missing'] as const).map((kind) => ({
            name: { wounded: t.woundedLabel, hostages: t.hostagesLabel, missing: t.missingLabel }[kind],
            value: formatNumber(event.figures.find((f) => f.kind === kind)?.value ?? 0, language),
            inline: true,
          })),
        ]
      : event.figures.map((f) => ({ name: t.territoryLabel, value: figureValue(f, language), inline: true }));
  const body =
    event.kind === 'massacre'
      ? t.noticeMassacreBody({
          night: eventDateText(event.date, language),
          years: t.years(occurrence.number),
        })
      : t.noticeOccupationBody({
          date: eventDateText(event.date, language),
          years: t.years(occurrence.number),
        });
  // Whose date, figures and (where the source names the event) name these are, as on every lookup.
  const attribution = notice.sources.map((s) =>
    event.nameInSource?.sourceId === s.id
      ? t.nameAndFiguresAccordingTo({ citation: citedAs(s, language) })
      : t.accordingTo({ citation: citedAs(s, language) }),
  );
  const description = [body, ...attribution].join('\n');
  const mention =
    notice.roleId === null ? null : notice.roleId === notice.guildId ? '@everyone' : `<@&${notice.roleId}>`;
  const reminder = notice.daysLeft === null ? null : t.reminderLabel({ days: t.days(notice.daysLeft) });
  const content = [notice.preview ? t.noticePreviewLabel : null, reminder, mention].filter(Boolean).join(' ');
  return {
    ...(content ? { content: clip(content, LIMITS.content) } : {}),
    embeds: [
      {
        title: clip(title, LIMITS.embedTitle),
        description,
        color: notice.preview ? COLOURS.warn : COLOURS.notice,
        fields: [
          ...figures,
          {
            name: t.sourceLabel,
            value: clip(notice.sources.map((s) => link(s.citation, s.url)).join('\n'), LIMITS.fieldValue),
          },
        ],
        footer: noticeFooter(
          notice.preview ? t.noticePreviewFooter : null,
          t.noticeFooter({ date: formatDate(occurrence.date, language) }),
          marker,
        ),
      },
    ],
    allowed_mentions: noticeMentions(notice),
  };
}
