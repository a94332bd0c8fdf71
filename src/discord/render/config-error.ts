/** A /config input refused: one sentence that says what to do; nothing was changed. */
import type { ConfigInputError } from '../../app/config-replies.js';
import type { Language } from '../../domain/dataset.js';
import { messages } from '../../i18n/index.js';
import { serverDateMessages } from '../../i18n/server-dates.js';
import { permissionNames } from './config-problems.js';
import { clip, escapeMarkdown, type MessagePayload, NO_MENTIONS } from './payload.js';

export function renderInputError(error: ConfigInputError, language: Language): MessagePayload {
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
