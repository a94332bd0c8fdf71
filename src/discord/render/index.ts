import type { Reply } from '../../app/reply.js';
import type { Language } from '../../domain/dataset.js';
import { renderCalendar } from './calendar.js';
import { renderConfig } from './config.js';
import { renderError } from './errors.js';
import {
  renderKhojaly,
  renderPlace,
  renderSources,
  renderTimeline,
  renderUnknownPlace,
  renderUpcoming,
} from './lookup.js';
import type { MessagePayload } from './payload.js';
import { withTimelinePicture } from './timeline-picture.js';

/** Turns any reply into the message Discord shows, in the given language. */
export function renderReply(reply: Reply, language: Language): MessagePayload {
  switch (reply.kind) {
    case 'place':
      return renderPlace(reply, language);
    case 'khojaly':
      return renderKhojaly(reply, language);
    case 'timeline':
      return withTimelinePicture(renderTimeline(reply, language), reply, language);
    case 'upcoming':
      return renderUpcoming(reply, language);
    case 'sources':
      return renderSources(reply, language);
    case 'calendar':
      return renderCalendar(reply, language);
    case 'unknown-place':
      return renderUnknownPlace(reply, language);
    case 'error':
      return renderError(reply, language);
    case 'config-show':
    case 'config-updated':
    case 'config-test':
    case 'config-history':
    case 'config-error':
    case 'config-date':
    case 'config-dates':
      return renderConfig(reply, language);
  }
}
