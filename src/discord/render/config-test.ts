/** The reply to /config test: the preview was posted in the channel, or why it was not. */
import type { ConfigTestReply } from '../../app/config-replies.js';
import type { Language } from '../../domain/dataset.js';
import { messages } from '../../i18n/index.js';
import { placeName } from '../../i18n/place-names.js';
import { permissionNames } from './config-problems.js';
import { type MessagePayload, NO_MENTIONS } from './payload.js';
import { ownDateName } from './server-dates.js';

export function renderTest(reply: ConfigTestReply, language: Language): MessagePayload {
  const t = messages(language);
  const channel = `<#${reply.channelId}>`;
  // A server's own date is marked as the server's, as in /config show's coming posts.
  const name = reply.event ? placeName(reply.event, language) : ownDateName(reply.serverDate, language);
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
