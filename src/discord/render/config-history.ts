import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { ConfigHistoryReply } from '../../app/config-replies.js';
import type { Language } from '../../domain/dataset.js';
import { LANGUAGES } from '../../domain/dataset.js';
import { messages } from '../../i18n/index.js';
import { LANGUAGE_NAMES } from '../../i18n/language-names.js';
import type { Messages } from '../../i18n/locales/en.js';
import { placeName } from '../../i18n/place-names.js';
import { serverDateMessages } from '../../i18n/server-dates.js';
import { PAUSE_REASONS } from '../../store/guild-settings.js';
import { reminderText } from './config-show.js';
import { COLOURS, clip, escapeMarkdown, LIMITS, type MessagePayload, NO_MENTIONS } from './payload.js';

type Entry = ConfigHistoryReply['entries'][number];

/** A recorded value as the reader sees it: mentions for ids (which never ping), names for codes. */
function valueText(setting: string, value: string | null, guildId: string, t: Messages): string {
  if (value === null) return setting === 'role' ? t.configNobody : t.configNotSet;
  switch (setting) {
    case 'channel':
      return `<#${value}>`;
    case 'role':
      return value === guildId ? '@everyone' : `<@&${value}>`;
    case 'language': {
      const language = LANGUAGES.find((l) => l === value);
      return language ? LANGUAGE_NAMES[language] : value;
    }
    case 'paused':
      if (value === 'posting') return t.configActive;
      return PAUSE_REASONS.some((r) => r === value && r !== 'admin')
        ? t.historyPausedByDiscord
        : t.historyPaused;
    case 'event':
    case 'events-tab':
      return value === 'off' ? t.configEventOff : t.configEventOn;
    case 'reminder':
      return /^\d+$/.test(value) ? reminderText(Number(value), t) : escapeMarkdown(value);
    default:
      return escapeMarkdown(value);
  }
}

function labelOf(entry: Entry, t: Messages, language: Language): string {
  switch (entry.setting) {
    case 'channel':
      return t.configChannel;
    case 'timezone':
      return t.configZone;
    case 'time':
      return t.configTime;
    case 'role':
      return t.configRole;
    case 'language':
      return t.configLanguage;
    case 'paused':
      return t.configStatus;
    case 'events-tab':
      return t.configEventsTab;
    case 'reminder':
      return t.configReminder;
    case 'event':
      return entry.event ? placeName(entry.event, language) : escapeMarkdown(entry.subject ?? '');
    case 'date':
      return serverDateMessages(language).historyLabel;
    default:
      return escapeMarkdown(entry.setting);
  }
}

function line(entry: Entry, guildId: string, language: Language): string {
  const t = messages(language);
  return t.historyLine({
    when: `<t:${Math.floor(entry.at / 1000)}:f>`,
    who: `**${escapeMarkdown(clip(entry.userName, 40))}** (<@${entry.userId}>)`,
    what: t.historyChange({
      label: labelOf(entry, t, language),
      from: valueText(entry.setting, entry.from, guildId, t),
      to: valueText(entry.setting, entry.to, guildId, t),
    }),
  });
}

/** `/config history`: one page of changes with Previous/Next buttons (disabled at either end). */
export function renderHistory(reply: ConfigHistoryReply, language: Language): MessagePayload {
  const t = messages(language);
  const lines = reply.entries.map((e) => line(e, reply.guildId, language));
  return {
    embeds: [
      {
        title: t.historyTitle,
        description: clip(lines.length ? lines.join('\n') : t.historyEmpty, LIMITS.embedDescription),
        color: COLOURS.remembrance,
        footer: {
          text: t.historyFooter({ page: reply.page + 1, pages: reply.pageCount, total: reply.total }),
        },
      },
    ],
    allowed_mentions: NO_MENTIONS,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            custom_id: reply.buttons.previous,
            label: t.historyPrevious,
            disabled: reply.page === 0,
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            custom_id: reply.buttons.next,
            label: t.historyNext,
            disabled: reply.page >= reply.pageCount - 1,
          },
        ],
      },
    ],
  };
}
