/**
 * `npm run demo`: the bot working end to end without a Discord account. Starts the local Discord
 * emulator and the real bot against it, plays a short scripted session and prints what a member sees.
 * Exits 0 when every step behaved as expected.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messages } from '../../src/i18n/index.js';
import { startBot } from '../../src/main.js';
import { startEmulator } from '../emulator/emulator.js';
import type { InteractionInput } from '../emulator/types.js';
import { playServerDate } from './server-date.js';
import { type Names, readable, transcript } from './transcript.js';

const GUILD = '1250000000000000001';
const GENERAL = '1250000000000001001';
const ROLE = '1250000000000002001';
const MEMBER = '1250000000000003001';
const ADMIN = '1250000000000003002';
const names: Names = {
  channels: { [GENERAL]: 'general' },
  roles: { [ROLE]: 'Remembrance', [GUILD]: 'everyone' },
};

const LANGUAGES = ['en', 'az', 'ru', 'tr'] as const;
type DemoLanguage = (typeof LANGUAGES)[number];

/** `--language az|ru|tr|en` (default en): the server's language and the member's Discord client language. */
function languageArgument(argv: string[]): DemoLanguage | null {
  const i = argv.findIndex((a) => a === '--language' || a.startsWith('--language='));
  if (i < 0) return 'en';
  const value = argv[i]?.includes('=') ? argv[i]?.split('=')[1] : argv[i + 1];
  return LANGUAGES.find((l) => l === value) ?? null;
}

/** What the client shows for an attachment: its name and size, and what it is. */
function attachmentLine(file: { filename: string; size: number; data: Buffer }): string {
  const size = `${file.size.toLocaleString('en-GB')} bytes`;
  if (file.filename.endsWith('.png')) {
    // A PNG's width and height are the first fields of its IHDR chunk.
    return `${file.filename} — PNG image ${file.data.readUInt32BE(16)}×${file.data.readUInt32BE(20)}, ${size}`;
  }
  if (file.filename.endsWith('.ics')) {
    const events = file.data.toString('utf8').split('BEGIN:VEVENT').length - 1;
    return `${file.filename} — calendar file with ${events} yearly events, ${size}`;
  }
  return `${file.filename}, ${size}`;
}

const failures: string[] = [];
function check(ok: boolean, what: string): void {
  if (!ok) failures.push(what);
}
const say = (text = '') => process.stdout.write(`${text}\n`);

