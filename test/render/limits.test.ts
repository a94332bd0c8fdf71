import { type APIApplicationCommandOption, type APIEmbed, Locale } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { Command, CommandResult, Invocation, OptionValue } from '../../src/app/command.js';
import type { PreviewOutcome } from '../../src/app/services.js';
import { renderReply } from '../../src/discord/render/index.js';
import { renderNotice } from '../../src/discord/render/notice.js';
import type { MessagePayload } from '../../src/discord/render/payload.js';
import { nextOccurrence } from '../../src/domain/anniversary.js';
import { type Dataset, eventsWithDay, LANGUAGES, type Language } from '../../src/domain/dataset.js';
import { noticeFor } from '../../src/domain/notice.js';
import { PAUSE_REASONS } from '../../src/store/guild-settings.js';
import { at, realDataset } from '../domain/fixtures.js';
import {
  CHANNEL,
  commandContext,
  type FakeServices,
  GUILD,
  invocation,
  postableChannel,
  ROLE,
} from './command-context.js';

const NOW = at('2026-11-26T12:00:00Z');
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const byName = (name: string): Command<FakeServices> => {
  const command = commands.find((c) => c.definition.name === name);
  if (!command) throw new Error(`no /${name}`);
  return command as Command<FakeServices>;
};

/** Checks a message against Discord's limits; `what` names it in failures. */
function expectWithinLimits(payload: MessagePayload, what: string): void {
  expect(payload.allowed_mentions, what).toBeDefined();
  const content = payload.content ?? '';
  expect(content.length, `${what}: content`).toBeLessThanOrEqual(2000);
  expect(content.length > 0 || payload.embeds.length > 0, `${what}: empty message`).toBe(true);
  expect(payload.embeds.length, `${what}: embeds`).toBeLessThanOrEqual(10);
  // Attachments: 10 files and 10 MiB per message for a bot in a server without boosts.
  const files = payload.files ?? [];
  expect(files.length, `${what}: files`).toBeLessThanOrEqual(10);
  expect(
    files.reduce((n, f) => n + f.data.length, 0),
    `${what}: file bytes`,
  ).toBeLessThanOrEqual(10 * 1024 * 1024);
  for (const f of files)
    expect(f.description?.length ?? 0, `${what}: ${f.name} alt text`).toBeLessThanOrEqual(1024);
  let total = 0;
  payload.embeds.forEach((embed: APIEmbed, i) => {
    const at = `${what}: embed ${i}`;
    expect(embed.title?.length ?? 0, `${at} title`).toBeLessThanOrEqual(256);
    expect(embed.description?.length ?? 0, `${at} description`).toBeLessThanOrEqual(4096);
    expect(embed.footer?.text.length ?? 0, `${at} footer`).toBeLessThanOrEqual(2048);
    expect(embed.author?.name.length ?? 0, `${at} author`).toBeLessThanOrEqual(256);
    if (embed.footer) expect(embed.footer.text.trim(), `${at} footer is empty`).not.toBe('');
    const fields = embed.fields ?? [];
    expect(fields.length, `${at} fields`).toBeLessThanOrEqual(25);
    for (const field of fields) {
      expect(field.name.trim().length, `${at} field name "${field.name}"`).toBeGreaterThan(0);
      expect(field.name.length, `${at} field name "${field.name}"`).toBeLessThanOrEqual(256);
      expect(field.value.trim().length, `${at} field "${field.name}" value`).toBeGreaterThan(0);
      expect(field.value.length, `${at} field "${field.name}" value`).toBeLessThanOrEqual(1024);
    }
    total +=
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.author?.name.length ?? 0) +
      fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  });
  expect(total, `${what}: characters across embeds`).toBeLessThanOrEqual(6000);
}

interface Rendered {
  what: string;
  result: CommandResult;
}

/** One /config call on a fresh server set up by `setup`. */
async function configCall(
  dataset: Dataset,
  what: string,
  subcommand: string,
  options: Record<string, OptionValue> = {},
  setup: (services: FakeServices) => Promise<void> | void = () => {},
  extra: Partial<Invocation> = {},
): Promise<Rendered> {
  const ctx = commandContext(dataset, NOW);
  await setup(ctx.services);
  const result = await byName('config').execute(invocation(options, { subcommand, ...extra }), ctx);
  return { what: `/config ${subcommand} (${what})`, result };
}

