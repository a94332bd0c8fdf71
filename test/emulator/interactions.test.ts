import {
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  MessageFlags,
  REST,
  Routes,
  SlashCommandBuilder,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loginClient, sampleGuild } from './client-harness.js';
import { type Emulator, startEmulator } from './emulator.js';

const GUILD = '1100000000000000000';
const TEXT = '1100000000000001001';
const MODS = '1100000000000002001';
const USER = '1100000000000003001';

let emulator: Emulator | undefined;
let client: Client<true> | undefined;

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await emulator?.close();
  emulator = undefined;
});

async function setup(
  handler: (i: Interaction) => Promise<unknown>,
  options: Parameters<typeof startEmulator>[0] = {},
) {
  emulator = await startEmulator({ guilds: [sampleGuild(GUILD)], ...options });
  client = await loginClient(emulator);
  const errors: unknown[] = [];
  client.on('interactionCreate', (i) => {
    handler(i).catch((e: unknown) => errors.push(e));
  });
  return { em: emulator, errors };
}

describe('interactions', () => {
  it('dispatches a command the client replies to, with options, locale and resolved channel and role', async () => {
    let seen: ChatInputCommandInteraction | undefined;
    const { em } = await setup(async (i) => {
      if (!i.isChatInputCommand()) return;
      seen = i;
      await i.reply({ content: `hi ${i.options.getString('name')}`, allowedMentions: { parse: [] } });
    });
    const handle = await em.interact({
      type: 'command',
      name: 'greet',
      subcommand: 'someone',
      guildId: GUILD,
      channelId: TEXT,
      user: { id: USER, username: 'ann', locale: 'ru' },
      options: [
        { name: 'name', type: 3, value: 'Ann' },
        { name: 'where', type: 7, value: TEXT },
        { name: 'role', type: 8, value: MODS },
      ],
    });

    expect(await handle.final()).toMatchObject({ content: 'hi Ann' });
    expect((await handle.response()).type).toBe(4);
    expect(handle.ackMs()).toBeGreaterThanOrEqual(0);
    expect(seen?.locale).toBe('ru');
    expect(seen?.guildLocale).toBe('en-US');
    expect(seen?.user.id).toBe(USER);
    expect(seen?.channelId).toBe(TEXT);
    expect(seen?.options.getSubcommand()).toBe('someone');
    expect(seen?.options.getChannel('where')?.id).toBe(TEXT);
    expect(seen?.options.getRole('role')?.name).toBe('Moderators');
    expect(seen?.memberPermissions?.has('Administrator')).toBe(true);
    expect(em.violations).toEqual([]);
  });

  it('waits for the edit after a deferred reply, and takes follow-ups', async () => {
    const { em } = await setup(async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.editReply({ embeds: [{ title: 'Done' }], allowedMentions: { parse: [] } });
      await i.followUp({ content: 'more', allowedMentions: { parse: [] } });
    });
    const handle = await em.interact({ type: 'command', name: 'slow', guildId: GUILD, channelId: TEXT });

    expect((await handle.response()).type).toBe(5);
    expect(await handle.final()).toMatchObject({ embeds: [{ title: 'Done' }] });
    await em.waitFor(() => handle.followUps.length === 1);
    expect(handle.followUps[0]).toMatchObject({ content: 'more' });
    const patch = em.requests.find((r) => r.method === 'PATCH');
    expect(patch?.route).toBe('PATCH /webhooks/:id/:token/messages/@original');
  });

  it('answers autocomplete with choices', async () => {
    const { em } = await setup(async (i) => {
      if (!i.isAutocomplete()) return;
      const typed = i.options.getFocused();
      await i.respond([{ name: `${typed}-one`, value: 'one' }]);
    });
    const handle = await em.interact({
      type: 'autocomplete',
      name: 'find',
      channelId: TEXT,
      guildId: GUILD,
      options: [{ name: 'query', type: 3, value: 'ber', focused: true }],
    });
    expect(await handle.response()).toMatchObject({
      type: 8,
      data: { choices: [{ name: 'ber-one', value: 'one' }] },
    });
  });

  it('refuses a reply after the acknowledgement deadline with 10062', async () => {
    const { em, errors } = await setup(
      async (i) => {
        if (!i.isChatInputCommand()) return;
        await new Promise((r) => setTimeout(r, 120));
        await i.reply({ content: 'too late', allowedMentions: { parse: [] } });
      },
      { interactionAckTimeoutMs: 50 },
    );
    const handle = await em.interact({ type: 'command', name: 'late', guildId: GUILD, channelId: TEXT });
    await expect(handle.response()).rejects.toThrow(/no interaction response/);
    await em.waitFor(() => errors.length === 1);
    expect(errors[0]).toMatchObject({ code: 10062, status: 404 });
  });

  it('refuses a second acknowledgement and a webhook after the token expired', async () => {
    let now = Date.now();
    const { em } = await setup(async () => {}, { now: () => now });
    const handle = await em.interact({ type: 'command', name: 'raw', channelId: '1100000000000004001' });
    const api = new REST({ api: em.apiUrl });
    const callback = Routes.interactionCallback(handle.id, handle.token);
    const body = { type: 4, data: { content: 'first' } };
    await api.post(callback, { body, auth: false });
    await expect(api.post(callback, { body, auth: false })).rejects.toMatchObject({
      code: 40060,
      status: 400,
    });

    now += 16 * 60_000;
    await expect(
      api.patch(Routes.webhookMessage(em.applicationId, handle.token, '@original'), {
        body: { content: 'x' },
        auth: false,
      }),
    ).rejects.toMatchObject({ code: 50027, status: 401 });
  });

  it('registers what SlashCommandBuilder produces, and dispatches with the registered command id', async () => {
    const ids: string[] = [];
    const { em } = await setup(async (i) => {
      if (i.isChatInputCommand()) ids.push(i.commandId);
    });
    const command = new SlashCommandBuilder()
      .setName('remember')
      .setDescription('Shows a date')
      .setDefaultMemberPermissions(32n)
      .addSubcommand((s) =>
        s
          .setName('date')
          .setDescription('A date')
          .addStringOption((o) =>
            o.setName('name').setDescription('Which').setRequired(true).setAutocomplete(true),
          )
          .addChannelOption((o) => o.setName('channel').setDescription('Where')),
      );
    const api = new REST({ api: em.apiUrl }).setToken(em.token);
    await api.put(Routes.applicationCommands(em.applicationId), { body: [command.toJSON()] });
    expect(em.violations).toEqual([]);

    await em.interact({
      type: 'command',
      name: 'remember',
      subcommand: 'date',
      channelId: TEXT,
      guildId: GUILD,
    });
    await em.waitFor(() => ids.length === 1);
    expect(ids[0]).toBe((em.commands()[0] as { id: string }).id);
  });

  it('dispatches DM interactions with the user and no guild', async () => {
    const seen: Interaction[] = [];
    const { em } = await setup(async (i) => {
      seen.push(i);
    });
    await em.interact({ type: 'command', name: 'dm', channelId: '1100000000000004001', user: { id: USER } });
    await em.waitFor(() => seen.length === 1);
    expect(seen[0]?.guildId).toBeNull();
    expect(seen[0]?.user.id).toBe(USER);
    expect(seen[0]?.channelId).toBe('1100000000000004001');
  });
});