async function main(): Promise<number> {
  const language = languageArgument(process.argv.slice(2));
  if (!language) {
    process.stderr.write('Usage: npm run demo [-- --language en|az|ru|tr]\n');
    return 2;
  }
  const clock = { ms: Date.parse('2027-02-25T12:00:00Z'), now: () => clock.ms };
  // The emulated Discord runs on the bot's clock, so anything it decides by time moves with the demo.
  const emulator = await startEmulator({
    now: clock.now,
    guilds: [
      {
        id: GUILD,
        name: 'Demo server',
        // An announcement channel: the notice is also published to the servers that follow it.
        channels: [{ id: GENERAL, name: 'general', type: 5 }],
        roles: [
          // What the invite link grants: View Channel, Send Messages, Embed Links, Attach Files, Read Message
          // History and Create Events.
          {
            id: GUILD,
            name: '@everyone',
            permissions: (1024n | 2048n | 16384n | 32768n | 65536n | (1n << 44n)).toString(),
          },
          { id: ROLE, name: 'Remembrance', permissions: '0', mentionable: true },
        ],
      },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'remembrance-demo-'));
  const bot = await startBot({
    env: {
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_URL: emulator.apiUrl,
      DATABASE_URL: `sqlite:${join(dir, 'demo.sqlite')}`,
      LOG_LEVEL: 'silent',
      SHARD_COUNT: '1',
    },
    clock,
    ticker: false,
    waitGuildTimeoutMs: 2_000,
  });
  try {
    say('Remembrance bot — offline demo (a local Discord emulator; no Discord account needed)');
    say(`The bot logged in and registered ${emulator.commands().length} slash commands.`);
    say(`The clock reads ${new Date(clock.ms).toUTCString()}.`);

    const act = async (
      who: string,
      input: Omit<InteractionInput, 'guildId' | 'channelId'>,
      typed: string,
    ) => {
      say();
      say(`▶ ${who} types: ${typed}`);
      const handle = await emulator.interact({ guildId: GUILD, channelId: GENERAL, ...input });
      const reply = await handle.final();
      const onlyYou = ((reply.flags ?? 0) & 64) !== 0;
      say(`  bot replies${onlyYou ? ' (only you can see this)' : ''}:`);
      say(transcript(reply, names, clock.ms));
      for (const file of handle.attachments()) say(`    📎 ${attachmentLine(file)}`);
      return { reply, files: handle.attachments() };
    };

    // Azerbaijani is not a Discord client language: such members get the server's language.
    const clientLocale = { en: 'en-GB', az: 'az', ru: 'ru', tr: 'tr' }[language];
    const member = { id: MEMBER, username: 'aysel', locale: clientLocale };
    const admin = { id: ADMIN, username: 'admin', locale: clientLocale };
    const manageGuild = (1n << 5n).toString();
    // 'date add' is the subcommand add of the group date.
    const adminConfig = (path: string, options: InteractionInput['options'], typed: string) => {
      const [subcommandGroup, subcommand] = path.includes(' ') ? path.split(' ') : [undefined, path];
      return act(
        'admin',
        {
          type: 'command',
          name: 'config',
          ...(subcommandGroup ? { subcommandGroup } : {}),
          subcommand,
          options,
          user: admin,
          memberPermissions: manageGuild,
        },
        typed,
      );
    };
    if (language !== 'en') {
      await adminConfig(
        'language',
        [{ name: 'language', type: 3, value: language }],
        `/config language language: ${language}`,
      );
    }

    const complete = await emulator.interact({
      type: 'autocomplete',
      name: 'district',
      options: [{ name: 'name', type: 3, value: 'Fuzul', focused: true }],
      guildId: GUILD,
      channelId: GENERAL,
      user: member,
    });
    const choices = (await complete.response()).data.choices as Array<{ name: string }>;
    say();
    say('▶ aysel starts typing /district name: Fuzul');
    say(`  autocomplete offers: ${choices.map((c) => c.name).join(', ')}`);
    const firstChoice = choices[0] as { name: string; value?: string } | undefined;
    check(firstChoice?.value === 'fizuli', 'autocomplete should offer Fizuli first');

    const { reply: district } = await act(
      'aysel',
      {
        type: 'command',
        name: 'district',
        options: [{ name: 'name', type: 3, value: 'Fuzzuli' }],
        user: member,
        memberPermissions: '0',
      },
      '/district name: Fuzzuli   (misspelled)',
    );
    check(
      /1[,.\s\u00a0\u202f]?390/.test(JSON.stringify(district)),
      '/district should show Fizuli’s territory',
    );

    const { reply: khojaly } = await act(
      'aysel',
      { type: 'command', name: 'khojaly', user: member, memberPermissions: '0' },
      '/khojaly',
    );
    check(JSON.stringify(khojaly).includes('613'), '/khojaly should show the figures');

    const timeline = await act(
      'aysel',
      { type: 'command', name: 'timeline', user: member, memberPermissions: '0' },
      '/timeline',
    );
    check(
      timeline.files.length === 1 && timeline.files[0]?.data.readUInt32BE(0) === 0x89504e47,
      '/timeline should attach a PNG picture',
    );
    const calendar = await act(
      'aysel',
      { type: 'command', name: 'calendar', user: member, memberPermissions: '0' },
      '/calendar',
    );
    const ics = calendar.files[0]?.data.toString('utf8') ?? '';
    check(
      ics.split('RRULE:FREQ=YEARLY').length - 1 === 9,
      '/calendar should attach an .ics file of 9 yearly events',
    );

    const { reply: refused } = await act(
      'aysel',
      {
        type: 'command',
        name: 'config',
        subcommand: 'channel',
        options: [{ name: 'channel', type: 7, value: GENERAL }],
        user: member,
        memberPermissions: '0',
      },
      '/config channel channel: #general   (without Manage Server)',
    );
    check(
      ((refused.flags ?? 0) & 64) !== 0 && !(await bot.settings.get(GUILD)).channelId,
      'a member without Manage Server should be refused, privately, with nothing stored',
    );

    await adminConfig(
      'channel',
      [{ name: 'channel', type: 7, value: GENERAL }],
      '/config channel channel: #general',
    );
    await adminConfig('role', [{ name: 'role', type: 8, value: ROLE }], '/config role role: @Remembrance');
    await adminConfig('show', [], '/config show');
    await adminConfig('events', [{ name: 'enabled', type: 5, value: true }], '/config events enabled: True');
    await bot.eventsTab.run();
    const shown = emulator.scheduledEvents(GUILD);
    say("  The server's Events tab now holds:");
    for (const e of shown) {
      const at = readable(`<t:${Math.floor(Date.parse(e.scheduled_start_time) / 1000)}:F>`, names, clock.ms);
      say(`    📅 ${e.name} — ${at}, ${e.entity_metadata?.location ?? ''}`);
    }
    check(shown.length === 1, `the Events tab should hold Khojaly's anniversary once (got ${shown.length})`);

    const next = (await bot.settings.get(GUILD)).nextDueAt;
    check(next === Date.parse('2027-02-26T05:00:00Z'), 'the next post should be Khojaly at 09:00 Baku');
    clock.ms = next ?? clock.ms;
    say();
    say(
      `⏩ The clock moves to the next anniversary: ${readable(`<t:${Math.floor(clock.ms / 1000)}:F>`, names, clock.ms)} (Baku time).`,
    );
    await bot.scheduler.tick();
    await bot.scheduler.tick();
    const posted = emulator.messages(GENERAL).filter((m) => !String(m.content).includes('Preview'));
    say('  #general receives:');
    for (const message of posted) say(transcript(message, names, clock.ms));
    check(posted.length === 1, `exactly one notice should arrive (got ${posted.length})`);
    check(posted[0]?.content === `<@&${ROLE}>`, 'the notice should mention the chosen role');
    // Discord marks a published message CROSSPOSTED (flag 1).
    const published = ((posted[0]?.flags as number | undefined) ?? 0) & 1;
    say(
      published
        ? '  📣 #general is an announcement channel: the notice was published to the servers that follow it.'
        : '  #general is an announcement channel, but the notice was not published.',
    );
    check(published === 1, 'the notice should be published (crossposted) once in the announcement channel');

    await playServerDate({
      language,
      guildId: GUILD,
      channelId: GENERAL,
      names,
      emulator,
      bot,
      clock,
      member,
      act,
      adminConfig,
      check,
      say,
    });

    const delivered = emulator.messages(GENERAL).length;
    await adminConfig('reminder', [{ name: 'days', type: 4, value: 3 }], '/config reminder days: 3');
    // Today's notice is already posted: the next tick moves on to the next post, now the reminder.
    await bot.scheduler.tick();
    const reminderAt = (await bot.settings.get(GUILD)).nextDueAt;
    check(
      reminderAt === Date.parse('2027-03-30T05:00:00Z'),
      'the next post should be the reminder 3 days before Kalbajar (30 March, 09:00 Baku)',
    );
    clock.ms = reminderAt ?? clock.ms;
    say();
    say(
      `⏩ The clock moves to the reminder: ${readable(`<t:${Math.floor(clock.ms / 1000)}:F>`, names, clock.ms)} (Baku time).`,
    );
    await bot.scheduler.tick();
    const reminders = emulator.messages(GENERAL).slice(delivered);
    say('  #general receives:');
    for (const message of reminders) say(transcript(message, names, clock.ms));
    check(
      reminders.length === 1 &&
        String(reminders[0]?.content).startsWith(
          messages(language).reminderLabel({ days: messages(language).days(3) }),
        ),
      `one reminder saying 3 days remain should arrive (got ${reminders.length})`,
    );
    check(
      emulator.violations.length === 0,
      `Discord's schemas and limits: ${JSON.stringify(emulator.violations)}`,
    );
  } finally {
    await bot.stop();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
  say();
  if (failures.length > 0) {
    say(`✗ The demo did not go as expected:\n  - ${failures.join('\n  - ')}`);
    return 1;
  }
  say('✓ Demo finished: every step behaved as expected.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
