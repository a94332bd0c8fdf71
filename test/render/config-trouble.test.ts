import { describe, expect, it } from 'vitest';
import type { ConfigShowReply } from '../../src/app/config-replies.js';
import { renderReply } from '../../src/discord/render/index.js';
import { DAY_ENDED, type Delivery } from '../../src/store/delivery.js';
import { defaultSettings } from '../../src/store/guild-settings.js';
import { realDataset } from '../domain/fixtures.js';

const dataset = realDataset();
const khojaly = dataset.events.find((e) => e.id === 'khojaly');
const shusha = dataset.events.find((e) => e.id === 'shusha');

function row(
  eventId: string,
  status: Delivery['status'],
  attempts: number,
  reason: Delivery['reason'],
  detail: string | null = null,
): Delivery {
  return {
    guildId: '1',
    eventId,
    year: 2027,
    status,
    nonce: 'n',
    messageId: null,
    reason,
    detail,
    retryable: false,
    attempts,
    claimedBy: null,
    claimedAt: null,
    firstAttemptAt: null,
    updatedAt: 0,
    dueAt: 0,
  };
}

function show(): ConfigShowReply {
  return {
    kind: 'config-show',
    settings: defaultSettings('1', 0),
    channelName: null,
    roleName: null,
    next: [],
    problems: [],
    trouble: [
      { ...row('khojaly', 'missed', 0, DAY_ENDED), event: khojaly, reminder: false },
      { ...row('shusha', 'missed', 3, DAY_ENDED), event: shusha, reminder: false },
      {
        ...row('shusha', 'failed', 1, 'missing-permissions', '50013: Missing Permissions'),
        event: shusha,
        reminder: false,
      },
      {
        ...row('khojaly', 'failed', 2, 'transient', '503: Service Unavailable'),
        event: khojaly,
        reminder: false,
      },
      {
        ...row('shusha', 'uncertain', 2, 'history-unreadable', '50001: Missing Access'),
        event: shusha,
        reminder: false,
      },
      { ...row('reminder:khojaly', 'missed', 0, DAY_ENDED), event: khojaly, reminder: true },
    ],
    events: [],
    publishing: [],
  };
}

describe('/config show explains posts that did not go out, in the reader’s language', () => {
  it('tells missed (bot down) from failed (Discord refused or the day ran out), without internal codes', () => {
    const en = JSON.stringify(renderReply(show(), 'en'));
    expect(en).toContain('Khojaly 2027: missed — the bot was not running that day');
    expect(en).toContain('Shusha 2027: failed — the day ended before Discord accepted the post');
    expect(en).toMatch(/Shusha 2027: failed — the bot lacks permissions in the channel/);
    expect(en).toContain('Khojaly 2027: failed — Discord answered “503: Service Unavailable”');
    expect(en).toMatch(/Shusha 2027: uncertain — .*grant the bot Read Message History there/);
    expect(en).toContain('Reminder for Khojaly 2027: missed — the bot was not running that day');
    expect(en).not.toContain('reminder:khojaly');
    const ru = JSON.stringify(renderReply(show(), 'ru'));
    expect(ru).toContain('день закончился раньше, чем Discord принял публикацию');
    for (const text of [en, ru]) {
      expect(text).not.toContain(DAY_ENDED);
      expect(text).not.toContain('missing-permissions');
      expect(text).not.toContain('history-unreadable');
    }
  });
});
