import type { APIEmbedField } from 'discord-api-types/v10';
import type {
  ChannelPermission,
  ConfigInputError,
  ConfigProblem,
  ConfigReply,
  ConfigShowReply,
  ConfigTestReply,
  ConfigUpdatedReply,
  UpcomingPost,
} from '../../app/config-replies.js';
import type { Language } from '../../domain/dataset.js';
import { messages } from '../../i18n/index.js';
import { LANGUAGE_NAMES } from '../../i18n/language-names.js';
import type { Messages } from '../../i18n/locales/en.js';
import { placeName } from '../../i18n/place-names.js';
import { serverDateMessages } from '../../i18n/server-dates.js';
import type { Delivery } from '../../store/delivery.js';
import type { PauseReason } from '../../store/guild-settings.js';
import type { Publication } from '../../store/publication.js';
import { renderHistory } from './config-history.js';
import { COLOURS, clip, escapeMarkdown, LIMITS, type MessagePayload, NO_MENTIONS } from './payload.js';
import { postingTime } from './posting-time.js';
import { renderServerDates } from './server-dates.js';

function permissionNames(permissions: ChannelPermission[], t: Messages): string {
  const names: Record<ChannelPermission, string> = {
    ViewChannel: t.permissionViewChannel,
    SendMessages: t.permissionSendMessages,
    EmbedLinks: t.permissionEmbedLinks,
    ReadMessageHistory: t.permissionReadMessageHistory,
    AttachFiles: t.permissionAttachFiles,
    CreateEvents: t.permissionCreateEvents,
  };
  return permissions.map((p) => names[p]).join(', ');
}

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

/** Why notices are paused and what to do, in one phrase. */
export function pauseWhy(reason: PauseReason, detail: string | null, t: Messages): string {
  switch (reason) {
    case 'admin':
      return t.pauseReasonAdmin;
    case 'channel-deleted':
      return t.pauseReasonChannelDeleted;
    case 'missing-access':
      return t.pauseReasonMissingAccess;
    case 'missing-permissions':
      return t.pauseReasonMissingPermissions({
        detail: detail ?? `${t.permissionSendMessages}, ${t.permissionEmbedLinks}`,
      });
    case 'unknown-channel':
      return t.pauseReasonUnknownChannel;
  }
}

function problemText(problem: ConfigProblem, t: Messages): string {
  switch (problem.code) {
    case 'no-channel':
      return t.problemNoChannel;
    case 'channel-missing':
      return t.problemChannelMissing;
    case 'missing-permissions':
      return t.problemPermissions({ permissions: permissionNames(problem.permissions, t) });
    case 'all-events-off':
      return t.problemAllOff;
    case 'paused':
      return t.problemPaused({ why: pauseWhy(problem.reason, problem.detail, t) });
    case 'events-permission':
      return t.problemEventsPermission;
    case 'events-refused':
      return problem.reason === 'events-limit' ? t.problemEventsLimit : t.problemEventsRefused;
  }
}

/**
 * The name of a coming post: a server's own date is marked as theirs, and a reminder says it is one and how
 * far ahead of the anniversary it comes.
 */
function postName(post: UpcomingPost, t: Messages, language: Language): string {
  const name = post.event
    ? placeName(post.event, language)
    : `${escapeMarkdown(post.serverDate.name)} (${serverDateMessages(language).upcomingMark})`;
  return post.kind === 'reminder' ? t.reminderAhead({ name, days: t.days(post.daysBefore) }) : name;
}

/** A coming post's name, its day and time in the server's zone as text, and when relative to now. */
function nextPost(post: UpcomingPost, zone: string, t: Messages, language: Language) {
  const { when, relative } = postingTime(post.occurrence.at, zone, language);
  return { name: postName(post, t, language), at: when, relative };
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

function renderShow(reply: ConfigShowReply, language: Language): MessagePayload {
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

function renderUpdated(reply: ConfigUpdatedReply, memberLanguage: Language): MessagePayload {
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

function renderTest(reply: ConfigTestReply, language: Language): MessagePayload {
  const t = messages(language);
  const channel = `<#${reply.channelId}>`;
  // A server's own date is marked as the server's, as in /config show's coming posts.
  const name = reply.event
    ? placeName(reply.event, language)
    : `${escapeMarkdown(reply.serverDate.name)} (${serverDateMessages(language).upcomingMark})`;
  if (reply.ok)
    return {
      content: `✅ ${t.testPosted({ channel, name })}`,
      embeds: [],
      allowed_mentions: NO_MENTIONS,
    };
  const f = reply.failure;
  const why = (() => {
    switch (f?.code) {
      case undefined:
        return '';
      case 'send-failed':
        return t.testSendFailed({ detail: f.detail });
      case 'channel-missing':
        return t.problemChannelMissing;
      case 'preview-refused':
        return t.testRefused({ permissions: permissionNames(f.permissions, t) });
    }
  })();
  return { content: `⚠️ ${t.testFailed({ channel, why })}`, embeds: [], allowed_mentions: NO_MENTIONS };
}

function renderInputError(error: ConfigInputError, language: Language): MessagePayload {
  const t = messages(language);
  const value = (v: string) => escapeMarkdown(clip(v, 80));
  const content = (() => {
    switch (error.code) {
      case 'invalid-zone':
        return t.errorZone({ value: value(error.value) });
      case 'invalid-time':
        return t.errorTime({ value: value(error.value) });
      case 'channel-type':
        return t.errorChannelType;
      case 'channel-unknown':
        return t.errorChannelUnknown;
      case 'channel-permissions':
        return t.errorChannelPermissions({
          channel: `<#${error.channelId}>`,
          permissions: permissionNames(error.permissions, t),
        });
      case 'role-unknown':
        return t.errorRoleUnknown;
      case 'role-managed':
        return t.errorRoleManaged;
      case 'role-not-mentionable':
        return error.everyone ? t.errorEveryoneNotAllowed : t.errorRoleNotMentionable;
      case 'unknown-event':
        return t.errorUnknownEvent({ value: value(error.value) });
      case 'invalid-language':
        return t.errorLanguage;
      case 'no-channel':
        return t.errorNoChannel;
      case 'not-paused':
        return t.errorNotPaused;
      case 'already-paused':
        return t.errorAlreadyPaused;
      case 'invalid-options':
        return t.errorOptions;
      case 'date-problem':
        return serverDateMessages(language).problems[error.problem];
      case 'date-nothing-to-edit':
        return serverDateMessages(language).nothingToEdit;
      case 'events-permission':
        return t.errorEventsPermission;
    }
  })();
  return { content: `❌ ${content}`, embeds: [], allowed_mentions: NO_MENTIONS };
}

/** Any /config reply. */
export function renderConfig(reply: ConfigReply, language: Language): MessagePayload {
  switch (reply.kind) {
    case 'config-show':
      return renderShow(reply, language);
    case 'config-updated':
      return renderUpdated(reply, language);
    case 'config-test':
      return renderTest(reply, language);
    case 'config-history':
      return renderHistory(reply, language);
    case 'config-error':
      return renderInputError(reply, language);
    case 'config-date':
    case 'config-dates':
      return renderServerDates(reply, language);
  }
}
