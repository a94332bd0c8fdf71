import type { UserError } from '../../app/reply.js';
import type { Language } from '../../domain/dataset.js';
import { messages } from '../../i18n/index.js';
import { type MessagePayload, NO_MENTIONS } from './payload.js';

/** An expected problem, in one sentence that says what to do. */
export function renderError(error: UserError, language: Language): MessagePayload {
  const t = messages(language);
  const content = (() => {
    switch (error.code) {
      case 'guild-only':
        return t.errorGuildOnly;
      case 'missing-manage-guild':
        return t.errorManageGuild;
      case 'unknown-command':
        return t.errorUnknownCommand({ name: error.name });
      case 'invalid-count':
        return t.errorCount({ min: error.min, max: error.max });
      case 'internal':
        return t.errorInternal({ id: error.interactionId });
      case 'store-unavailable':
        return t.errorStoreUnavailable;
    }
  })();
  return { content, embeds: [], allowed_mentions: NO_MENTIONS };
}