/** A server with a channel the bot can post in. */
async function withChannel(services: FakeServices): Promise<void> {
  services.guilds.channels.set(CHANNEL, postableChannel());
  await services.settings.update(GUILD, { channelId: CHANNEL });
}

async function everyCommandReply(dataset: Dataset): Promise<Rendered[]> {
  const out: Rendered[] = [];
  const ctx = commandContext(dataset, NOW);
  const run = async (
    name: string,
    options: Record<string, OptionValue> = {},
    extra: Partial<Invocation> = {},
  ) => {
    out.push({
      what: `/${name} ${JSON.stringify(options)}${extra.guildId === null ? ' in a DM' : ''}`,
      result: await byName(name).execute(invocation(options, extra), ctx),
    });
  };
  await run('khojaly');
  await run('timeline');
  await run('calendar');
  await run('sources');
  for (let count = 1; count <= 25; count++) await run('upcoming', { count });
  await run('upcoming');
  await run('upcoming', {}, { guildId: null });
  for (const count of [0, 26, 2.5]) await run('upcoming', { count });
  await run('upcoming', { count: 'five' });
  for (const event of dataset.events) {
    for (const name of new Set([event.id, ...Object.values(event.names), ...event.aliases])) {
      await run('district', { name });
    }
  }
  for (const name of [
    'Paris',
    'zzzzzz',
    'kar',
    'a',
    '',
    '@everyone <@&1> **bold**',
    'x'.repeat(100),
    'ы'.repeat(100),
  ]) {
    await run('district', { name });
  }

  const preview = (outcome: PreviewOutcome) => (s: FakeServices) => {
    s.previewOutcome = outcome;
    return withChannel(s);
  };
  const calls: Array<Promise<Rendered>> = [
    configCall(dataset, 'in a DM', 'show', {}, undefined, { guildId: null }),
    configCall(dataset, 'without Manage Server', 'show', {}, undefined, { memberPermissions: 0n }),
    configCall(dataset, 'unconfigured', 'show'),
    configCall(dataset, 'configured', 'show', {}, withChannel),
    configCall(dataset, 'channel gone', 'show', {}, async (s) => {
      await withChannel(s);
      s.guilds.channels.clear();
    }),
    configCall(dataset, 'missing permissions', 'show', {}, async (s) => {
      await withChannel(s);
      s.guilds.channels.set(
        CHANNEL,
        postableChannel(CHANNEL, { missing: ['ViewChannel', 'SendMessages', 'EmbedLinks'] }),
      );
    }),
    configCall(dataset, 'everything off, role, trouble', 'show', {}, async (s) => {
      await withChannel(s);
      await s.settings.update(GUILD, {
        disabledEvents: eventsWithDay(dataset).map((e) => e.id),
        roleId: ROLE,
      });
      s.settings.trouble = Array.from({ length: 10 }, (_, i) => ({
        guildId: GUILD,
        eventId: i % 2 ? 'khojaly' : 'no-longer-in-the-dataset',
        year: 2016 + i,
        status: i % 3 ? ('failed' as const) : ('missed' as const),
        nonce: 'n',
        messageId: null,
        reason: 'transient' as const,
        detail: 'Discord answered 500 Internal Server Error '.repeat(5),
        retryable: false,
        attempts: 3,
        claimedBy: null,
        claimedAt: null,
        firstAttemptAt: null,
        updatedAt: NOW,
        dueAt: NOW,
      }));
    }),
    ...PAUSE_REASONS.map((reason) =>
      configCall(dataset, `paused: ${reason}`, 'show', {}, async (s) => {
        await withChannel(s);
        await s.settings.update(GUILD, {
          paused: true,
          pauseReason: reason,
          pauseDetail: 'Send Messages, Embed Links',
        });
      }),
    ),
    configCall(dataset, 'role is everyone', 'show', {}, async (s) => {
      await withChannel(s);
      await s.settings.update(GUILD, { roleId: GUILD });
    }),
    configCall(dataset, 'unknown channel', 'channel', { channel: CHANNEL }),
    configCall(dataset, 'voice channel', 'channel', { channel: CHANNEL }, (s) => {
      s.guilds.channels.set(CHANNEL, postableChannel(CHANNEL, { postable: false }));
    }),
    configCall(dataset, 'no permissions', 'channel', { channel: CHANNEL }, (s) => {
      s.guilds.channels.set(CHANNEL, postableChannel(CHANNEL, { missing: ['SendMessages', 'EmbedLinks'] }));
    }),
    configCall(dataset, 'ok', 'channel', { channel: CHANNEL }, (s) => {
      s.guilds.channels.set(CHANNEL, postableChannel());
    }),
    configCall(dataset, 'after Discord paused', 'channel', { channel: CHANNEL }, async (s) => {
      await withChannel(s);
      await s.settings.update(GUILD, { paused: true, pauseReason: 'missing-access' });
    }),
    configCall(dataset, 'ok', 'timezone', { zone: 'Europe/Berlin' }, withChannel),
    configCall(dataset, 'city', 'timezone', { zone: 'new york' }, withChannel),
    configCall(dataset, 'unknown', 'timezone', { zone: `Mars/${'*_'.repeat(40)}` }),
    configCall(dataset, 'ok', 'time', { at: '21:30' }, withChannel),
    configCall(dataset, 'no channel yet', 'time', { at: '9' }),
    configCall(dataset, 'invalid', 'time', { at: '25:61' }),
    configCall(dataset, 'cleared', 'role', {}, withChannel),
    configCall(dataset, 'unknown', 'role', { role: ROLE }, withChannel),
    configCall(dataset, 'managed', 'role', { role: ROLE }, (s) => {
      s.guilds.roles.set(ROLE, {
        id: ROLE,
        name: 'Bot',
        isEveryone: false,
        mentionable: true,
        managed: true,
      });
    }),
    configCall(dataset, 'not mentionable', 'role', { role: ROLE }, (s) => {
      s.guilds.roles.set(ROLE, {
        id: ROLE,
        name: 'Quiet',
        isEveryone: false,
        mentionable: false,
        managed: false,
      });
    }),
    configCall(dataset, 'everyone, not allowed', 'role', { role: GUILD }, (s) => {
      s.guilds.roles.set(GUILD, {
        id: GUILD,
        name: '@everyone',
        isEveryone: true,
        mentionable: true,
        managed: false,
      });
    }),
    configCall(dataset, 'everyone, allowed', 'role', { role: GUILD }, async (s) => {
      await withChannel(s);
      s.guilds.channels.set(CHANNEL, postableChannel(CHANNEL, { canMentionEveryone: true }));
      s.guilds.roles.set(GUILD, {
        id: GUILD,
        name: '@everyone',
        isEveryone: true,
        mentionable: true,
        managed: false,
      });
    }),
    configCall(dataset, 'ok', 'role', { role: ROLE }, async (s) => {
      await withChannel(s);
      s.guilds.roles.set(ROLE, {
        id: ROLE,
        name: 'Remembrance',
        isEveryone: false,
        mentionable: true,
        managed: false,
      });
    }),
    configCall(dataset, 'off', 'event', { event: 'khojaly', enabled: false }, withChannel),
    configCall(dataset, 'on by name', 'event', { event: 'Füzuli', enabled: true }, withChannel),
    configCall(dataset, 'last one off', 'event', { event: 'zangilan', enabled: false }, async (s) => {
      await withChannel(s);
      const others = eventsWithDay(dataset).filter((e) => e.id !== 'zangilan');
      await s.settings.update(GUILD, { disabledEvents: others.map((e) => e.id) });
    }),
    configCall(dataset, 'a period', 'event', { event: 'nagorno-karabakh', enabled: false }, withChannel),
    configCall(dataset, 'unknown', 'event', { event: 'Paris', enabled: false }, withChannel),
    ...LANGUAGES.map((language) => configCall(dataset, language, 'language', { language }, withChannel)),
    configCall(dataset, 'unknown', 'language', { language: 'xx' }),
    configCall(dataset, 'ok', 'pause', {}, withChannel),
    configCall(dataset, 'again', 'pause', {}, async (s) => {
      await withChannel(s);
      await s.settings.update(GUILD, { paused: true, pauseReason: 'admin' });
    }),
    configCall(dataset, 'ok', 'resume', {}, async (s) => {
      await withChannel(s);
      await s.settings.update(GUILD, { paused: true, pauseReason: 'admin' });
    }),
    configCall(dataset, 'not paused', 'resume', {}, withChannel),
    configCall(dataset, 'no channel', 'test'),
    configCall(dataset, 'next event', 'test', {}, withChannel),
    configCall(dataset, 'chosen event', 'test', { event: 'Xocalı' }, withChannel),
    configCall(dataset, 'unknown event', 'test', { event: 'Paris' }, withChannel),
    configCall(
      dataset,
      'missing access',
      'test',
      {},
      preview({ ok: false, code: 'missing-access', detail: 'Missing Access' }),
    ),
    configCall(
      dataset,
      'missing permissions',
      'test',
      {},
      preview({ ok: false, code: 'missing-permissions', detail: 'Send Messages, Embed Links' }),
    ),
    configCall(
      dataset,
      'unknown channel',
      'test',
      {},
      preview({ ok: false, code: 'unknown-channel', detail: 'x' }),
    ),
    configCall(
      dataset,
      'send failed',
      'test',
      {},
      preview({ ok: false, code: 'send-failed', detail: 'x'.repeat(500) }),
    ),
  ];
  out.push(...(await Promise.all(calls)));
  // Replies the router itself gives.
  out.push(
    {
      what: 'unknown command',
      result: { reply: { kind: 'error', code: 'unknown-command', name: 'x'.repeat(32) }, ephemeral: true },
    },
    {
      what: 'internal error',
      result: { reply: { kind: 'error', code: 'internal', interactionId: '1'.repeat(19) }, ephemeral: true },
    },
    {
      what: 'database unavailable',
      result: { reply: { kind: 'error', code: 'store-unavailable' }, ephemeral: true },
    },
  );
  return out;
}

