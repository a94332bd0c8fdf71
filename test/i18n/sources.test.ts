import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/discord/render/index.js';
import { LANGUAGES } from '../../src/domain/dataset.js';
import { sourcesReply } from '../../src/domain/replies.js';
import { realDataset } from '../domain/fixtures.js';

const dataset = realDataset();

describe('/sources in every language', () => {
  it.each(LANGUAGES)(
    'says what each source supports in %s, and keeps the titles as published',
    (language) => {
      const text = JSON.stringify(renderReply(sourcesReply(dataset), language));
      for (const source of dataset.sources) {
        expect(text).toContain(JSON.stringify(source.supports[language]).slice(1, -1));
        expect(text).toContain(JSON.stringify(source.title).slice(1, -1));
      }
    },
  );

  it('has no untranslated description: each language’s text differs from English', () => {
    for (const source of dataset.sources) {
      for (const language of ['az', 'ru', 'tr'] as const) {
        expect(source.supports[language]).not.toBe(source.supports.en);
      }
    }
  });
});
