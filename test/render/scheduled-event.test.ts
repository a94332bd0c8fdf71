import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/config/dataset-file.js';
import { projectRoot } from '../../src/config/project-root.js';
import { markerOf, renderScheduledEvent } from '../../src/discord/render/scheduled-event.js';
import { occurrenceIn } from '../../src/domain/anniversary.js';
import { eventsWithDay, LANGUAGES } from '../../src/domain/dataset.js';
import { noticeFor } from '../../src/domain/notice.js';
import { eventMarker } from '../../src/schedule/events-tab-plan.js';

const dataset = loadDataset(path.join(projectRoot(), 'data/remembrance.json'));
const GUILD = '1200000000000000001';

describe('an anniversary as a scheduled event', () => {
  it('fits Discord’s limits in every language, with figures, source links, and the marker last', () => {
    for (const event of eventsWithDay(dataset)) {
      for (const language of LANGUAGES) {
        const occurrence = occurrenceIn(event.date, 2027, { hour: 9, minute: 0 }, 'Asia/Baku');
        const marker = eventMarker(GUILD, event.id, 2027);
        const payload = renderScheduledEvent(
          {
            notice: noticeFor(dataset, event, occurrence, { guildId: GUILD, roleId: null, preview: false }),
            language,
            startsAt: occurrence.at,
            endsAt: occurrence.at + 3_600_000,
            channelId: null,
            marker,
          },
          `#${'x'.repeat(150)}`,
        );
        expect([...payload.name].length).toBeLessThanOrEqual(100);
        expect(payload.name.length).toBeGreaterThan(0);
        expect([...payload.description].length).toBeLessThanOrEqual(1000);
        expect(payload.description).toMatch(/https?:\/\//);
        expect(markerOf(payload.description)).toBe(marker);
        expect(payload.entity_metadata.location.length).toBeLessThanOrEqual(100);
        expect(payload).toMatchObject({ entity_type: 3, privacy_level: 2 });
      }
    }
  });

  it('does not take a line that only looks like a marker somewhere else', () => {
    expect(markerOf(`remembrance:${GUILD}:fizuli:2027\nmore text`)).toBeNull();
    expect(markerOf(null)).toBeNull();
  });
});