describe('every reply of every command stays within Discord’s limits', () => {
  let dataset: Dataset;
  let replies: Rendered[];
  beforeAll(async () => {
    dataset = realDataset();
    replies = await everyCommandReply(dataset);
  });

  it('covers every kind of reply', () => {
    const kinds = new Set(replies.map((r) => r.result.reply.kind));
    expect([...kinds].sort()).toEqual(
      [
        'config-error',
        'config-show',
        'config-test',
        'config-updated',
        'error',
        'khojaly',
        'place',
        'sources',
        'timeline',
        'calendar',
        'unknown-place',
        'upcoming',
      ].sort(),
    );
    const configErrors = new Set(
      replies.flatMap((r) => (r.result.reply.kind === 'config-error' ? [r.result.reply.code] : [])),
    );
    expect(configErrors.size).toBe(13);
  });

  for (const language of LANGUAGES) {
    it(`in ${language}: lengths, counts, and mentions that mention nobody`, () => {
      for (const { what, result } of replies) {
        const payload = renderReply(result.reply, language);
        expectWithinLimits(payload, `${what} [${language}]`);
        expect(payload.allowed_mentions, `${what} [${language}]`).toEqual({ parse: [] });
      }
    });
  }
});

describe('every notice stays within Discord’s limits and mentions only the chosen role', () => {
  let dataset: Dataset;
  beforeAll(() => {
    dataset = realDataset();
  });

  const roles = [
    { label: 'no role', roleId: null },
    { label: 'a role', roleId: ROLE },
    { label: '@everyone', roleId: GUILD },
  ];

  for (const language of LANGUAGES) {
    it(`in ${language}`, () => {
      for (const event of eventsWithDay(dataset)) {
        for (const after of [NOW, at('2091-01-01T00:00Z')]) {
          const occurrence = nextOccurrence(event.date, after, { hour: 9, minute: 0 }, 'Asia/Baku');
          for (const { label, roleId } of roles) {
            for (const preview of [false, true]) {
              const what = `${event.id} ${occurrence.year}, ${label}, preview ${preview} [${language}]`;
              const payload = renderNotice(
                noticeFor(dataset, event, occurrence, { guildId: GUILD, roleId, preview }),
                language,
              );
              expectWithinLimits(payload, what);
              expect(payload.embeds, what).toHaveLength(1);
              const content = payload.content ?? '';
              if (roleId === null || preview) {
                // A preview shows the mention it will carry but pings nobody.
                expect(payload.allowed_mentions, what).toEqual({ parse: [] });
                if (roleId === null) expect(content, what).not.toMatch(/<@|@everyone|@here/);
              } else if (roleId === GUILD) {
                expect(payload.allowed_mentions, what).toEqual({ parse: ['everyone'] });
                expect(content, what).toContain('@everyone');
                expect(content, what).not.toContain(`<@&${GUILD}>`);
              } else {
                expect(payload.allowed_mentions, what).toEqual({ parse: [], roles: [ROLE] });
                expect(content, what).toContain(`<@&${ROLE}>`);
                expect(content, what).not.toMatch(/@everyone|@here/);
              }
              expect(payload.allowed_mentions.users, what).toBeUndefined();
              const text = JSON.stringify(payload.embeds);
              expect(text, `${what}: a mention in an embed pings nobody and misleads`).not.toMatch(
                /<@[&!]?\d/,
              );
            }
          }
        }
      }
    });
  }
});

