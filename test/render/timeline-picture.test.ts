import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/discord/render/index.js';
import {
  timelinePicture,
  timelinePictureText,
  timelineSvg,
} from '../../src/discord/render/timeline-picture.js';
import { LANGUAGES } from '../../src/domain/dataset.js';
import { timelineReply } from '../../src/domain/replies.js';
import { realDataset } from '../domain/fixtures.js';
import { decodePng } from '../support/png.js';

describe('the /timeline picture', () => {
  const dataset = realDataset();
  const reply = timelineReply(dataset);

  for (const language of LANGUAGES) {
    it(`in ${language}: a whole PNG of sensible size, far under Discord's 10 MiB`, () => {
      const picture = timelinePicture(reply, language);
      expect(picture.name).toBe(`timeline-${language}.png`);
      const png = decodePng(picture.data);
      expect(png.width).toBe(1200);
      expect(png.height).toBeGreaterThan(600);
      expect(png.height).toBeLessThan(1200);
      expect(picture.data.length).toBeLessThan(512 * 1024);
      expect(picture.description?.length ?? 0).toBeGreaterThan(0);
    });
  }

  it('is drawn once per language and then served from the cache', () => {
    const first = timelinePicture(reply, 'az').data;
    expect(timelinePicture(timelineReply(dataset), 'az').data).toBe(first);
    expect(timelinePicture(reply, 'ru').data).not.toBe(first);
  });

  it('shows every event with its date, place and figure, in the reader’s language and letters', () => {
    const az = timelinePictureText(reply, 'az');
    expect(az.title).toBe('Xronologiya, 1988–1993');
    const row = (id: string) => az.rows.find((r) => r.event.id === id);
    expect(row('kalbajar')).toMatchObject({ when: '2 aprel 1993', name: 'Kəlbəcər', figure: '3.054 km²' });
    expect(row('nagorno-karabakh')).toMatchObject({ when: '1988–1992', name: 'Dağlıq Qarabağ' });
    expect(row('khojaly')).toMatchObject({ when: '25–26 fevral 1992', name: 'Xocalı', sourceNumber: 2 });
    expect(az.rows.map((r) => r.event.id)).toEqual(reply.events.map((e) => e.id));
    const ru = timelinePictureText(reply, 'ru');
    expect(ru.rows.find((r) => r.event.id === 'kalbajar')?.name).toBe('Кельбаджар');
    const svg = timelineSvg(timelinePictureText(reply, 'tr'));
    expect(svg).toContain('Kelbecer');
    expect(svg).toContain('Hocalı');
  });

  it('credits both sources on the image, with their links', () => {
    const text = timelinePictureText(reply, 'en');
    expect(text.creditsLabel).toBe('Sources');
    expect(text.credits).toEqual([
      '[1] "The Occupation in Figures", virtualkarabakh.az — http://www.virtualkarabakh.az/read.php?lang=2&menu=42&id=5416',
      '[2] Ministry of Foreign Affairs of the Republic of Azerbaijan, statement of 23 Feb 2017, via Trend News Agency — https://en.trend.az/azerbaijan/karabakh/2724545.html',
    ]);
    // Escaped for XML: a raw & would make the SVG unreadable.
    expect(timelineSvg(text)).toContain('lang=2&#38;menu=42&#38;id=5416');
  });

  it('the reply keeps its text and shows the picture in the embed, with alt text', () => {
    const payload = renderReply(reply, 'en');
    expect(payload.embeds[0]?.description).toContain('**8 May 1992** — Shusha · 289 km²');
    expect(payload.embeds[0]?.image?.url).toBe('attachment://timeline-en.png');
    expect(payload.files?.map((f) => f.name)).toEqual(['timeline-en.png']);
    expect(payload.files?.[0]?.description).toMatch(/^A time axis from 1988 to 1993/);
  });
});
