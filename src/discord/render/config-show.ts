/**
 * /config show: the server's settings, its coming posts, its anniversaries on and off, and what is wrong —
 * problems with the setup, deliveries that failed or were missed, notices not yet published. The reminder
 * setting's wording is here too; the history says it the same way.
 */
import type { APIEmbedField } from 'discord-api-types/v10';
import type { ConfigProblem, ConfigShowReply } from '../../app/config-replies.js';
import type { Language } from '../../domain/dataset.js';
import { messages } from '../../i18n/index.js';
import { LANGUAGE_NAMES } from '../../i18n/language-names.js';
import type { Messages } from '../../i18n/locales/en.js';
import { placeName } from '../../i18n/place-names.js';
import type { Delivery } from '../../store/delivery.js';
import type { Publication } from '../../store/publication.js';
import { nextPost } from './config-next-post.js';
import { pauseWhy, problemText } from './config-problems.js';
import { COLOURS, clip, escapeMarkdown, LIMITS, type MessagePayload, NO_MENTIONS } from './payload.js';

/** A ledger reason in the reader's language: the code is translated, Discord's words (the detail) quoted. */
function troubleReason(d: Delivery, t: Messages): string {
  switch (d.reason) {
    case null:
    case 'day-ended':
      return t.troubleDayEnded;
    case 'missing-access':
    case 'missing-permissions':
    case 'unknown-channel':
      return pauseWhy(d.reason, null, t);
    case 'transient':
    case 'rejected':
    case 'history-unreadable':
      return t.troubleDiscordError({ detail: escapeMarkdown(clip(d.detail ?? d.reason, 200)) });
  }
}

/** Why a notice is not (yet) published to the servers following its channel. */
function publishReason(p: Publication, t: Messages): string {
  switch (p.reason) {
    case 'rate-limited':
      return t.publishRateLimited;
    case 'missing-access':
    case 'missing-permissions':
      return t.publishNeedsPermission;
    case 'day-ended':
      return t.publishDayEnded;
    default:
      return t.troubleDiscordError({ detail: escapeMarkdown(clip(p.detail ?? p.reason ?? '', 200)) });
  }
}

/** The reminder setting as /config show and the history say it. */
export function reminderText(days: number, t: Messages): string {
  return days === 0 ? t.configReminderOff : t.configReminderValue({ days: t.days(days) });
}

function problemsField(problems: ConfigProblem[], t: Messages): APIEmbedField[] {
  if (problems.length === 0) return [];
  return [
    {
      name: t.configProblems,
      value: clip(problems.map((p) => `⚠️ ${problemText(p, t)}`).join('\n'), LIMITS.fieldValue),
    },
  ];
}

export function renderShow(reply: ConfigShowReply, language: Language): MessagePayload {
  const t = messages(language);
  const s = reply.settings;
  const role = s.roleId === null ? t.configNobody : s.roleId === s.guildId ? '@everyone' : `<@&${s.roleId}>`;
  const events = reply.events
    .map(
      (e) =>
        `${s.disabledEvents.includes(e.id) ? '○' : '●'} ${placeName(e, language)} — ${s.disabledEvents.includes(e.id) ? t.configEventOff : t.configEventOn}`,
    )
    .join('\n');
  const trouble = reply.trouble.map((d) => {
    const event = d.event
      ? placeName(d.event, language)
      : d.serverDateName !== undefined
        ? escapeMarkdown(d.serverDateName)
        : d.eventId;
    const name = d.reminder ? t.reminderOf({ name: event }) : event;
    // A row that was attempted and then ran out of day failed; one never attempted was missed while down.
    if (d.status === 'missed' && d.attempts === 0) return t.troubleMissed({ name, year: d.year });
    if (d.status === 'uncertain') return t.troubleUncertain({ name, year: d.year });
    return t.troubleFailed({ name, year: d.year, reason: troubleReason(d, t) });
  });
  for (const p of reply.publishing) {
    const name = p.event ? placeName(p.event, language) : p.eventId;
    const reason = publishReason(p, t);
    trouble.push(
      p.status === 'pending' && p.nextAt !== null
        ? t.publishPending({ name, year: p.year, reason, at: `<t:${Math.floor(p.nextAt / 1000)}:R>` })
        : t.publishFailed({ name, year: p.year, reason }),
    );
  }
  const fields: APIEmbedField[] = [
    { name: t.configChannel, value: s.channelId ? `<#${s.channelId}>` : t.configNotSet, inline: true },
    { name: t.configZone, value: s.timeZone, inline: true },
    { name: t.configTime, value: s.postTime, inline: true },
    { name: t.configRole, value: role, inline: true },
    { name: t.configLanguage, value: LANGUAGE_NAMES[s.language], inline: true },
    { name: t.configReminder, value: reminderText(s.reminderDays, t), inline: true },
    {
      name: t.configStatus,
      value:
        s.paused && s.pauseReason
          ? t.configPausedBy({ why: pauseWhy(s.pauseReason, s.pauseDetail, t) })
          : t.configActive,
      inline: true,
    },
    {
      name: t.configNext,
      value: reply.next.length
        ? reply.next.map((p) => t.configNextLine(nextPost(p, s.timeZone, t, language))).join('\n')
        : t.configNoNext,
    },
    { name: t.configEventsTab, value: s.eventsTab ? t.configEventOn : t.configEventOff, inline: true },
    { name: t.configEvents, value: clip(events, LIMITS.fieldValue) },
    ...problemsField(reply.problems, t),
    ...(trouble.length
      ? [{ name: t.configTrouble, value: clip(trouble.join('\n'), LIMITS.fieldValue) }]
      : []),
  ];
  return {
    embeds: [{ title: t.configTitle, color: reply.problems.length ? COLOURS.warn : COLOURS.ok, fields }],
    allowed_mentions: NO_MENTIONS,
  };
}
