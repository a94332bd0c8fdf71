import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/discord/render/index.js';
import { renderNotice } from '../../src/discord/render/notice.js';
import { nextOccurrence } from '../../src/domain/anniversary.js';
import type { Language } from '../../src/domain/dataset.js';
import { noticeFor } from '../../src/domain/notice.js';
import { khojalyReply, timelineReply } from '../../src/domain/replies.js';
import { at, eventById, realDataset, sourceText } from '../domain/fixtures.js';

const dataset = realDataset();
const khojaly = eventById(dataset, 'khojaly');
const NOW = at('2027-02-20T12:00:00Z');

/** The name the Ministry's statement (2017, via Trend) gives the event, in each language's established form. */
const NAME: Record<Language, string> = {
  en: 'Khojaly genocide',
  az: 'Xocalı soyqırımı',
  ru: 'Ходжалинский геноцид',
  tr: 'Hocalı soykırımı',
};
/** The ministry as each language names it inside its own sentences. */
const MINISTRY: Record<Language, string> = {
  en: 'the Ministry of Foreign Affairs of the Republic of Azerbaijan',
  az: 'Azərbaycan Respublikası Xarici İşlər Nazirliyi',
  ru: 'Министерство иностранных дел Азербайджанской Республики',
  tr: 'Azerbaycan Cumhuriyeti Dışişleri Bakanlığı',
};
const LANGS = Object.keys(NAME) as Language[];

function notice(language: Language) {
  const occurrence = nextOccurrence(khojaly.date as never, NOW, { hour: 9, minute: 0 }, 'Asia/Baku');
  const [embed] = renderNotice(
    noticeFor(dataset, khojaly, occurrence, { guildId: '1', roleId: null, preview: false }),
    language,
  ).embeds;
  if (!embed) throw new Error('no embed');
  return embed;
}

describe('the Khojaly day is named as its source names it', () => {
  it('the name is the source’s words', () => {
    expect(khojaly.nameInSource?.sourceId).toBe('mfa-khojaly-2017');
    expect(sourceText(dataset)).toContain(khojaly.nameInSource?.quote);
    expect(khojaly.nameInSource?.names).toEqual(NAME);
  });

  it.each(LANGS)('the notice’s title in %s uses that name, attributed to the statement', (language) => {
    const embed = notice(language);
    expect(embed.title?.startsWith(`${NAME[language]}: `)).toBe(true);
    expect(embed.title).toMatch(/35/);
    expect(embed.description).toContain(MINISTRY[language]);
    // The ministry is named in the reader's language inside the sentence, never in English there.
    if (language !== 'en') expect(embed.description).not.toContain('Ministry of Foreign Affairs');
  });

  it('English names the publisher with its article', () => {
    const embed = notice('en');
    expect(embed.description).toContain(
      'Name and figures according to the Ministry of Foreign Affairs of the Republic of Azerbaijan, statement of 23 February 2017, published by Trend News Agency.',
    );
    expect(embed.description).not.toMatch(/According to Ministry/);
  });

  it.each(LANGS)('/khojaly and /timeline in %s title the event with that name', (language) => {
    const [card] = renderReply(khojalyReply(dataset, NOW), language).embeds;
    expect(card?.title?.startsWith(NAME[language])).toBe(true);
    expect(card?.description).toContain(MINISTRY[language]);
    const [timeline] = renderReply(timelineReply(dataset), language).embeds;
    expect(timeline?.description).toContain(`— ${NAME[language]} ·`);
  });

  it('Turkish spells Laçın and Füzuli', () => {
    expect(eventById(dataset, 'lachin').names.tr).toBe('Laçın');
    expect(eventById(dataset, 'fizuli').names.tr).toBe('Füzuli');
  });
});