/** Every name and description of a command, with its localisations, as Discord counts them. */
function definitionSize(definition: {
  name: string;
  description: string;
  description_localizations?: unknown;
  name_localizations?: unknown;
  options?: unknown;
}): number {
  const longest = (value: string, localizations: unknown) =>
    Math.max(
      [...value].length,
      ...Object.values((localizations ?? {}) as Record<string, string>).map((v) => [...v].length),
    );
  let size =
    longest(definition.name, definition.name_localizations) +
    longest(definition.description, definition.description_localizations);
  for (const option of (definition.options ?? []) as APIApplicationCommandOption[]) {
    size += definitionSize(option);
    if ('choices' in option && option.choices) {
      for (const choice of option.choices) {
        size += longest(choice.name, choice.name_localizations) + [...String(choice.value)].length;
      }
    }
  }
  return size;
}

/** Checks names, descriptions, localisations, option counts and choices, at every level. */
function checkOptions(options: readonly APIApplicationCommandOption[] | undefined, path: string): void {
  const list = options ?? [];
  expect(list.length, `${path}: options`).toBeLessThanOrEqual(25);
  expect(new Set(list.map((o) => o.name)).size, `${path}: duplicate option names`).toBe(list.length);
  let sawOptional = false;
  for (const option of list) {
    const at = `${path} ${option.name}`;
    checkNameAndDescription(option, at);
    if ('required' in option && option.required) {
      expect(sawOptional, `${at}: a required option after an optional one`).toBe(false);
    } else if (option.type !== 1 && option.type !== 2) sawOptional = true;
    if ('choices' in option && option.choices) {
      expect(option.choices.length, `${at}: choices`).toBeLessThanOrEqual(25);
      for (const choice of option.choices) {
        expect([...choice.name].length, `${at}: choice ${choice.name}`).toBeGreaterThanOrEqual(1);
        expect([...choice.name].length, `${at}: choice ${choice.name}`).toBeLessThanOrEqual(100);
        expect(String(choice.value).length, `${at}: choice value`).toBeLessThanOrEqual(100);
      }
    }
    if ('options' in option) checkOptions(option.options, at);
  }
}

