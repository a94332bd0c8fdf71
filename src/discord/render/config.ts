/**
 * Hands each /config reply to the module of its family — show, confirmations (updated), test preview, history,
 * input errors, server dates — and does nothing else.
 */
import type { ConfigReply } from '../../app/config-replies.js';
import type { Language } from '../../domain/dataset.js';
import { renderInputError } from './config-error.js';
import { renderHistory } from './config-history.js';
import { renderShow } from './config-show.js';
import { renderTest } from './config-test.js';
import { renderUpdated } from './config-updated.js';
import type { MessagePayload } from './payload.js';
import { renderServerDates } from './server-dates.js';

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
