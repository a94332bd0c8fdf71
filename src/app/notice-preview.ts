import { nextOccurrence, parseLocalTime } from '../domain/anniversary.js';
import { type Dataset, eventsWithDay } from '../domain/dataset.js';
import { type AnyNotice, noticeFor, serverDateNoticeFor } from '../domain/notice.js';
import { isServerDateId, plannedDay, type ServerDate } from '../domain/server-date.js';
import type { NoticeSender } from '../schedule/notice-port.js';
import type { GuildSettings } from '../store/guild-settings.js';
import type { PreviewOutcome } from './services.js';

/** What a preview reads of a server: its settings and its own dates. */
export interface PreviewSettings {
  get(guildId: string): Promise<GuildSettings>;
  serverDates(guildId: string): Promise<ServerDate[]>;
}

const nothingToPreview: PreviewOutcome = { ok: false, code: 'send-failed', detail: 'nothing to preview' };

/**
 * `/config test`: the notice of an event's next anniversary — a dataset event's, or one of the server's own
 * dates' — built as the scheduler builds it, posted now to the server's channel labelled as a preview (it pings
 * nobody, carries no nonce and is no delivery).
 */
export class NoticePreview {
  constructor(
    private readonly dataset: Dataset,
    private readonly settings: PreviewSettings,
    private readonly sender: NoticeSender,
    private readonly now: () => number,
  ) {}

  async post(guildId: string, eventId: string): Promise<PreviewOutcome> {
    const s = await this.settings.get(guildId);
    const time = parseLocalTime(s.postTime);
    if (!s.channelId || !time) return nothingToPreview;
    const options = { guildId, roleId: s.roleId, preview: true };
    let notice: AnyNotice;
    if (isServerDateId(eventId)) {
      // Only this server's own dates: another server's id finds nothing here.
      const date = (await this.settings.serverDates(guildId)).find((d) => d.id === eventId);
      if (!date) return nothingToPreview;
      const occurrence = nextOccurrence(plannedDay(date), this.now(), time, s.timeZone);
      notice = serverDateNoticeFor(date, occurrence, options);
    } else {
      const event = eventsWithDay(this.dataset).find((e) => e.id === eventId);
      if (!event) return nothingToPreview;
      notice = noticeFor(
        this.dataset,
        event,
        nextOccurrence(event.date, this.now(), time, s.timeZone),
        options,
      );
    }
    const outcome = await this.sender.send(s.channelId, notice, s.language, null);
    if (outcome.ok) return outcome;
    return {
      ok: false,
      code: outcome.kind === 'refused' ? outcome.reason : 'send-failed',
      detail: outcome.detail,
    };
  }
}
