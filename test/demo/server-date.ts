/**
 * The demo's part about a date a server's admins add themselves (`/config date add`): a link that is not
 * https is refused and changes nothing, a proper one is added, `/upcoming` lists it as the admins' with
 * their link, and on its day its notice arrives, labelled, with their link and words.
 */
import type { Language } from '../../src/domain/dataset.js';
import { serverDateMessages } from '../../src/i18n/server-dates.js';
import type { RunningBot } from '../../src/main.js';
import type { Emulator } from '../emulator/emulator.js';
import type { AnyJson, InteractionInput } from '../emulator/types.js';
import { type Names, readable, transcript } from './transcript.js';

/** What the demo's script lends this part: the running pieces and its ways to act, print and check. */
export interface DemoScene {
  language: Language;
  guildId: string;
  channelId: string;
  names: Names;
  emulator: Emulator;
  bot: RunningBot;
  clock: { ms: number };
  member: { id: string; username: string; locale: string };
  act(
    who: string,
    input: Omit<InteractionInput, 'guildId' | 'channelId'>,
    typed: string,
  ): Promise<{ reply: AnyJson }>;
  /** `/config <subcommand>` or `/config <group> <subcommand>` as the admin. */
  adminConfig(
    subcommand: string,
    options: InteractionInput['options'],
    typed: string,
  ): Promise<{ reply: AnyJson }>;
  check(ok: boolean, what: string): void;
  say(text?: string): void;
}

/** The admins' own words for the date, as they would type them on a server in each language. */
const OWN_DATE: Record<Language, { name: string; text: string }> = {
  en: {
    name: 'Unveiling of our town’s memorial',
    text: 'Every year at 18:00 we meet at the memorial in the town park to remember our neighbours. All are welcome.',
  },
  az: {
    name: 'Şəhərimizdəki xatirə abidəsinin açılışı',
    text: 'Hər il saat 18:00-da şəhər parkındakı abidənin önündə toplaşıb qonşularımızı anırıq. Hamı dəvətlidir.',
  },
  ru: {
    name: 'Открытие памятника в нашем городе',
    text: 'Каждый год в 18:00 мы собираемся у памятника в городском парке, чтобы почтить память наших соседей. Приходите все.',
  },
  tr: {
    name: 'Şehrimizdeki anıtın açılışı',
    text: 'Her yıl saat 18.00’de şehir parkındaki anıtın önünde toplanıp komşularımızı anıyoruz. Herkes davetlidir.',
  },
};
// Between Khojaly (26 February) and the Kalbajar reminder (30 March) that the demo shows next.
const DAY = '2012-03-15';
// 15 March 2027, 09:00 in Asia/Baku (the demo server's zone and time).
const NOTICE_AT = Date.parse('2027-03-15T05:00:00Z');
const SOURCE = 'https://example.org/our-town/memorial';
const EPHEMERAL = 64;

/** Plays the part, checking each step through `scene.check`. */
export async function playServerDate(scene: DemoScene): Promise<void> {
  const { language, guildId, channelId, names, emulator, bot, clock, check, say } = scene;
  const s = serverDateMessages(language);
  const { name, text } = OWN_DATE[language];
  const str = (option: string, value: string) => ({ name: option, type: 3, value });
  const typed = (source: string) =>
    `/config date add name: ${name} date: ${DAY} source: ${source} text: ${text}`;
  const stored = () => bot.settings.serverDates(guildId);

  // Anything posted during this part counts: only the date's own notice may arrive.
  const before = emulator.messages(channelId).length;
  const insecure = SOURCE.replace('https:', 'http:');
  const { reply: refused } = await scene.adminConfig(
    'date add',
    [str('name', name), str('date', DAY), str('source', insecure), str('text', text)],
    `${typed(insecure)}   (an http:// link)`,
  );
  check(
    ((refused.flags ?? 0) & EPHEMERAL) !== 0 &&
      String(refused.content).includes(s.problems['date-source']) &&
      (await stored()).length === 0,
    'an http:// source should be refused privately, saying it must be https://, with nothing stored',
  );

  const { reply: added } = await scene.adminConfig(
    'date add',
    [str('name', name), str('date', DAY), str('source', SOURCE), str('text', text)],
    typed(SOURCE),
  );
  const dates = await stored();
  check(
    ((added.flags ?? 0) & EPHEMERAL) !== 0 &&
      dates.length === 1 &&
      dates[0]?.name === name &&
      dates[0]?.sourceUrl === SOURCE,
    `the date should be added, privately confirmed, with its source (stored: ${dates.length})`,
  );

  const { reply: upcoming } = await scene.act(
    'aysel',
    { type: 'command', name: 'upcoming', user: scene.member, memberPermissions: '0' },
    '/upcoming',
  );
  const shown = transcript(upcoming, names, clock.ms);
  const line = shown.split('\n').find((l) => l.includes(name)) ?? '';
  check(
    line.includes(s.upcomingMark) && shown.includes(SOURCE),
    `/upcoming should list the date as "${s.upcomingMark}" with its link`,
  );

  // Today's notice is already posted: the next tick moves on to the next post, now the server's own date.
  await bot.scheduler.tick();
  const next = (await bot.settings.get(guildId)).nextDueAt;
  check(next === NOTICE_AT, 'the next post should be the server’s own date (15 March, 09:00 Baku)');
  clock.ms = next ?? clock.ms;
  say();
  say(
    `⏩ The clock moves to the server’s own date: ${readable(`<t:${Math.floor(clock.ms / 1000)}:F>`, names, clock.ms)} (Baku time).`,
  );
  await bot.scheduler.tick();
  await bot.scheduler.tick();
  const arrived = emulator.messages(channelId).slice(before);
  say('  #general receives:');
  for (const message of arrived) say(transcript(message, names, clock.ms));
  const embed = arrived[0]?.embeds[0] as
    | {
        author?: { name: string };
        title?: string;
        description?: string;
        fields?: Array<{ name: string; value: string }>;
      }
    | undefined;
  check(
    arrived.length === 1,
    `exactly one notice of the server’s own date should arrive (got ${arrived.length})`,
  );
  check(
    embed?.author?.name === s.addedBy &&
      (embed.title ?? '').includes(name) &&
      embed.fields?.some((f) => f.name === s.sourceLabel && f.value === SOURCE) === true &&
      readable(embed.description ?? '', names, clock.ms).includes(text),
    'the notice should say it was added by this server’s admins, with their link and their text',
  );
}
