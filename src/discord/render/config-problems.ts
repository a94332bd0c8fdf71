/**
 * What is wrong with a server's setup and why its notices are paused, in the reader's words: the problem
 * lines and permission names that /config show, the confirmations, the test preview and the input errors share.
 */
import type { ChannelPermission, ConfigProblem } from '../../app/config-replies.js';
import type { Messages } from '../../i18n/locales/en.js';
import type { PauseReason } from '../../store/guild-settings.js';

/** Permissions by their names in the reader's language, as one list. */
export function permissionNames(permissions: ChannelPermission[], t: Messages): string {
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

/** One problem of the setup, in one sentence that says what to do. */
export function problemText(problem: ConfigProblem, t: Messages): string {
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