function checkNameAndDescription(
  item: {
    name: string;
    description: string;
    description_localizations?: Record<string, string | null> | null | undefined;
  },
  path: string,
): void {
  expect(item.name, `${path}: name`).toMatch(NAME);
  expect(item.name, `${path}: name`).toBe(item.name.toLowerCase());
  for (const [locale, text] of [
    ['default', item.description],
    ...Object.entries(item.description_localizations ?? {}),
  ]) {
    const length = [...(text ?? '')].length;
    expect(length, `${path}: description (${locale}) "${text}"`).toBeGreaterThanOrEqual(1);
    expect(length, `${path}: description (${locale}) "${text}"`).toBeLessThanOrEqual(100);
  }
}

describe('command definitions', () => {
  it('are seven chat-input commands with unique names', () => {
    const names = commands.map((c) => c.definition.name);
    expect(names).toEqual(['district', 'khojaly', 'timeline', 'upcoming', 'calendar', 'sources', 'config']);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const command of commands) {
    const { definition } = command;
    it(`/${definition.name}: names, descriptions, localisations, options and size`, () => {
      checkNameAndDescription(definition, `/${definition.name}`);
      // Russian and Turkish readers get their own text; Discord has no Azerbaijani locale.
      const locales = Object.keys(definition.description_localizations ?? {});
      expect(locales).toEqual(expect.arrayContaining(['ru', 'tr']));
      for (const locale of locales) expect(Object.values(Locale), locale).toContain(locale);
      checkOptions(definition.options, `/${definition.name}`);
      expect(definitionSize(definition)).toBeLessThanOrEqual(8000);
      expect(definitionSize(definition)).toBeGreaterThan(definition.name.length);
    });
  }
});

describe('autocomplete answers stay within Discord’s limits', () => {
  let dataset: Dataset;
  beforeAll(() => {
    dataset = realDataset();
  });

  const checkChoices = (choices: Array<{ name: string; value: string }>, what: string, ids: string[]) => {
    expect(choices.length, what).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.name.length, `${what}: "${choice.name}"`).toBeGreaterThanOrEqual(1);
      expect(choice.name.length, `${what}: "${choice.name}"`).toBeLessThanOrEqual(100);
      expect(choice.value.length, what).toBeLessThanOrEqual(100);
      if (ids.length > 0) expect(ids, what).toContain(choice.value);
    }
  };

  for (const typed of ['', 'a', 'fuz', 'Физ', 'zzzzzz', 'x'.repeat(100)]) {
    it(`/district name: "${typed}"`, async () => {
      const ctx = commandContext(dataset, NOW);
      const autocomplete = byName('district').autocomplete;
      if (!autocomplete) throw new Error('/district has no autocomplete');
      for (const language of LANGUAGES as readonly Language[]) {
        const choices = await autocomplete(
          { invocation: invocation({ name: typed }, { language }), focused: { name: 'name', value: typed } },
          ctx,
        );
        checkChoices(
          choices,
          `"${typed}" [${language}]`,
          dataset.events.map((e) => e.id),
        );
        if (typed === '') expect(choices).toHaveLength(dataset.events.length);
        if (typed === 'fuz' || typed === 'Физ') expect(choices[0]?.value).toBe('fizuli');
        if (typed === 'zzzzzz') expect(choices).toEqual([]);
      }
    });
  }

  for (const [option, typed] of [
    ['zone', ''],
    ['zone', 'a'],
    ['zone', 'ber'],
    ['zone', 'America/'],
    ['event', ''],
    ['event', 'a'],
    ['event', 'Xocalı'],
    ['event', 'Nagorno'],
  ] as const) {
    it(`/config ${option}: "${typed}"`, async () => {
      const ctx = commandContext(dataset, NOW);
      const autocomplete = byName('config').autocomplete;
      if (!autocomplete) throw new Error('/config has no autocomplete');
      const choices = await autocomplete(
        {
          invocation: invocation({}, { subcommand: option === 'zone' ? 'timezone' : 'event' }),
          focused: { name: option, value: typed },
        },
        ctx,
      );
      const ids = option === 'event' ? eventsWithDay(dataset).map((e) => e.id) : [];
      checkChoices(choices, `${option} "${typed}"`, ids);
      // A period (Nagorno-Karabakh 1988–1992) has no anniversary to turn on or off.
      if (typed === 'Nagorno') expect(choices).toEqual([]);
      else expect(choices.length).toBeGreaterThan(0);
      if (option === 'zone') {
        for (const choice of choices)
          expect(Intl.supportedValuesOf('timeZone').concat('UTC')).toContain(choice.value);
      }
    });
  }
});
