import { nextOccurrence, parseLocalTime } from '../domain/anniversary.js';
import { type Dataset, eventsWithDay } from '../domain/dataset.js';
import { noticeFor } from '../domain/notice.js';
import type { NoticeSender } from '../schedule/notice-port.js';
import type { GuildSettings } from '../store/guild-settings.js';
import type { PreviewOutcome } from './services.js';

/**
 * `/config test`: the notice of an event's next anniversary, built as the scheduler builds it, posted now to
 * the server's channel labelled as a preview (it pings nobody, carries no nonce and is no delivery).
 */
export class NoticePreview {
  constructor(
    private readonly dataset: Dataset,
    private readonly settings: { get(guildId: string): Promise<GuildSettings> },
    private readonly sender: NoticeSender,
    private readonly now: () => number,
  ) {}

  async post(guildId: string, eventId: string): Promise<PreviewOutcome> {
    const s = await this.settings.get(guildId);
    const event = eventsWithDay(this.dataset).find((e) => e.id === eventId);
    const time = parseLocalTime(s.postTime);
    if (!event || !s.channelId || !time)
      return { ok: false, code: 'send-failed', detail: 'nothing to preview' };
    const occurrence = nextOccurrence(event.date, this.now(), time, s.timeZone);
    const notice = noticeFor(this.dataset, event, occurrence, { guildId, roleId: s.roleId, preview: true });
    const outcome = await this.sender.send(s.channelId, notice, s.language, null);
    if (outcome.ok) return outcome;
    return {
      ok: false,
      code: outcome.kind === 'refused' ? outcome.reason : 'send-failed',
      detail: outcome.detail,
    };
  }
}