describe('message components', () => {
  const row = (disabled: boolean) => ({
    type: 1,
    components: [{ type: 2, style: 2, custom_id: 'page:2', label: 'Next', disabled }],
  });

  it('a button press arrives as a component interaction carrying the message, and update edits that message', async () => {
    let pressedOn: string | undefined;
    const { em, errors } = await setup(async (i) => {
      if (i.isChatInputCommand()) {
        await i.reply({ content: 'page 1', components: [row(false)], flags: MessageFlags.Ephemeral });
      } else if (i.isButton()) {
        pressedOn = i.message.id;
        expect(i.customId).toBe('page:2');
        expect(i.message.flags.has(MessageFlags.Ephemeral)).toBe(true);
        await i.update({ content: 'page 2', components: [row(true)] });
      }
    });
    const command = await em.interact({ type: 'command', name: 'pages', guildId: GUILD, channelId: TEXT });
    const first = (await command.final()) as { id?: string };
    const press = await em.click({
      messageOf: command.id,
      customId: 'page:2',
      guildId: GUILD,
      channelId: TEXT,
    });
    expect((await press.response()).type).toBe(7);
    const updated = (await press.final()) as { id: string; content: string; components: unknown[] };
    expect(updated.content).toBe('page 2');
    expect(updated.components).toEqual([row(true)]);
    expect(pressedOn).toBeDefined();
    expect(errors).toEqual([]);
    // The page now shows the button disabled: nobody can press it again.
    await expect(
      em.click({ messageOf: command.id, customId: 'page:2', guildId: GUILD, channelId: TEXT }),
    ).rejects.toThrow(/disabled/);
    await expect(
      em.click({ messageOf: command.id, customId: 'page:9', guildId: GUILD, channelId: TEXT }),
    ).rejects.toThrow(/no button/);
    expect(first).toBeDefined();
  });

  it('refuses to "update the message" of a slash command, which has none to update', async () => {
    const { em, errors } = await setup(
      async (i) => {
        if (!i.isChatInputCommand()) return;
        const rest = new REST({ api: em.apiUrl }).setToken(em.token);
        await rest.post(Routes.interactionCallback(i.id, i.token), {
          body: { type: 7, data: { content: 'x' } },
          auth: false,
        });
      },
      { interactionAckTimeoutMs: 500 },
    );
    const handle = await em.interact({ type: 'command', name: 'pages', guildId: GUILD, channelId: TEXT });
    await em.waitFor(() => errors.length > 0 || undefined);
    expect(String(errors[0])).toMatch(/Invalid Form Body|callback type/i);
    await expect(handle.response()).rejects.toThrow();
  });
});
