import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/config/dataset-file.js';
import { projectRoot } from '../../src/config/project-root.js';
import { renderServerDateNotice } from '../../src/discord/render/server-date-notice.js';
import { occurrenceIn } from '../../src/domain/anniversary.js';
import { LANGUAGES } from '../../src/domain/dataset.js';
import { serverDateNoticeFor } from '../../src/domain/notice.js';
import { plannedDay, type ServerDate, serverDateId } from '../../src/domain/server-date.js';
import { formatDate, messages } from '../../src/i18n/index.js';
import { serverDateMessages } from '../../src/i18n/server-dates.js';

const dataset = loadDataset(path.join(projectRoot(), 'data/remembrance.json'));
const GUILD = '1200000000000000001';
const ROLE = '1200000000000000777';
const SOURCE = 'https://example.org/aghdam';
const day = { year: 2020, month: 11, day: 20 };
const DATE: ServerDate = {
  guildId: GUILD,
  id: serverDateId('Return of **Aghdam**', day),
  name: 'Return of **Aghdam**',
  date: day,
  sourceUrl: SOURCE,
  text: 'Source: the ministry @everyone <@&1>',
  roleId: null,
  createdAt: 0,
  updatedAt: 0,
};
const anniversary = occurrenceIn(plannedDay(DATE), 2027, { hour: 9, minute: 0 }, 'Asia/Baku');

describe('the reminder ahead of a date a server’s admins added', () => {
  for (const language of LANGUAGES) {
    it(`says how many days remain, labelled as the admins’ with their link and no dataset source (${language})`, () => {
      const t = messages(language);
      const s = serverDateMessages(language);
      const notice = serverDateNoticeFor(DATE, anniversary, {
        guildId: GUILD,
        roleId: ROLE,
        preview: false,
        daysLeft: 3,
      });
      const payload = renderServerDateNotice(notice, language, 'N0123456789ab');
      expect(payload.content).toBe(`${t.reminderLabel({ days: t.days(3) })} <@&${ROLE}>`);
      expect(payload.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
      const [embed] = payload.embeds;
      expect(embed?.author?.name).toBe(s.addedBy);
      expect(embed?.title).toBe(
        s.noticeTitle({ name: 'Return of \\*\\*Aghdam\\*\\*', ordinal: t.ordinal(7) }),
      );
      expect(embed?.description).toBe(`${s.textLabel}\n> Source: the ministry @\u200beveryone <@\u200b&1\\>`);
      expect(embed?.fields).toEqual([{ name: s.sourceLabel, value: SOURCE }]);
      // The footer names the anniversary's day (not the reminder's) and ends with the delivery's marker.
      expect(embed?.footer?.text).toBe(
        `${s.noticeFooter({ date: formatDate(anniversary.date, language) })} · N0123456789ab`,
      );
      const all = JSON.stringify(payload);
      for (const source of dataset.sources) expect(all).not.toContain(source.url);

      // The day's own notice has no reminder line.
      const onTheDay = renderServerDateNotice({ ...notice, daysLeft: null }, language);
      expect(onTheDay.content).toBe(`<@&${ROLE}>`);
    });
  }
});
